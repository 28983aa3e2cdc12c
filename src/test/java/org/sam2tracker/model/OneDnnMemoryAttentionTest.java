package org.sam2tracker.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sam2tracker.testing.TestData;

/**
 * The engine's own memory attention (oneDNN products) against the memory_attention graph in ONNX Runtime, on the
 * checkpoint fixture's weights and seeded inputs with memory frames and pointers: float32 products give the
 * graph's values, bfloat16 products (where the CPU has bfloat16 units) stay within bfloat16's rounding. Queries go in blocks of 48, so that the
 * fixture's small grids (64 and 256 tokens) are cut into several blocks, one of them short, as real sizes are.
 */
class OneDnnMemoryAttentionTest {

	@Test
	void float32ProductsGiveTheGraphsValuesAndBfloat16StaysClose() throws Exception {
		for (final int size : new int[] { ModelBundle.OWN_INPUT_SIZE, 128 }) {
			final ModelBundle bundle = ModelBundle.open(TestData.CHECKPOINT_BUNDLE, size);
			final BundleConfig c = bundle.manifest().config();
			final int hw = c.featureSize() * c.featureSize();
			final Random random = new Random(size);
			final int frames = 3;
			final int pointers = 4;
			final float[] embed = OwnStageCheck.gaussian(random, c.hiddenDim() * hw);
			final float[] memory = OwnStageCheck.gaussian(random, frames * c.memoryDim() * hw);
			final long[] tpos = { 6, 0, 2 };
			final float[] pointerValues = OwnStageCheck.gaussian(random, pointers * c.hiddenDim());
			final float[] pointerTpos = { 0f, -0.25f, -0.5f, 1f };
			final float[] graph;
			try (Sam2Model exact = Sam2Model.open(TestData.CHECKPOINT_BUNDLE, size, Precision.EXACT, Device.CPU, 2)) {
				graph = exact.attend(new FrameFeatures(null, null, embed), 1, frames, pointers, memory, tpos,
					pointerValues, pointerTpos);
			}
			try (CheckpointWeights weights = CheckpointWeights.of(bundle)) {
				assumeTrue(OneDnnLibrary.problem() == null, "oneDNN cannot load here: " + OneDnnLibrary.problem());
				// bfloat16 products where the CPU has the units bf16 is used on (elsewhere it runs exact)
				for (final boolean bf16 : OneDnnLibrary.bf16Units() == null ? new boolean[] { false } : new boolean[] {
					false, true }) {
					try (OneDnnMemoryAttention own = new OneDnnMemoryAttention(weights.floats("memory_attention"), c,
						bf16, 48))
					{
						final float[] ours = own.attend(embed, frames, memory, tpos, pointers, pointerValues, pointerTpos);
						double max = 0;
						for (int i = 0; i < graph.length; i++) max = Math.max(max, Math.abs(ours[i] - graph[i]));
						final double relative = OwnStageCheck.relativeError(ours, graph);
						System.out.printf("memory attention at %s px, %s products: max abs diff %.2e, relative RMS %.3f%%%n",
							size == ModelBundle.OWN_INPUT_SIZE ? "own" : size, bf16 ? "bfloat16" : "float32", max,
							100 * relative);
						if (bf16) assertTrue(relative < 0.01, "bfloat16 relative RMS error " + relative);
						else assertTrue(max < 1e-4, "float32 max abs diff " + max);
					}
				}
			}
		}
	}
}
