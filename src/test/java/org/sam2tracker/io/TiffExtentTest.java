package org.sam2tracker.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiffExtentTest {

	@TempDir
	Path dir;

	@Test
	void aWholeStackHoldsAllItsImagesAndACutOneDoesNot() throws Exception {
		final ImageStack stack = new ImageStack(64, 48);
		for (int i = 0; i < 5; i++) stack.addSlice(new ShortProcessor(64, 48));
		final Path file = dir.resolve("stack.tif");
		new FileSaver(new ImagePlus("stack", stack)).saveAsTiffStack(file.toString());
		assertTrue(TiffExtent.holdsAllImages(file));
		try (RandomAccessFile cut = new RandomAccessFile(file.toFile(), "rw")) {
			cut.setLength(Files.size(file) - 2 * 64 * 48 * 2);
		}
		assertFalse(TiffExtent.holdsAllImages(file));
	}

	@Test
	void aSingleImageAndAFileThatIsNoTiff() throws Exception {
		final Path one = dir.resolve("one.tif");
		new FileSaver(new ImagePlus("one", new ShortProcessor(32, 32))).saveAsTiff(one.toString());
		assertTrue(TiffExtent.holdsAllImages(one));
		final Path text = Files.writeString(dir.resolve("text.tif"), "not a TIFF");
		assertFalse(TiffExtent.holdsAllImages(text));
	}
}
