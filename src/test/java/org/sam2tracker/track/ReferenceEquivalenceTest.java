package org.sam2tracker.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.testing.MetaFixture;
import org.sam2tracker.testing.Npy;
import org.sam2tracker.testing.TestClips;
import org.sam2tracker.testing.TestData;

/**
 * The engine against transformers' own video tracking, scenario by scenario (test-data/reference): the same
 * frames in the same order, low-resolution logits within 1e-3, masks with IoU at least 0.999 (looser after a
 * prompted mask that rounding binarizes differently: {@link KnifeEdge}), the same
 * multimask choices and the same present or absent decisions. It runs the reference bundle (weights inside
 * the graphs) and the same model as graphs without weights plus its model.safetensors (the path of the
 * official checkpoints).
 *
 * <p>The system properties {@code sam2tracker.reference.bundle} and {@code sam2tracker.reference.runs} point
 * it at another bundle and its recorded runs, e.g. a full-size model made by
 * {@code models/export/make_checkpoint_proof.py}, and {@code sam2tracker.reference.input_size} runs that bundle's
 * graphs for another input size. Without them it also runs the checkpoint fixture's graphs for half its input
 * size (128 pixels) against transformers' runs of the same weights at that size (test-data/reference-input-128).
 */
class ReferenceEquivalenceTest {

	private static final double MAX_LOGIT_DIFF = 1e-3;
	private static final double MIN_IOU = 0.999;
	// The fixture's random weights amplify float rounding through its memories (their output gain is 20). On the
	// runs at 128 pixels the exported graphs, replayed in ONNX Runtime from Python, differ from torch by up to 2.3e-3
	// (IoU 0.9983), and the engine by up to 5.0e-3 (IoU 0.9978); at 256 the same replay reaches 9.7e-3 on one run
	// (a knife edge: see KnifeEdge), where the engine stays under 1e-3 on some CPUs and not on others. The bounds of the
	// runs at 128 are set from that measurement.
	private static final double MAX_LOGIT_DIFF_OTHER_SIZE = KnifeEdge.MAX_LOGIT_DIFF_AFTER;
	private static final double MIN_IOU_OTHER_SIZE = KnifeEdge.MIN_IOU_AFTER;
	private static final int OTHER_INPUT_SIZE = 128;
	private static final Map<String, Sam2Model> MODELS = new HashMap<>();

	@AfterAll
	static void close() {
		MODELS.values().forEach(Sam2Model::close);
		MODELS.clear();
	}

	static Stream<Arguments> scenarios() throws Exception {
		final String bundle = System.getProperty("sam2tracker.reference.bundle");
		final List<Path> bundles = bundle != null ? List.of(Path.of(bundle)) : List.of(TestData.REFERENCE_BUNDLE,
			TestData.CHECKPOINT_BUNDLE);
		final Path runs = Path.of(System.getProperty("sam2tracker.reference.runs", TestData.ROOT.resolve("reference")
			.toString()));
		final int size = Integer.getInteger("sam2tracker.reference.input_size", ModelBundle.OWN_INPUT_SIZE);
		final Stream<Arguments> given = bundles.stream().flatMap(b -> runs(runs).stream().map(s -> Arguments.of(b
			.getFileName().toString() + (size == ModelBundle.OWN_INPUT_SIZE ? "" : " at " + size), b, size, s)));
		if (bundle != null) return given;
		// The fixture installed from Meta's own .pt format, against transformers' runs of that same model.
		final Path meta = MetaFixture.bundle();
		final Stream<Arguments> fromMeta = runs(MetaFixture.RUNS).stream().map(s -> Arguments.of("installed from " +
			"Meta's .pt", meta, ModelBundle.OWN_INPUT_SIZE, s));
		final Stream<Arguments> otherSize = runs(TestData.ROOT.resolve("reference-input-" + OTHER_INPUT_SIZE))
			.stream().map(s -> Arguments.of(TestData.CHECKPOINT_BUNDLE.getFileName() + " at " + OTHER_INPUT_SIZE,
				TestData.CHECKPOINT_BUNDLE, OTHER_INPUT_SIZE, s));
		return Stream.of(given, fromMeta, otherSize).flatMap(a -> a);
	}

