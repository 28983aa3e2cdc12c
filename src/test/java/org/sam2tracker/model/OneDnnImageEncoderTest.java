package org.sam2tracker.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sam2tracker.testing.TestData;

/**
 * The engine's own image encoder (oneDNN products) against the image_encoder graph in ONNX Runtime, on the
 * checkpoint fixture's weights and seeded pixels, at its own input size and at 128 px: float32 products give the
 * graph's three outputs, bfloat16 products (where the CPU has bfloat16 units) stay within bfloat16's rounding.
 * The fixture's windows tile its grids; windows padded past the image (SAM 2.1's 14-token windows on a 64-token
 * grid) meet the opening check of every real model ({@link OwnStageCheck}) and the benchmark's agreement runs.
 */
class OneDnnImageEncoderTest {

	@Test
	void float32ProductsGiveTheGraphsValuesAndBfloat16StaysClose() throws Exception {
		assumeTrue(OneDnnLibrary.problem() == null, "oneDNN cannot load here: " + OneDnnLibrary.problem());
		for (final int size : new int[] { ModelBundle.OWN_INPUT_SIZE, 128 }) {
			final ModelBundle bundle = ModelBundle.open(TestData.CHECKPOINT_BUNDLE, size);
			final BundleConfig c = bundle.manifest().config();
			final float[] pixels = OwnStageCheck.gaussian(new Random(size), 3 * c.imageSize() * c.imageSize());
			final FrameFeatures graph;
			try (Sam2Model exact = Sam2Model.open(TestData.CHECKPOINT_BUNDLE, size, Precision.EXACT, Device.CPU, 2)) {
				graph = exact.encodeImage(pixels);
			}
			final float[][] theirs = { graph.highResFeat0(), graph.highResFeat1(), graph.imageEmbed() };
			final String[] names = { "high_res_feat0", "high_res_feat1", "image_embed" };
			try (CheckpointWeights weights = CheckpointWeights.of(bundle)) {
				for (final boolean bf16 : OneDnnLibrary.bf16Units() == null ? new boolean[] { false } : new boolean[] {
					false, true }) {
					try (OneDnnImageEncoder own = new OneDnnImageEncoder(weights.floats("image_encoder"), c, c
						.imageEncoder(), bf16))
					{
						final float[][] ours = own.encode(pixels);
						for (int i = 0; i < theirs.length; i++) {
							double max = 0;
							for (int j = 0; j < theirs[i].length; j++) max = Math.max(max, Math.abs(ours[i][j] - theirs[i][j]));
							final double relative = OwnStageCheck.relativeError(ours[i], theirs[i]);
							System.out.printf("image encoder at %s px, %s products, %s: max abs diff %.2e, relative RMS " +
								"%.3f%%%n", size == ModelBundle.OWN_INPUT_SIZE ? "own" : size, bf16 ? "bfloat16" : "float32",
								names[i], max, 100 * relative);
							if (bf16) assertTrue(relative < 0.015, names[i] + ": bfloat16 relative RMS error " + relative);
							else assertTrue(max < 1e-4, names[i] + ": float32 max abs diff " + max);
						}
					}
				}
			}
		}
	}

	@Test
	void aLayoutThatDoesNotFitTheWeightsIsRefused() throws Exception {
		assumeTrue(OneDnnLibrary.problem() == null, "oneDNN cannot load here: " + OneDnnLibrary.problem());
		final ModelBundle bundle = ModelBundle.open(TestData.CHECKPOINT_BUNDLE, ModelBundle.OWN_INPUT_SIZE);
		final BundleConfig c = bundle.config();
		try (CheckpointWeights weights = CheckpointWeights.of(bundle)) {
			final HieraLayout fiveHeads = new HieraLayout(new int[] { 5, 1, 2, 2 }, new int[] { 8, 4, 4, 2 }, new int[0]);
			final BundleException heads = assertThrows(BundleException.class, () -> new OneDnnImageEncoder(weights
				.floats("image_encoder"), c, fiveHeads, false));
			assertTrue(heads.getMessage().contains("5 heads on 12 channels"), heads.getMessage());
			final HieraLayout threeStages = new HieraLayout(new int[] { 1, 1, 2 }, new int[] { 8, 4, 4 }, new int[0]);
			final BundleException stages = assertThrows(BundleException.class, () -> new OneDnnImageEncoder(weights
				.floats("image_encoder"), c, threeStages, false));
			assertTrue(stages.getMessage().contains("more stages than its layout lists"), stages.getMessage());
		}
	}
}
