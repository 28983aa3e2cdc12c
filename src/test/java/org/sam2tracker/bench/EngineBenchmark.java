package org.sam2tracker.bench;

import ai.onnxruntime.OrtEnvironment;

import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.Precision;
import org.sam2tracker.model.ProductPeak;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.FrameSource;
import org.sam2tracker.track.Prompt;
import org.sam2tracker.track.TrackingSession;

/**
 * Times the engine on a bundle and a folder of JPEG or PNG frames: milliseconds per frame for each graph (ONNX
 * Runtime's run alone), the engine's own time around them (tensors in and out, memory packing, resizing, masks)
 * and in total, frames per second and peak resident memory, for one object count (a benchmark program, not a
 * test):
 *
 * <pre>
 * java -cp "target/classes:target/test-classes:target/dependency/*" org.sam2tracker.bench.EngineBenchmark \
 *   --bundle BUNDLE --frames-dir FRAMES_DIR [--count 4] [--objects 1] [--threads 0] [--device CPU|GPU|AUTO] \
 *   [--input-size 0|768|512] [--precision exact|bf16|int8] [--settle 0] [--workload NAME] [--json OUT.json]
 * </pre>
 *
 * With {@code --settle N} the first N frames after the prompt are tracked before the timed ones, so that each
 * object holds its 7 memory frames (steady state) while it is timed.
 *
 * <p>Objects are single positive clicks on a grid over frame 0 (the formula of models/export/benchmark_reference.py,
 * so that the reference is prompted on the same pixels); propagation runs forward. Frame 0 (prompts and its
 * encoder call) is left out of the figures, and so is the time spent decoding frame files, which the reference
 * does before it starts too. bench/side-by-side.sh runs this and the reference one after the other.
 */
public final class EngineBenchmark {

	/** The graphs timed, in the order of the table; mask_prompt runs only for mask prompts. */
	static final List<String> STAGES = List.of("image_encoder", "memory_attention", "mask_decoder", "memory_encoder",
		"mask_prompt");

	private EngineBenchmark() {}

	public static void main(final String[] args) throws IOException {
		final Options o;
		try {
			o = Options.parse(args);
		}
		catch (final IllegalArgumentException e) {
			System.err.println("EngineBenchmark: " + e.getMessage());
			System.err.println(Options.USAGE);
			System.exit(2);
			return;
		}
		final FolderFrames source;
		try {
			source = new FolderFrames(o.framesDir(), o.settle() + o.count() + 1);
		}
		catch (final IllegalArgumentException | UncheckedIOException e) {
			System.err.println("EngineBenchmark: " + e.getMessage());
			System.exit(2);
			return;
		}
		final Map<String, Object> record;
		// The GPU pack's natives, when installed, must be chosen before ONNX Runtime starts.
		if (o.device() != Device.CPU) System.err.println(org.sam2tracker.install.GpuSetup.prepare().line());
		try (Sam2Model model = Sam2Model.open(o.bundle(), o.inputSize(), o.precision(), o.device(), o.threads())) {
			record = run(model, source, o);
		}
		catch (final BundleException e) {
			System.err.println("EngineBenchmark: " + e.getMessage());
			System.exit(3);
			return;
		}
		System.out.println(summary(record));
		if (o.json() != null) {
			Files.writeString(o.json(), new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
				.create().toJson(record) + "\n", StandardCharsets.UTF_8);
		}
	}

