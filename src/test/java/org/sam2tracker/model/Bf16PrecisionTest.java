package org.sam2tracker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.TestData;

/**
 * The bf16 precision through Sam2Model on the checkpoint fixture: where this CPU has bfloat16 matrix units, the
 * image encoder and the memory attention are the engine's own in oneDNN (close to the graphs', not equal to
 * them), cached features are kept apart from exact's, and the model says so; where it has none, bf16 runs exact
 * and says why. A copy of a model whose manifest lacks the encoder's layout keeps the float32 encoder, saying why.
 * A bundle whose weights are inside its graphs cannot run bf16 and is refused with the way out.
 */
class Bf16PrecisionTest {

	@Test
	void bf16RunsTheEncoderAndTheMemoryAttentionInOneDnnOrSaysWhyNot() throws Exception {
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
			assertTrue(bf16.precisionNote().startsWith("image encoder and memory attention in bf16 on "), bf16
				.precisionNote());
			assertTrue(bf16.describe().contains("bf16"), bf16.describe());
			assertNotEquals(exact.encoderFingerprint(), bf16.encoderFingerprint(),
				"bf16 features are not exact's, so they are cached apart");

			final BundleConfig c = exact.config();
			final float[] pixels = OwnStageCheck.gaussian(new Random(3), 3 * c.imageSize() * c.imageSize());
			final FrameFeatures exactFeatures = exact.encodeImage(pixels);
			final FrameFeatures bf16Features = bf16.encodeImage(pixels);
			final double encoderError = OwnStageCheck.relativeError(bf16Features.imageEmbed(), exactFeatures.imageEmbed());
			System.out.printf("bf16 image encoder: image_embed relative RMS error %.3f%%%n", 100 * encoderError);
			assertTrue(encoderError > 0 && encoderError < 0.01, "image_embed relative RMS error " + encoderError);
			assertTrue(OwnStageCheck.relativeError(bf16Features.highResFeat0(), exactFeatures.highResFeat0()) < 0.01);
			assertTrue(OwnStageCheck.relativeError(bf16Features.highResFeat1(), exactFeatures.highResFeat1()) < 0.01);
			assertEquals(1, bf16.stageTimings().get("image_encoder")[0], "its calls are timed as the graph's");
			final double encoderGflop = bf16.ownStageGflop().get("image_encoder");
			assertTrue(encoderGflop > 0, "its products are counted: " + encoderGflop);
			bf16.encodeImage(pixels);
			assertEquals(2 * encoderGflop, bf16.ownStageGflop().get("image_encoder"), 1e-9, "the same per image");
			assertTrue(exact.ownStageGflop().isEmpty(), "graphs' arithmetic is not counted");

			final int hw = c.featureSize() * c.featureSize();
			final Random random = new Random(7);
			final int objects = 2;
			final int frames = 2;
			final int pointers = 3;
			final float[] embed = OwnStageCheck.gaussian(random, c.hiddenDim() * hw);
			final FrameFeatures frame = exact.encodeImage(new float[3 * c.imageSize() * c.imageSize()]);
			final FrameFeatures features = new FrameFeatures(frame.highResFeat0(), frame.highResFeat1(), embed);
			final float[] memory = OwnStageCheck.gaussian(random, objects * frames * c.memoryDim() * hw);
			final long[] tpos = { 6, 0, 6, 1 };
			final float[] pointerValues = OwnStageCheck.gaussian(random, objects * pointers * c.hiddenDim());
			final float[] pointerTpos = { 0, -0.5f, -1, 0, 0.5f, 1 };
			final float[] a = exact.attend(features, objects, frames, pointers, memory, tpos, pointerValues, pointerTpos);
			final float[] b = bf16.attend(features, objects, frames, pointers, memory, tpos, pointerValues, pointerTpos);
			assertEquals(a.length, b.length);
			final int each = a.length / objects;
			for (int o = 0; o < objects; o++) {
				final double relative = OwnStageCheck.relativeError(Arrays.copyOfRange(b, o * each, (o + 1) * each),
					Arrays.copyOfRange(a, o * each, (o + 1) * each));
				System.out.printf("bf16 memory attention, object %d of a batch of %d: relative RMS error %.3f%%%n", o + 1,
					objects, 100 * relative);
				assertTrue(relative > 0 && relative < 0.01, "object " + o + ": relative RMS error " + relative);
			}
			assertNotEquals(0, bf16.stageTimings().get("memory_attention")[0], "its calls are timed as the graph's");
			assertTrue(bf16.ownStageGflop().get("memory_attention") > 0);
			bf16.resetTimings();
			assertEquals(0, bf16.ownStageGflop().get("memory_attention"), "counted from the reset on");
		}
	}

	@Test
	void theOpeningChecksTellTheGraphsStagesFromOthers() throws Exception {
		assumeTrue(OneDnnLibrary.bf16Units() != null, "no bfloat16 matrix units here: bf16 is never checked");
		final ModelBundle bundle = ModelBundle.open(TestData.CHECKPOINT_BUNDLE, ModelBundle.OWN_INPUT_SIZE);
		final BundleConfig c = bundle.config();
		try (Sam2Model exact = Sam2Model.open(TestData.CHECKPOINT_BUNDLE, ModelBundle.OWN_INPUT_SIZE, Precision.EXACT,
			Device.CPU, 2); CheckpointWeights weights = CheckpointWeights.of(bundle);
			OneDnnMemoryAttention attention = new OneDnnMemoryAttention(weights.floats("memory_attention"), c, true);
			OneDnnImageEncoder encoder = new OneDnnImageEncoder(weights.floats("image_encoder"), c, c.imageEncoder(),
				true))
		{
			final OwnStageCheck.Graph graph = (embed, memory, tpos, pointer, pointerTpos) -> exact.attend(
				new FrameFeatures(null, null, embed), 1, 1, 1, memory, tpos, pointer, pointerTpos);
			// Other stages: the graph's, 5% stronger (as a model with other weights or wiring would be), and an encoder
			// whose finest features are.
			assertTellsApart("memory attention", OwnStageCheck.error(attention, c, graph), OwnStageCheck.error(attention,
				c, (embed, memory, tpos, pointer, pointerTpos) -> {
					final float[] out = graph.attend(embed, memory, tpos, pointer, pointerTpos);
					for (int i = 0; i < out.length; i++) out[i] *= 1.05f;
					return out;
				}));
			final float[] pixels = OwnStageCheck.pixels(c);
			final FrameFeatures graphs = exact.encodeImage(pixels);
			final float[][] ours = encoder.encode(pixels);
			assertTellsApart("image encoder", OwnStageCheck.error(ours, outputs(graphs, 1)), OwnStageCheck.error(ours,
				outputs(graphs, 1.05f)));
		}
	}

	/** The check passes the graph's own stage ({@code same} its error) and refuses another. */
	private static void assertTellsApart(final String stage, final double same, final double other) {
		System.out.printf("opening check of the %s: %.3f%% from the graph, %.3f%% from another%n", stage, 100 * same,
			100 * other);
		assertTrue(same > 0 && same < OwnStageCheck.TOLERANCE, stage + " from the graph: " + same);
		assertTrue(other > OwnStageCheck.TOLERANCE, stage + " from another: " + other);
	}

	/** A copy of the checkpoint fixture whose manifest's config is changed by {@code change}. */
	private static Path copyWithLayout(final Path dir, final java.util.function.Consumer<JsonObject> change)
		throws java.io.IOException
	{
		final Path copy = TestData.copyBundle(TestData.CHECKPOINT_BUNDLE, dir);
		final Path manifest = copy.resolve("manifest.json");
		final JsonObject root = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
		change.accept(root.getAsJsonObject("config"));
		Files.writeString(manifest, root.toString());
		return copy;
	}

	private static float[][] outputs(final FrameFeatures f, final float finestGain) {
		final float[] finest = f.highResFeat0().clone();
		for (int i = 0; i < finest.length; i++) finest[i] *= finestGain;
		return new float[][] { finest, f.highResFeat1(), f.imageEmbed() };
	}

	@Test
	void aCopyWithoutTheEncodersLayoutKeepsTheFloat32EncoderAndSaysWhy(@TempDir final Path dir) throws Exception {
		assumeTrue(OneDnnLibrary.bf16Units() != null, "no bfloat16 matrix units here: bf16 runs exact");
		final Path copy = copyWithLayout(dir, config -> config.remove("image_encoder"));
		try (Sam2Model exact = Sam2Model.open(copy, ModelBundle.OWN_INPUT_SIZE, Precision.EXACT, Device.CPU, 2);
			Sam2Model bf16 = Sam2Model.open(copy, ModelBundle.OWN_INPUT_SIZE, Precision.BF16, Device.CPU, 2))
		{
			assertEquals(Precision.BF16, bf16.precision());
			assertTrue(bf16.precisionNote().startsWith("memory attention in bf16 on ") && bf16.precisionNote().contains(
				"; the image encoder stays float32") && bf16.precisionNote().contains("export others again"), bf16
					.precisionNote());
			assertEquals(exact.encoderFingerprint(), bf16.encoderFingerprint(), "the float32 encoder's features are " +
				"exact's");
			final float[] pixels = OwnStageCheck.gaussian(new Random(4), 3 * 256 * 256);
			assertArrayEquals(exact.encodeImage(pixels).imageEmbed(), bf16.encodeImage(pixels).imageEmbed());
		}
	}

	@Test
	void anEncoderThatFailsItsCheckLeavesTheGraphsInPlace(@TempDir final Path dir) throws Exception {
		assumeTrue(OneDnnLibrary.bf16Units() != null, "no bfloat16 matrix units here: bf16 runs exact");
		// A manifest that gives the wrong windows: the engine's encoder builds, but computes another encoder.
		final Path copy = copyWithLayout(dir, config -> config.getAsJsonObject("image_encoder").add(
			"window_size_per_stage", JsonParser.parseString("[4, 4, 2, 2]")));
		try (Sam2Model exact = Sam2Model.open(copy, ModelBundle.OWN_INPUT_SIZE, Precision.EXACT, Device.CPU, 2);
			Sam2Model bf16 = Sam2Model.open(copy, ModelBundle.OWN_INPUT_SIZE, Precision.BF16, Device.CPU, 2))
		{
			assertEquals(Precision.BF16, bf16.precision(), "the memory attention still passes");
			assertTrue(bf16.precisionNote().startsWith("memory attention in bf16 on ") && bf16.precisionNote().contains(
				"the bf16 image encoder is ") && bf16.precisionNote().contains("so the image encoder stays float32"), bf16
					.precisionNote());
			final float[] pixels = OwnStageCheck.gaussian(new Random(5), 3 * 256 * 256);
			assertArrayEquals(exact.encodeImage(pixels).imageEmbed(), bf16.encodeImage(pixels).imageEmbed(),
				"the graph, opened again, encodes");
			assertEquals(exact.encoderFingerprint(), bf16.encoderFingerprint());
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
