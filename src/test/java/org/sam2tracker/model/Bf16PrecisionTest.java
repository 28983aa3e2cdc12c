package org.sam2tracker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sam2tracker.testing.TestData;

/**
 * The bf16 precision through Sam2Model on the checkpoint fixture: where this CPU has bfloat16 matrix units, the
 * memory attention is the engine's own in oneDNN (close to the graph's, not equal to it), the image encoder and
 * its cached features are exact's, and the model says so; where it has none, bf16 runs exact and says why. A
 * bundle whose weights are inside its graphs cannot run bf16 and is refused with the way out.
 */
class Bf16PrecisionTest {

	@Test
	void bf16RunsTheMemoryAttentionInOneDnnOrSaysWhyNot() throws Exception {
		try (Sam2Model exact = Sam2Model.open(TestData.CHECKPOINT_BUNDLE, ModelBundle.OWN_INPUT_SIZE, Precision.EXACT,
			Device.CPU, 2);
			Sam2Model bf16 = Sam2Model.open(TestData.CHECKPOINT_BUNDLE, ModelBundle.OWN_INPUT_SIZE, Precision.BF16,
				Device.CPU, 2))
		{
			assertNull(exact.precisionNote());
			if (OneDnnLibrary.bf16Units() == null) {
				assertEquals(Precision.EXACT, bf16.precision(), "no bfloat16 units: exact");
				assertTrue(bf16.precisionNote().contains("exact"), bf16.precisionNote());
				return;
			}
			assertEquals(Precision.BF16, bf16.precision());
			assertTrue(bf16.precisionNote().startsWith("bf16 memory attention on "), bf16.precisionNote());
			assertTrue(bf16.describe().contains("bf16"), bf16.describe());
			assertEquals(exact.encoderFingerprint(), bf16.encoderFingerprint(),
				"bf16 keeps the float32 image encoder, so exact's cached features serve it");

			final BundleConfig c = exact.config();
			final int hw = c.featureSize() * c.featureSize();
			final Random random = new Random(7);
			final int objects = 2;
			final int frames = 2;
			final int pointers = 3;
			final float[] embed = OwnAttentionCheck.gaussian(random, c.hiddenDim() * hw);
			final FrameFeatures frame = exact.encodeImage(new float[3 * c.imageSize() * c.imageSize()]);
			final FrameFeatures features = new FrameFeatures(frame.highResFeat0(), frame.highResFeat1(), embed);
			final float[] memory = OwnAttentionCheck.gaussian(random, objects * frames * c.memoryDim() * hw);
			final long[] tpos = { 6, 0, 6, 1 };
			final float[] pointerValues = OwnAttentionCheck.gaussian(random, objects * pointers * c.hiddenDim());
			final float[] pointerTpos = { 0, -0.5f, -1, 0, 0.5f, 1 };
			final float[] a = exact.attend(features, objects, frames, pointers, memory, tpos, pointerValues, pointerTpos);
			final float[] b = bf16.attend(features, objects, frames, pointers, memory, tpos, pointerValues, pointerTpos);
			assertEquals(a.length, b.length);
			final int each = a.length / objects;
			for (int o = 0; o < objects; o++) {
				final double relative = OwnAttentionCheck.relativeError(Arrays.copyOfRange(b, o * each, (o + 1) * each),
					Arrays.copyOfRange(a, o * each, (o + 1) * each));
				System.out.printf("bf16 memory attention, object %d of a batch of %d: relative RMS error %.3f%%%n", o + 1,
					objects, 100 * relative);
				assertTrue(relative > 0 && relative < 0.01, "object " + o + ": relative RMS error " + relative);
			}
			assertNotEquals(0, bf16.stageTimings().get("memory_attention")[0], "its calls are timed as the graph's");
		}
	}

	@Test
	void theOpeningCheckTellsTheGraphsMemoryAttentionFromAnother() throws Exception {
		assumeTrue(OneDnnLibrary.bf16Units() != null, "no bfloat16 matrix units here: bf16 is never checked");
		final ModelBundle bundle = ModelBundle.open(TestData.CHECKPOINT_BUNDLE, ModelBundle.OWN_INPUT_SIZE);
		final BundleConfig c = bundle.config();
		try (Sam2Model exact = Sam2Model.open(TestData.CHECKPOINT_BUNDLE, ModelBundle.OWN_INPUT_SIZE, Precision.EXACT,
			Device.CPU, 2); CheckpointWeights weights = CheckpointWeights.of(bundle);
			OneDnnMemoryAttention own = new OneDnnMemoryAttention(weights.floats("memory_attention"), c, true))
		{
			final OwnAttentionCheck.Graph graph = (embed, memory, tpos, pointer, pointerTpos) -> exact.attend(
				new FrameFeatures(null, null, embed), 1, 1, 1, memory, tpos, pointer, pointerTpos);
			final double same = OwnAttentionCheck.error(own, c, graph);
			// Another memory attention: the graph's, 5% stronger (as a model with other weights or wiring would be).
			final double other = OwnAttentionCheck.error(own, c, (embed, memory, tpos, pointer, pointerTpos) -> {
				final float[] out = graph.attend(embed, memory, tpos, pointer, pointerTpos);
				for (int i = 0; i < out.length; i++) out[i] *= 1.05f;
				return out;
			});
			System.out.printf("opening check: %.3f%% from the graph, %.3f%% from another%n", 100 * same, 100 * other);
			assertTrue(same > 0 && same < OwnAttentionCheck.TOLERANCE, "from the graph: " + same);
			assertTrue(other > OwnAttentionCheck.TOLERANCE, "from another: " + other);
		}
	}

	@Test
	void aBundleWithItsWeightsInsideItsGraphsIsRefusedForBf16() {
		final BundleException e = assertThrows(BundleException.class, () -> Sam2Model.open(TestData.REFERENCE_BUNDLE,
			ModelBundle.OWN_INPUT_SIZE, Precision.BF16, Device.CPU, 1));
		assertTrue(e.getMessage().contains("holds its weights inside its graphs") && e.getMessage().contains(
			"choose the precision exact"), e.getMessage());
	}
}
