package org.sam2tracker.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ij.ImagePlus;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.TiffBytes;
import org.sam2tracker.run.StackAxis;

/** Single PNG and JPEG files, and a TIFF under a name that does not say so. */
class SingleImageInputTest {

	@TempDir
	Path temp;

	@Test
	void aSixteenBitPngIsOneSixteenBitFrame() throws Exception {
		final BufferedImage image = new BufferedImage(5, 4, BufferedImage.TYPE_USHORT_GRAY);
		image.getRaster().setSample(2, 1, 0, 40000);
		final Path file = temp.resolve("cell.png");
		ImageIO.write(image, "png", file.toFile());
		final ImagePlus imp = InputImages.open(file, StackAxis.TIME);
		assertArrayEquals(new int[] { 5, 4, 1, 1, 1 }, imp.getDimensions());
		assertEquals(16, imp.getBitDepth());
		assertEquals(40000, imp.getProcessor().get(2, 1));
	}

	@Test
	void aGreyJpegIsOneEightBitFrame() throws Exception {
		final BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
		for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) image.getRaster().setSample(x, y, 0, 120);
		final Path file = temp.resolve("cell.JPG");
		ImageIO.write(image, "jpg", file.toFile());
		final ImagePlus imp = InputImages.open(file, StackAxis.TIME);
		assertEquals(8, imp.getBitDepth());
		assertEquals(120, imp.getProcessor().get(8, 8), 2);
	}

	/** MetaMorph's .stk and other TIFF-based files are TIFFs by their first bytes. */
	@Test
	void aTiffUnderAnotherNameIsReadAsATiff() throws Exception {
		final Path file = temp.resolve("stack.stk");
		TiffBytes.write(file, 3, 2, new short[][] { new short[6], new short[6] }, null);
		assertFalse(InputImages.isInput(file));
		assertArrayEquals(new int[] { 3, 2, 1, 1, 2 }, InputImages.open(file, StackAxis.TIME).getDimensions());
	}
}
