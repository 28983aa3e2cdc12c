package org.sam2tracker.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sam2tracker.run.StackAxis;

/** A folder of images as a time-lapse: order, laziness, what is skipped and what is refused. */
class ImageFolderInputTest {

	@TempDir
	Path temp;

	@Test
	void framesComeInNaturalOrderAndOtherFilesAreSkipped() throws Exception {
		final Path dir = Files.createDirectory(temp.resolve("movie"));
		for (final int n : new int[] { 10, 2, 1 }) tiff(dir, "frame" + n + ".tif", 16, 8, 6, n);
		Files.writeString(dir.resolve("notes.txt"), "not an image");
		tiff(dir, ".hidden.tif", 8, 3, 3, 0); // another size and type: it would be refused if it were read
		Files.createDirectory(dir.resolve("sub.tif"));
		final ImagePlus imp = InputImages.open(dir, StackAxis.Z);
		assertTrue(imp.getStack().isVirtual());
		assertArrayEquals(new int[] { 8, 6, 1, 1, 3 }, imp.getDimensions());
		assertEquals(16, imp.getBitDepth());
		final int[] numbers = { 1, 2, 10 };
		for (int i = 0; i < numbers.length; i++) {
			assertEquals(numbers[i], imp.getStack().getProcessor(i + 1).get(2, 2));
			assertEquals("frame" + numbers[i] + ".tif", imp.getStack().getSliceLabel(i + 1));
		}
	}

	/** A frame is read when asked for: one rewritten after opening is read as it is now. */
	@Test
	void framesAreReadWhenAskedFor() throws Exception {
		final Path dir = Files.createDirectory(temp.resolve("lazy"));
		for (int n = 1; n <= 3; n++) tiff(dir, "t" + n + ".tif", 8, 5, 4, n);
		final ImagePlus imp = InputImages.open(dir, StackAxis.TIME);
		tiff(dir, "t3.tif", 8, 5, 4, 99);
		assertEquals(99, imp.getStack().getProcessor(3).get(0, 0));
		tiff(dir, "t2.tif", 8, 7, 4, 2);
		final IllegalStateException e = assertThrows(IllegalStateException.class, () -> imp.getStack()
			.getProcessor(2));
		assertTrue(e.getMessage().contains("t2.tif"), e.getMessage());
	}

	@Test
	void theCalibrationIsTheFirstImages() throws Exception {
		final Path dir = Files.createDirectory(temp.resolve("calibrated"));
		for (int n = 1; n <= 2; n++) {
			final ImagePlus frame = IJ.createImage("f", "8-bit black", 5, 5, 1);
			frame.getCalibration().pixelWidth = 0.2;
			frame.getCalibration().pixelHeight = 0.2;
			frame.getCalibration().setUnit("um");
			assertTrue(new FileSaver(frame).saveAsTiff(dir.resolve("f" + n + ".tif").toString()));
		}
		final ImagePlus imp = InputImages.open(dir, StackAxis.TIME);
		assertEquals(0.2, imp.getCalibration().pixelWidth, 1e-9);
		assertEquals("\u00B5m", imp.getCalibration().getUnit());
	}

	@Test
	void pngFramesAreRead() throws Exception {
		final Path dir = Files.createDirectory(temp.resolve("png"));
		for (int n = 1; n <= 3; n++) {
			ImageIO.write(grey(6, 4, 40 * n), "png", dir.resolve("img_" + n + ".png").toFile());
		}
		final ImagePlus imp = InputImages.open(dir, StackAxis.TIME);
		assertArrayEquals(new int[] { 6, 4, 1, 1, 3 }, imp.getDimensions());
		assertEquals(8, imp.getBitDepth());
		for (int n = 1; n <= 3; n++) assertEquals(40 * n, imp.getStack().getProcessor(n).get(1, 1));
	}

	@Test
	void jpegFramesAreRead() throws Exception {
		final Path dir = Files.createDirectory(temp.resolve("jpeg"));
		for (int n = 1; n <= 2; n++) {
			final BufferedImage rgb = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
			for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) rgb.setRGB(x, y, 0x204080 * n);
			ImageIO.write(rgb, "jpg", dir.resolve("shot" + n + (n == 1 ? ".jpg" : ".jpeg")).toFile());
		}
		final ImagePlus imp = InputImages.open(dir, StackAxis.TIME);
		assertArrayEquals(new int[] { 16, 16, 1, 1, 2 }, imp.getDimensions());
		assertEquals(24, imp.getBitDepth());
		// JPEG is lossy: the colour of a flat image comes back near what was written.
		final int red = (imp.getStack().getProcessor(2).get(8, 8) >> 16) & 0xff;
		assertEquals(0x40, red, 3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "size", "type" })
	void anImageUnlikeTheFirstIsNamed(final String unlike) throws Exception {
		final Path dir = Files.createDirectory(temp.resolve("mixed-" + unlike));
		for (int n = 1; n <= 4; n++) {
			final boolean odd = n >= 3;
			tiff(dir, "frame" + n + ".tif", odd && unlike.equals("type") ? 16 : 8, odd && unlike.equals("size") ? 9 : 8,
				8, n);
		}
		final InputException e = assertThrows(InputException.class, () -> InputImages.open(dir, StackAxis.TIME));
		assertTrue(e.getMessage().contains("frame3.tif") && !e.getMessage().contains("frame4.tif") && e.getMessage()
			.contains("same size and type"), e.getMessage());
	}

	@Test
	void aMultiPageImageInAFolderIsRefused() throws Exception {
		final Path dir = Files.createDirectory(temp.resolve("stacks"));
		tiff(dir, "a1.tif", 8, 4, 4, 1);
		final ImagePlus stack = IJ.createImage("s", "8-bit black", 4, 4, 2);
		assertTrue(new FileSaver(stack).saveAsTiff(dir.resolve("a2.tif").toString()));
		final InputException e = assertThrows(InputException.class, () -> InputImages.open(dir, StackAxis.TIME));
		assertTrue(e.getMessage().contains("a2.tif") && e.getMessage().contains("several pages"), e.getMessage());
	}

	@Test
	void aFolderWithoutImagesIsRefused() throws Exception {
		final Path empty = Files.createDirectory(temp.resolve("empty"));
		final InputException e = assertThrows(InputException.class, () -> InputImages.open(empty, StackAxis.TIME));
		assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("no TIFF, PNG or JPEG"), e
			.getMessage());
		Files.writeString(empty.resolve("readme.txt"), "text");
		Files.writeString(empty.resolve(".DS_Store"), "hidden");
		assertThrows(InputException.class, () -> InputImages.open(empty, StackAxis.TIME));
	}

	private static void tiff(final Path dir, final String name, final int bitDepth, final int width, final int height,
		final int value)
	{
		final ImagePlus imp = IJ.createImage(name, bitDepth + "-bit black", width, height, 1);
		imp.getProcessor().setColor(value);
		imp.getProcessor().fill();
		assertTrue(new FileSaver(imp).saveAsTiff(dir.resolve(name).toString()));
	}

	private static BufferedImage grey(final int width, final int height, final int value) {
		final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
		for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) image.getRaster().setSample(x, y, 0, value);
		return image;
	}
}