	private static List<Path> runs(final Path folder) {
		try (Stream<Path> found = Files.list(folder)) {
			return found.filter(d -> Files.exists(d.resolve("scenario.json"))).sorted().toList();
		}
		catch (final IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static Sam2Model model(final Path bundle, final int inputSize) throws Exception {
		final String key = bundle + "@" + inputSize;
		Sam2Model model = MODELS.get(key);
		if (model == null) {
			model = Sam2Model.open(bundle, inputSize, Device.CPU, 2);
			MODELS.put(key, model);
		}
		return model;
	}

	@ParameterizedTest(name = "{0} {3}")
	@MethodSource("scenarios")
	void matchesTheReference(final String name, final Path bundle, final int inputSize, final Path scenario)
		throws Exception
	{
		final Sam2Model model = model(bundle, inputSize);
		if (inputSize != ModelBundle.OWN_INPUT_SIZE) assertEquals(inputSize, model.config().imageSize(), name);
		final JsonObject spec = JsonParser.parseString(Files.readString(scenario.resolve("scenario.json")))
			.getAsJsonObject();
		final FrameSource frames = TestClips.open(spec.get("clip").getAsString());
		final TrackingSession session = new TrackingSession(model, frames, 2);
		final JsonArray steps = spec.getAsJsonArray("steps");
		final Set<Integer> prompted = new HashSet<>(); // frames prompted so far, whose masks become binarized memories
		double worstDiff = 0;
		double worstIou = 1;
		String knifeEdge = null;
		double diffBeforeEdge = 0; // up to the knife edge, if any: held to the strict bounds
		double iouBeforeEdge = 1;
		for (int k = 0; k < steps.size(); k++) {
			final JsonObject step = steps.get(k).getAsJsonObject();
			if (!step.get("op").getAsString().equals("propagate")) prompted.add(step.get("frame").getAsInt());
			final List<FrameResult> ours = run(session, step, scenario, frames);
			final String where = scenario.getFileName() + " step " + k;
			final int[] expectedFrames = Npy.read(scenario.resolve("step" + k + "-frames.npy")).ints();
			assertArrayEquals(expectedFrames, ours.stream().mapToInt(FrameResult::frame).toArray(), where + " frames");
			if (expectedFrames.length == 0) continue;
			final float[] logits = Npy.read(scenario.resolve("step" + k + "-low_res_logits.npy")).floats();
			final float[] scores = Npy.read(scenario.resolve("step" + k + "-scores.npy")).floats();
			final int[] indices = Npy.read(scenario.resolve("step" + k + "-mask_index.npy")).ints();
			final int[] masks = Npy.read(scenario.resolve("step" + k + "-masks.npy.gz")).ints();
			final int objects = step.getAsJsonArray("object_ids").size();
			final int l = model.config().lowResMaskSize();
			final int pixels = frames.width() * frames.height();
			for (int e = 0; e < ours.size(); e++) {
				final FrameResult result = ours.get(e);
				assertEquals(objects, result.objects().size(), where + " objects");
				for (int o = 0; o < objects; o++) {
					final ObjectResult r = result.objects().get(o);
					final String at = where + " frame " + result.frame() + " object " + r.objectId();
					final int i = e * objects + o;
					assertEquals(step.getAsJsonArray("object_ids").get(o).getAsInt(), r.objectId(), at);
					assertEquals(scores[i] > 0, r.present(), at + " presence (reference score " + scores[i] +
						", ours " + r.score() + ")");
					assertEquals(indices[i], r.maskIndex(), at + " mask index");
					double diff = 0;
					for (int p = 0; p < l * l; p++) diff = Math.max(diff, Math.abs(logits[i * l * l + p] - r
						.lowResLogits()[p]));
					final boolean afterEdge = knifeEdge != null;
					if (!afterEdge && prompted.contains(result.frame()) && KnifeEdge.between(model.config(), Arrays
						.copyOfRange(logits, i * l * l, (i + 1) * l * l), r.lowResLogits())) knifeEdge = at;
					final boolean[] mask = result.mask(o);
					int inter = 0, union = 0;
					for (int p = 0; p < pixels; p++) {
						final boolean theirs = masks[i * pixels + p] != 0;
						if (mask[p] && theirs) inter++;
						if (mask[p] || theirs) union++;
					}
					final double iou = union == 0 ? 1 : (double) inter / union;
					worstDiff = Math.max(worstDiff, diff);
					worstIou = Math.min(worstIou, iou);
					if (!afterEdge) {
						diffBeforeEdge = Math.max(diffBeforeEdge, diff);
						iouBeforeEdge = Math.min(iouBeforeEdge, iou);
					}
				}
			}
		}
		System.out.printf("%s %s: max abs logit diff %.3e, min mask IoU %.6f%n", name, scenario.getFileName(), worstDiff,
			worstIou);
		if (knifeEdge != null) System.out.println("  a pixel within rounding of 0 is binarized differently on " +
			knifeEdge + ": looser bounds apply after it (KnifeEdge)");
		final boolean otherFixtureSize = inputSize != ModelBundle.OWN_INPUT_SIZE && bundle.equals(TestData
			.CHECKPOINT_BUNDLE);
		assertTrue(diffBeforeEdge <= (otherFixtureSize ? MAX_LOGIT_DIFF_OTHER_SIZE : MAX_LOGIT_DIFF), scenario
			.getFileName() + ": max abs logit diff " + diffBeforeEdge);
		assertTrue(iouBeforeEdge >= (otherFixtureSize ? MIN_IOU_OTHER_SIZE : MIN_IOU), scenario.getFileName() +
			": min IoU " + iouBeforeEdge);
		if (knifeEdge != null) {
			assertTrue(worstDiff <= KnifeEdge.MAX_LOGIT_DIFF_AFTER, scenario.getFileName() + ": max abs logit diff " +
				worstDiff + " after the knife edge");
			assertTrue(worstIou >= KnifeEdge.MIN_IOU_AFTER, scenario.getFileName() + ": min IoU " + worstIou +
				" after the knife edge");
		}
	}

	private static List<FrameResult> run(final TrackingSession session, final JsonObject step, final Path scenario,
		final FrameSource frames) throws IOException
	{
		final String op = step.get("op").getAsString();
		final List<FrameResult> out = new ArrayList<>();
		switch (op) {
			case "prompt" -> {
				final Prompt prompt = prompt(step);
				final int frame = step.get("frame").getAsInt();
				final int object = step.get("object").getAsInt();
				if (!step.has("run") || step.get("run").getAsBoolean()) out.add(session.addPrompt(frame, object, prompt));
				else session.correct(frame, object, prompt);
			}
			case "mask" -> {
				final int[] values = Npy.read(scenario.resolve("mask-" + step.get("mask").getAsString() + ".npy.gz"))
					.ints();
				final boolean[] mask = new boolean[values.length];
				for (int p = 0; p < values.length; p++) mask[p] = values[p] != 0;
				assertEquals(frames.width() * frames.height(), mask.length);
				out.add(session.addPrompt(step.get("frame").getAsInt(), step.get("object").getAsInt(), Prompt.mask(
					mask)));
			}
			case "propagate" -> {
				final int start = step.has("start") ? step.get("start").getAsInt() : session.firstConditioningFrame();
				final boolean reverse = step.has("reverse") && step.get("reverse").getAsBoolean();
				final int max = step.has("max_frames") && !step.get("max_frames").isJsonNull() ? step.get(
					"max_frames").getAsInt() : -1;
				session.propagate(start, reverse ? Direction.BACKWARD : Direction.FORWARD, max, out::add, () -> false);
			}
			default -> throw new IllegalArgumentException("unknown step " + op);
		}
		return out;
	}

	private static Prompt prompt(final JsonObject step) {
		float[] xy = new float[0];
		int[] labels = new int[0];
		if (step.has("points")) {
			final JsonArray points = step.getAsJsonArray("points");
			xy = new float[2 * points.size()];
			labels = new int[points.size()];
			for (int i = 0; i < points.size(); i++) {
				xy[2 * i] = points.get(i).getAsJsonArray().get(0).getAsFloat();
				xy[2 * i + 1] = points.get(i).getAsJsonArray().get(1).getAsFloat();
				labels[i] = step.getAsJsonArray("labels").get(i).getAsInt();
			}
		}
		if (step.has("box")) {
			final float[] box = new float[4];
			int i = 0;
			for (final JsonElement v : step.getAsJsonArray("box")) box[i++] = v.getAsFloat();
			return Prompt.boxAndPoints(box, xy, labels);
		}
		return Prompt.points(xy, labels);
	}
}
