package org.sam2tracker.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.sam2tracker.testing.Npy;
import org.sam2tracker.testing.TestData;

/**
 * The reference runs are consistent with themselves and with our resampling: every recorded final mask is
 * the recorded low-resolution logits brought to the frame's size with {@link Bilinear} and thresholded at 0.
 */
class ReferenceMasksTest {

	@Test
	void finalMasksAreTheUpsampledLogits() throws IOException {
		int checked = 0;
		double worstIou = 1;
		for (final Path scenario : scenarios()) {
			for (int step = 0; Files.exists(scenario.resolve("step" + step + "-frames.npy")); step++) {
				final Npy frames = Npy.read(scenario.resolve("step" + step + "-frames.npy"));
				if (frames.size() == 0) continue;
				final Npy logits = Npy.read(scenario.resolve("step" + step + "-low_res_logits.npy"));
				final Npy masks = Npy.read(scenario.resolve("step" + step + "-masks.npy.gz"));
				final int events = (int) logits.shape()[0];
				final int objects = (int) logits.shape()[1];
				final int low = (int) logits.shape()[2];
				final int height = (int) masks.shape()[2];
				final int width = (int) masks.shape()[3];
				assertEquals(events, frames.size(), scenario + " step " + step);
				assertEquals(events, masks.shape()[0]);
				assertEquals(objects, masks.shape()[1]);
				final float[] allLogits = logits.floats();
				final int[] allMasks = masks.ints();
				for (int e = 0; e < events; e++) {
					for (int o = 0; o < objects; o++) {
						final int at = (e * objects + o) * low * low;
						final float[] up = Bilinear.resize(java.util.Arrays.copyOfRange(allLogits, at, at + low * low),
							low, low, width, height);
						final int maskAt = (e * objects + o) * width * height;
						int inter = 0, union = 0;
						for (int p = 0; p < up.length; p++) {
							final boolean ours = up[p] > 0;
							final boolean theirs = allMasks[maskAt + p] != 0;
							if (ours && theirs) inter++;
							if (ours || theirs) union++;
						}
						final double iou = union == 0 ? 1 : (double) inter / union;
						worstIou = Math.min(worstIou, iou);
						checked++;
					}
				}
			}
		}
		System.out.printf("reference masks: %d object-frames, smallest IoU with our upsampling %.6f%n", checked, worstIou);
		assertTrue(checked >= 200, "every scenario has outputs; checked " + checked);
		assertTrue(worstIou >= 0.999, "smallest IoU " + worstIou);
	}

	@Test
	void resizeKeepsAConstantAndMatchesHandComputedValues() {
		final float[] src = { 0, 1, 2, 3 }; // 2 x 2
		final float[] up = Bilinear.resize(src, 2, 2, 4, 4);
		// Half-pixel centres: output x=1 samples source x=0.25, so 0.75*0 + 0.25*1 along the first row.
		assertEquals(0.25f, up[1], 1e-6);
		assertEquals(0f, up[0], 1e-6); // clamped at the border
		assertEquals(3f, up[15], 1e-6);
		assertEquals(0.5f + 0.25f, up[5], 1e-6); // x 0.25, y 0.25: 0.25*1 + 0.25*2
		final float[] flat = Bilinear.resize(new float[] { 7, 7, 7, 7, 7, 7 }, 3, 2, 5, 9);
		for (final float v : flat) assertEquals(7f, v, 1e-6);
	}

	private static List<Path> scenarios() throws IOException {
		try (Stream<Path> dirs = Files.list(TestData.ROOT.resolve("reference"))) {
			return dirs.filter(d -> Files.exists(d.resolve("scenario.json"))).sorted().toList();
		}
	}
}
