package org.sam2tracker.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sam2tracker.testing.Npy;
import org.sam2tracker.testing.TestData;

/**
 * The reference's resize at every precision it picks: camera frames shrunk 8 and 10 times, odd sizes, a video
 * frame, SAM 2.1's own 1024 px, and an enlargement. The frames are made here from the same formula as in
 * models/export/make_resize_fixtures.py; the reference's results are in test-data.
 */
class LargeFrameResizeTest {

	private static final float[] MEAN = { 0.485f, 0.456f, 0.406f };
	private static final float[] STD = { 0.229f, 0.224f, 0.225f };

	@ParameterizedTest(name = "{0} x {1} to {2}")
	@CsvSource({ "2048, 2048, 256", "2560, 2160, 256", "1009, 1305, 256", "854, 480, 256", "2048, 2048, 1024",
		"300, 200, 256" })
	void everyResizedValueIsTheReferences(final int width, final int height, final int size) throws IOException {
		final byte[][] planes = new FramePreprocessor(size, MEAN, STD).resize(synthetic(width, height));
		final int[] expected = Npy.read(TestData.ROOT.resolve("reference/preprocessing/resize-" + width + "x" + height +
			"-to-" + size + ".npy.gz")).ints();
		final int n = size * size;
		int differing = 0;
		for (int c = 0; c < 3; c++) {
			for (int i = 0; i < n; i++) {
				if ((planes[c][i] & 0xff) != expected[c * n + i]) differing++;
			}
		}
		assertEquals(0, differing, "resized values that differ from the reference's, of " + 3 * n);
	}

	/** The synthetic frame of make_resize_fixtures.py: a hash of the position mixed with a gradient. */
	static RgbFrame synthetic(final int width, final int height) {
		final byte[] rgb = new byte[3 * width * height];
		for (long y = 0; y < height; y++) {
			for (long x = 0; x < width; x++) {
				for (long c = 0; c < 3; c++) {
					rgb[(int) (3 * (y * width + x) + c)] = (byte) ((((x * 2654435761L + y * 320754057L + c * 97) >> 7) ^ (x +
						2 * y)) & 255);
				}
			}
		}
		return new RgbFrame(width, height, rgb);
	}
}
