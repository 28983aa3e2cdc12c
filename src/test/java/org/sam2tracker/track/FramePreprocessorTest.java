package org.sam2tracker.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sam2tracker.testing.Npy;
import org.sam2tracker.testing.TestData;

/** The reference's own preprocessing of a frame, reproduced: the resized 8-bit frame exactly, the pixel values
 * to the last bit. */
class FramePreprocessorTest {

	private static final float[] MEAN = { 0.485f, 0.456f, 0.406f };
	private static final float[] STD = { 0.229f, 0.224f, 0.225f };

	@ParameterizedTest
	@ValueSource(strings = { "bedroom-00000", "cells-8bit-00000" })
	void reproducesTheReferenceProcessor(final String name) throws IOException {
		final Path dir = TestData.ROOT.resolve("reference/preprocessing");
		final Npy input = Npy.read(dir.resolve(name + "-input.npy")); // [H, W, 3] uint8
		final int height = (int) input.shape()[0];
		final int width = (int) input.shape()[1];
		final byte[] rgb = new byte[3 * width * height];
		input.data().duplicate().get(rgb);
		final RgbFrame frame = new RgbFrame(width, height, rgb);
		final FramePreprocessor pre = new FramePreprocessor(256, MEAN, STD);

		final byte[][] planes = pre.resize(frame);
		final int[] expected = Npy.read(dir.resolve(name + "-resized.npy")).ints(); // [3, 256, 256]
		final int n = 256 * 256;
		int differing = 0;
		for (int c = 0; c < 3; c++) {
			for (int i = 0; i < n; i++) {
				if ((planes[c][i] & 0xff) != expected[c * n + i]) differing++;
			}
		}
		assertEquals(0, differing, "pixels that differ from the reference's resize");

		final float[] pixels = pre.pixelValues(frame);
		assertArrayEquals(Npy.read(dir.resolve(name + "-pixel_values.npy")).floats(), pixels, 0f);
	}
}
