package org.sam2tracker.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.run.StackAxis;
import org.sam2tracker.testing.TiffBytes;

/**
 * One contract, run against every way a time-lapse reaches the command line: the same 16-bit frames as an ImageJ
 * hyperstack, an OME-TIFF, a plain multi-page TIFF and a folder of single-page TIFFs open as the same time-lapse,
 * plane for plane, with the calibration wherever the format carries one.
 */
class InputReadersContractTest {

	private static final int FRAMES = 6;
	private static short[][] frames;
	private static int width;
	private static int height;

	@BeforeAll
	static void readTheCells() {
		final ImagePlus cells = IJ.openImage(TestData.ROOT.resolve("clips/cells/cells-16bit.tif").toString());
		width = cells.getWidth();
		height = cells.getHeight();
		frames = new short[FRAMES][];
		for (int t = 0; t < FRAMES; t++) frames[t] = (short[]) cells.getStack().getPixels(t + 1);
	}

	/** What every input reader must do; each format stores the same frames its own way. */
	abstract static class Contract {

		@TempDir
		Path dir;

		abstract Path write(Path folder) throws Exception;

		/** Whether the format says how large a pixel is and how long a frame takes. */
		abstract boolean carriesCalibration();

		@Test
		void opensAsTheSameTimeLapsePlaneForPlane() throws Exception {
			final ImagePlus imp = InputImages.open(write(dir), StackAxis.TIME);
			assertArrayEquals(new int[] { width, height, 1, 1, FRAMES }, imp.getDimensions());
			assertEquals(16, imp.getBitDepth());
			for (int t = 0; t < FRAMES; t++) {
				assertArrayEquals(frames[t], (short[]) imp.getStack().getProcessor(imp.getStackIndex(1, 1, t + 1))
					.getPixels(), "frame " + (t + 1));
			}
			if (carriesCalibration()) {
				assertEquals(0.65, imp.getCalibration().pixelWidth, 1e-6, "TIFF stores it as a fraction");
				assertEquals(5, imp.getCalibration().frameInterval, 1e-9);
			}
		}
	}

	@Nested
	class ImageJHyperstack extends Contract {

		@Override
		Path write(final Path folder) {
			final ImageStack stack = new ImageStack(width, height);
			for (final short[] f : frames) stack.addSlice(null, f.clone());
			final ImagePlus imp = new ImagePlus("cells", stack);
			imp.setDimensions(1, 1, FRAMES);
			imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = 0.65;
			imp.getCalibration().setUnit("micron");
			imp.getCalibration().frameInterval = 5;
			final Path file = folder.resolve("cells.tif");
			new FileSaver(imp).saveAsTiffStack(file.toString());
			return file;
		}

		@Override
		boolean carriesCalibration() {
			return true;
		}
	}

	@Nested
	class OmeTiff extends Contract {

		@Override
		Path write(final Path folder) throws Exception {
			final Path file = folder.resolve("cells.ome.tif");
			TiffBytes.write(file, width, height, frames, String.format(Locale.ROOT, "<?xml version=\"1.0\"?><OME " +
				"xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\"><Image ID=\"Image:0\"><Pixels " +
				"ID=\"Pixels:0\" DimensionOrder=\"XYZCT\" Type=\"uint16\" SizeX=\"%d\" SizeY=\"%d\" SizeC=\"1\" " +
				"SizeZ=\"1\" SizeT=\"%d\" PhysicalSizeX=\"0.65\" PhysicalSizeY=\"0.65\" TimeIncrement=\"5\"/></Image>" +
				"</OME>", width, height, FRAMES));
			return file;
		}

		@Override
		boolean carriesCalibration() {
			return true;
		}
	}

	@Nested
	class PlainMultiPageTiff extends Contract {

		@Override
		Path write(final Path folder) throws Exception {
			final Path file = folder.resolve("cells-plain.tif");
			TiffBytes.write(file, width, height, frames, null);
			return file;
		}

		@Override
		boolean carriesCalibration() {
			return false;
		}
	}

	@Nested
	class FolderOfFrames extends Contract {

		@Override
		Path write(final Path folder) throws Exception {
			final Path sequence = Files.createDirectories(folder.resolve("cells-frames"));
			for (int t = 0; t < FRAMES; t++) {
				TiffBytes.write(sequence.resolve("frame" + (t + 1) + ".tif"), width, height, new short[][] { frames[t] },
					null);
			}
			return sequence;
		}

		@Override
		boolean carriesCalibration() {
			return false;
		}
	}
}
