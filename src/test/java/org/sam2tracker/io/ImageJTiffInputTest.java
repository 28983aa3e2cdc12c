package org.sam2tracker.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.Calibration;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sam2tracker.testing.TiffBytes;
import org.sam2tracker.run.StackAxis;

/** TIFFs as ImageJ writes them, and multi-page TIFFs that do not say what their pages are. */
class ImageJTiffInputTest {

	@TempDir
	Path temp;

	/** Channels, slices and frames come back as saved, in place, with the calibration, whatever plainStacks is. */
	@ParameterizedTest
	@ValueSource(ints = { 8, 16, 32, 24 })
	void hyperstacksKeepDimensionsAndCalibration(final int bitDepth) throws Exception {
		final int channels = bitDepth == 24 ? 1 : 2;
		final ImagePlus saved = numbered(IJ.createHyperStack("h", 12, 10, channels, 3, 4, bitDepth));
		final Calibration cal = saved.getCalibration();
		cal.pixelWidth = 0.25;
		cal.pixelHeight = 0.5;
		cal.pixelDepth = 1.5;
		cal.setUnit("um");
		cal.frameInterval = 2.5;
		cal.setTimeUnit("min");
		final Path file = save(saved, "hyper-" + bitDepth + ".tif");
		for (final StackAxis axis : StackAxis.values()) {
			final ImagePlus read = InputImages.open(file, axis);
			assertEquals(bitDepth, read.getBitDepth());
			assertArrayEquals(new int[] { 12, 10, channels, 3, 4 }, read.getDimensions(), axis.name());
			assertSameNumbers(saved, read);
			final Calibration back = read.getCalibration();
			assertEquals(0.25, back.pixelWidth, 1e-9);
			assertEquals(0.5, back.pixelHeight, 1e-9);
			assertEquals(1.5, back.pixelDepth, 1e-9);
			assertEquals("\u00B5m", back.getUnit());
			assertEquals(2.5, back.frameInterval, 1e-9);
			assertEquals("min", back.getTimeUnit());
		}
	}

	/** An ImageJ stack saved without frames says only slices=, as every ImageJ stack does: plainStacks decides. */
	@ParameterizedTest
	@EnumSource(StackAxis.class)
	void plainImageJStackPagesFollowPlainStacks(final StackAxis axis) throws Exception {
		final ImagePlus saved = numbered(IJ.createImage("plain", "16-bit black", 8, 6, 5));
		saved.setDimensions(1, 5, 1);
		final ImagePlus read = InputImages.open(save(saved, "plain.tif"), axis);
		assertArrayEquals(axis == StackAxis.TIME ? new int[] { 8, 6, 1, 1, 5 } : new int[] { 8, 6, 1, 5, 1 }, read
			.getDimensions());
		assertSameNumbers(saved, read);
	}

	@Test
	void imageJFramesStayFrames() throws Exception {
		final ImagePlus saved = numbered(IJ.createImage("frames", "8-bit black", 8, 6, 4));
		saved.setDimensions(1, 1, 4);
		assertArrayEquals(new int[] { 8, 6, 1, 1, 4 }, InputImages.open(save(saved, "frames.tif"), StackAxis.Z)
			.getDimensions());
	}

	@Test
	void imageJZStackHyperstackStaysAZStack() throws Exception {
		final ImagePlus saved = IJ.createHyperStack("z", 8, 6, 2, 5, 1, 16);
		assertArrayEquals(new int[] { 8, 6, 2, 5, 1 }, InputImages.open(save(saved, "z.tif"), StackAxis.TIME)
			.getDimensions());
	}

	/** Pages of another program's TIFF, with no ImageJ description at all, in page order. */
	@ParameterizedTest
	@EnumSource(StackAxis.class)
	void otherProgramsMultiPageTiffFollowsPlainStacks(final StackAxis axis) throws Exception {
		final short[][] pages = new short[6][4 * 3];
		for (int p = 0; p < pages.length; p++) Arrays.fill(pages[p], (short) (1000 + p));
		final Path file = temp.resolve("pages.tiff");
		TiffBytes.write(file, 4, 3, pages, "written by another program");
		final ImagePlus read = InputImages.open(file, axis);
		assertEquals(16, read.getBitDepth());
		assertArrayEquals(axis == StackAxis.TIME ? new int[] { 4, 3, 1, 1, 6 } : new int[] { 4, 3, 1, 6, 1 }, read
			.getDimensions());
		for (int p = 0; p < pages.length; p++) assertEquals(1000 + p, read.getStack().getProcessor(p + 1).get(1, 1));
	}

	@Test
	void aSinglePageTiffIsOneFrame() throws Exception {
		final ImagePlus saved = IJ.createImage("one", "32-bit ramp", 9, 7, 1);
		final ImagePlus read = InputImages.open(save(saved, "one.tif"), StackAxis.TIME);
		assertArrayEquals(new int[] { 9, 7, 1, 1, 1 }, read.getDimensions());
		assertEquals(saved.getProcessor().getf(8, 3), read.getProcessor().getf(8, 3));
	}

	private Path save(final ImagePlus imp, final String name) {
		final Path file = temp.resolve(name);
		assertTrue(new FileSaver(imp).saveAsTiff(file.toString()));
		return file;
	}

	/** Each plane holds its own stack index, so that a plane out of place shows. */
	private static ImagePlus numbered(final ImagePlus imp) {
		for (int i = 1; i <= imp.getStackSize(); i++) {
			imp.getStack().getProcessor(i).setColor(i);
			imp.getStack().getProcessor(i).fill();
		}
		return imp;
	}

	private static void assertSameNumbers(final ImagePlus saved, final ImagePlus read) {
		assertEquals(saved.getStackSize(), read.getStackSize());
		for (int i = 1; i <= saved.getStackSize(); i++) {
			assertEquals(saved.getStack().getProcessor(i).get(3, 2), read.getStack().getProcessor(i).get(3, 2),
				"plane " + i);
		}
	}
}