	/** Prompts frame 0, propagates through the other frames and returns the record of the timed frames. */
	private static Map<String, Object> run(final Sam2Model model, final FolderFrames source, final Options o) {
		final TrackingSession session = new TrackingSession(model, source, 2);
		final float[][] clicks = gridClicks(source.width(), source.height(), o.objects());
		for (int i = 0; i < clicks.length; i++) {
			session.addPrompt(0, i + 1, Prompt.points(clicks[i], new int[] { 1 }));
		}
		session.propagate(0, Direction.FORWARD, 0, r -> {}, () -> false); // frame 0 again: cached outputs
		if (o.settle() > 0) session.propagate(1, Direction.FORWARD, o.settle() - 1, r -> {}, () -> false);
		model.resetTimings();
		source.resetReadTime();
		final PeakCheckpoints peaks = new PeakCheckpoints(o.count());
		final long start = System.nanoTime();
		session.propagate(1 + o.settle(), Direction.FORWARD, o.count() - 1, r -> peaks.frameDone(), () -> false);
		final double wallMs = (System.nanoTime() - start) / 1e6;
		final double totalMs = (wallMs - source.readMillis()) / o.count();
		final Map<String, double[]> timings = model.stageTimings();
		final Map<String, Double> stageMs = new LinkedHashMap<>();
		final Map<String, Integer> stageCalls = new LinkedHashMap<>();
		for (final String stage : STAGES) {
			final double[] t = timings.get(stage);
			if (t == null && stage.equals("mask_prompt")) continue;
			stageMs.put(stage, t == null ? 0 : t[1] / o.count());
			stageCalls.put(stage, t == null ? 0 : (int) t[0]);
		}
		final Map<String, Object> record = new LinkedHashMap<>();
		record.put("side", "ours");
		record.put("implementation", "SAM2 Tracker engine, ONNX Runtime Java");
		record.put("model", model.bundle().manifest().modelName());
		record.put("input_size", model.config().imageSize());
		record.put("precision", model.precision().key());
		record.put("bundle", o.bundle().toString());
		record.put("workload", o.workload());
		record.put("objects", o.objects());
		record.put("frames", o.count());
		record.put("settle_frames", o.settle());
		record.put("width", source.width());
		record.put("height", source.height());
		record.put("frames_dir", o.framesDir().toString());
		record.put("device", model.device().gpu() ? "gpu" : "cpu");
		record.put("device_detail", model.device().toString());
		record.put("threads", o.threads() == 0 ? "ONNX Runtime default" : o.threads());
		record.put("stage_ms", stageMs);
		record.put("stage_calls", stageCalls);
		record.put("read_ms", source.readMillis() / o.count());
		record.put("total_ms", totalMs);
		// What the engine does around the graphs: tensors in and out, memory packing, resizing, masks.
		final double graphsMs = stageMs.values().stream().mapToDouble(Double::doubleValue).sum();
		record.put("engine_own_ms", totalMs - graphsMs);
		record.put("engine_own_share", (totalMs - graphsMs) / totalMs);
		record.put("frames_per_s", 1000 / totalMs);
		record.put("peak_rss_mb", peakResidentMegabytes());
		record.put("peak_rss_mb_after_frames", peaks.byFrames());
		record.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (double) (1 << 20));
		putRates(record, model, timings, o.count());
		record.put("versions", Map.of("onnxruntime", OrtEnvironment.getEnvironment().getVersion(), "java", System
			.getProperty("java.version")));
		return record;
	}

	/**
	 * For the stages the engine computes itself (bf16): their products' GFLOP per frame and the rate they reach as
	 * a fraction of this CPU's bfloat16 product peak, measured here after the timed frames.
	 */
	private static void putRates(final Map<String, Object> record, final Sam2Model model,
		final Map<String, double[]> timings, final int frames)
	{
		final Map<String, Double> gflop = model.ownStageGflop();
		if (gflop.isEmpty()) return;
		final double peak = ProductPeak.gflops(true);
		record.put("product_peak_gflops", Map.of("bfloat16", peak, "float32", ProductPeak.gflops(false)));
		final Map<String, Double> perFrame = new LinkedHashMap<>();
		final Map<String, Double> fraction = new LinkedHashMap<>();
		gflop.forEach((stage, g) -> {
			perFrame.put(stage, g / frames);
			fraction.put(stage, g / (timings.get(stage)[1] / 1000) / peak);
		});
		record.put("own_stage_gflop_per_frame", perFrame);
		record.put("own_stage_fraction_of_peak", fraction);
	}

	/**
	 * One positive click per object on a grid over frame 0, {x, y} in pixels. Keep in sync with grid_clicks in
	 * models/export/benchmark_reference.py: both sides must prompt the same pixels.
	 */
	static float[][] gridClicks(final int width, final int height, final int objects) {
		final int columns = (int) Math.ceil(Math.sqrt(objects));
		final float[][] clicks = new float[objects][];
		for (int i = 0; i < objects; i++) {
			clicks[i] = new float[] { width * (0.5f + i % columns) / columns, height * (0.5f + i / columns) / columns };
		}
		return clicks;
	}

	/**
	 * The peak resident memory after 10, 100, 1000... tracked frames and after the last, so that one long run shows
	 * whether memory keeps growing with the clip.
	 */
	private static final class PeakCheckpoints {

		private final int last;
		private final Map<String, Double> byFrames = new LinkedHashMap<>();
		private int done;

		PeakCheckpoints(final int last) {
			this.last = last;
		}

		void frameDone() {
			done++;
			if (done == last || isPowerOfTen(done) && done >= 10) byFrames.put(String.valueOf(done),
				peakResidentMegabytes());
		}

		Map<String, Double> byFrames() {
			return byFrames;
		}

		private static boolean isPowerOfTen(int n) {
			while (n % 10 == 0) n /= 10;
			return n == 1;
		}
	}

	/** The process's peak resident memory (VmHWM of /proc/self/status) in MB, NaN where there is no /proc. */
	static double peakResidentMegabytes() {
		try {
			for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
				}
			}
		}
		catch (final IOException | NumberFormatException e) {
			// not Linux: no figure rather than a wrong one
		}
		return Double.NaN;
	}

	private static String summary(final Map<String, Object> r) {
		final StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
			"ours: %s at %d px, %s, %s, threads %s, %s %d frames of %d x %d%n%2d object(s):", r.get("model"), (Integer) r
				.get("input_size"), r.get("precision"), r.get("device_detail"),
			r.get("threads"), r.get("workload"), (Integer) r.get("frames"), (Integer) r.get("width"), (Integer) r.get(
				"height"), (Integer) r.get("objects")));
		@SuppressWarnings("unchecked")
		final Map<String, Double> stages = (Map<String, Double>) r.get("stage_ms");
		stages.forEach((stage, ms) -> line.append(String.format(Locale.ROOT, "  %s %.0f ms", stage, ms)));
		line.append(String.format(Locale.ROOT, "  | engine's own %.0f ms (%.1f%%)", (Double) r.get("engine_own_ms"),
			100 * (Double) r.get("engine_own_share")));
		line.append(String.format(Locale.ROOT, "  | total %.0f ms/frame (%.2f frames/s), peak RSS %.0f MB",
			(Double) r.get("total_ms"), (Double) r.get("frames_per_s"), (Double) r.get("peak_rss_mb")));
		if (r.containsKey("own_stage_fraction_of_peak")) {
			@SuppressWarnings("unchecked")
			final Map<String, Double> gflop = (Map<String, Double>) r.get("own_stage_gflop_per_frame");
			@SuppressWarnings("unchecked")
			final Map<String, Double> fraction = (Map<String, Double>) r.get("own_stage_fraction_of_peak");
			@SuppressWarnings("unchecked")
			final Map<String, Double> peak = (Map<String, Double>) r.get("product_peak_gflops");
			line.append(String.format(Locale.ROOT, "%n bfloat16 products (peak here %.0f GFLOP/s, float32 %.0f):",
				peak.get("bfloat16"), peak.get("float32")));
			gflop.forEach((stage, g) -> line.append(String.format(Locale.ROOT, "  %s %.0f GFLOP/frame at %.0f%% of it",
				stage, g, 100 * fraction.get(stage))));
		}
		return line.toString();
	}

	/** The command line. */
	private record Options(Path bundle, Path framesDir, int count, int objects, int threads, Device device,
		int inputSize, Precision precision, int settle, String workload, Path json)
	{

		static final String USAGE = "usage: EngineBenchmark --bundle DIR --frames-dir DIR [--count 4] [--objects 1] " +
			"[--threads 0] [--device CPU|GPU|AUTO] [--input-size 0|768|512] [--precision exact|bf16|int8] [--settle 0] " +
			"[--workload NAME] [--json FILE]";
		static final List<String> NAMES = List.of("--bundle", "--frames-dir", "--count", "--objects", "--threads",
			"--device", "--input-size", "--precision", "--settle", "--workload", "--json");

		static Options parse(final String[] args) {
			final Map<String, String> v = new LinkedHashMap<>();
			for (int i = 0; i < args.length; i += 2) {
				if (!NAMES.contains(args[i])) throw new IllegalArgumentException("unknown option " + args[i]);
				if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
				v.put(args[i], args[i + 1]);
			}
			if (!v.containsKey("--bundle") || !v.containsKey("--frames-dir")) {
				throw new IllegalArgumentException("--bundle and --frames-dir are needed");
			}
			final Path frames = Path.of(v.get("--frames-dir"));
			return new Options(Path.of(v.get("--bundle")), frames, positive(v, "--count", "4"), positive(v,
				"--objects", "1"), Integer.parseInt(v.getOrDefault("--threads", "0")), Device.valueOf(v.getOrDefault(
					"--device", "CPU").toUpperCase(Locale.ROOT)), Integer.parseInt(v.getOrDefault("--input-size", "0")),
					Precision.valueOf(v.getOrDefault("--precision", "exact").toUpperCase(Locale.ROOT)), Integer.parseInt(v
						.getOrDefault("--settle", "0")), v
						.getOrDefault("--workload", String.valueOf(frames
						.getFileName())), v.containsKey("--json") ? Path.of(v.get("--json")) : null);
		}

		private static int positive(final Map<String, String> v, final String option, final String otherwise) {
			final int n = Integer.parseInt(v.getOrDefault(option, otherwise));
			if (n < 1) throw new IllegalArgumentException(option + " must be at least 1");
			return n;
		}
	}
}
