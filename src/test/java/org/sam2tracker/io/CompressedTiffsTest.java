package org.sam2tracker.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sam2tracker.run.StackAxis;
import org.sam2tracker.testing.TestData;

/**
 * TIFFs written by tifffile with the compressions its users pick read back as the uncompressed file does, plane
 * for plane, with the ImageJ metadata: Zstandard (which ImageJ cannot read, so it is decompressed here) with and
 * without the horizontal predictor, in one strip or several, grey and RGB; Deflate (ImageJ's own reader).
 */
class CompressedTiffsTest {

	private static final Path DIR = TestData.ROOT.resolve("clips/compressed");

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "cells-zstd.tif, cells-plain.tif", "cells-zstd-predictor-strips.tif, cells-plain.tif",
		"cells-deflate.tif, cells-plain.tif", "rgb-zstd-predictor.tif, rgb-plain.tif" })
	void readsAsTheUncompressedFileDoes(final String compressed, final String plain) throws Exception {
		final byte[] before = Files.readAllBytes(DIR.resolve(compressed));
		final ImagePlus expected = InputImages.open(DIR.resolve(plain), StackAxis.TIME);
		final ImagePlus imp = InputImages.open(DIR.resolve(compressed), StackAxis.TIME);
		assertArrayEquals(expected.getDimensions(), imp.getDimensions());
		assertEquals(expected.getBitDepth(), imp.getBitDepth());
		for (int i = 1; i <= expected.getStackSize(); i++) {
			final Object a = expected.getStack().getPixels(i);
			final Object b = imp.getStack().getPixels(i);
			if (a instanceof short[] s) assertArrayEquals(s, (short[]) b, "plane " + i);
			else assertArrayEquals((int[]) a, (int[]) b, "plane " + i);
		}
		assertEquals(expected.getCalibration().pixelWidth, imp.getCalibration().pixelWidth, 1e-9);
		assertEquals(expected.getCalibration().frameInterval, imp.getCalibration().frameInterval, 1e-9);
		assertEquals(compressed, imp.getTitle());
		assertArrayEquals(before, Files.readAllBytes(DIR.resolve(compressed)), "the input is only read");
	}
}
