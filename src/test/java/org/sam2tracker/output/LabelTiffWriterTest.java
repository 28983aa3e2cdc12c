package org.sam2tracker.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label images written as TIFF and opened again: dimensions, calibration and every pixel come back. */
class LabelTiffWriterTest {

	@TempDir
	Path dir;

	@Test
	void sixteenBitHyperstackKeepsDimensionsCalibrationAndPixels() throws Exception {
		final ImagePlus labels = labels("16-bit", 1, 2, 3, 65535);
		final ImagePlus back = roundTrip(labels);
		assertEquals(16, back.getBitDepth());
		assertEquals("cells-labels", labels.getTitle(), "the image keeps its title");
		final Calibration cal = back.getCalibration();
		assertEquals(0.5, cal.pixelWidth, 1e-12);
		assertEquals(0.25, cal.pixelHeight, 1e-12);
		assertEquals(2, cal.pixelDepth, 1e-12);
		assertEquals("micron", cal.getUnit());
		assertEquals(10, cal.frameInterval, 1e-12);
		assertEquals("min", cal.getTimeUnit());
	}

	@Test
	void labelsPastSixteenBitsStayThirtyTwoBit() throws Exception {
		final ImagePlus back = roundTrip(labels("32-bit", 1, 1, 4, 70000));
		assertEquals(32, back.getBitDepth());
	}

	@Test
	void channelsAndASinglePlaneComeBackToo() throws Exception {
		roundTrip(labels("16-bit", 2, 1, 2, 300));
		roundTrip(labels("16-bit", 1, 1, 1, 7));
	}

	/** Writes, reads back, compares dimensions and pixels, and checks that only the file is left. */
	private ImagePlus roundTrip(final ImagePlus labels) throws Exception {
		final Path out = dir.resolve("out");
		final Path file = out.resolve("cells-labels.tif");
		LabelTiffWriter.write(labels, file);
		final ImagePlus back = IJ.openImage(file.toString());
		assertEquals(List.of(labels.getWidth(), labels.getHeight(), labels.getNChannels(), labels.getNSlices(),
			labels.getNFrames()), List.of(back.getWidth(), back.getHeight(), back.getNChannels(), back.getNSlices(),
				back.getNFrames()));
		for (int i = 1; i <= labels.getStackSize(); i++) {
			final float[] want = (float[]) labels.getStack().getProcessor(i).convertToFloat().getPixels();
			final float[] got = (float[]) back.getStack().getProcessor(i).convertToFloat().getPixels();
			for (int p = 0; p < want.length; p++) assertEquals(want[p], got[p], "plane " + i + ", pixel " + p);
		}
		try (var files = Files.list(out)) {
			assertEquals(List.of(file), files.toList(), "no temporary file is left beside it");
		}
		Files.delete(file);
		return back;
	}

	/** A label image whose every pixel differs from its neighbours' and whose largest value is {@code top}. */
	private static ImagePlus labels(final String type, final int c, final int z, final int t, final int top) {
		final ImagePlus imp = IJ.createImage("cells-labels", type + " black", 7, 5, c, z, t);
		final int n = imp.getStackSize();
		for (int i = 1; i <= n; i++) {
			final var ip = imp.getStack().getProcessor(i);
			for (int p = 0; p < ip.getPixelCount(); p++) ip.setf(p, (i * 37 + p) % 50);
		}
		imp.getStack().getProcessor(n).setf(0, top);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.5;
		cal.pixelHeight = 0.25;
		cal.pixelDepth = 2;
		cal.setUnit("micron");
		cal.frameInterval = 10;
		cal.setTimeUnit("min");
		return imp;
	}
}
