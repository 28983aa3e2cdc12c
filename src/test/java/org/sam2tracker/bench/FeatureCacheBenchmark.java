package org.sam2tracker.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.sam2tracker.cache.DiskFeatureStore;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.run.FeaturePrecision;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.FeatureStore;
import org.sam2tracker.track.Prompt;
import org.sam2tracker.track.TrackingSession;

/**
 * What the feature cache folder gives (a benchmark program, not a test): a run that encodes and keeps every
 * frame, the same run again reading them back, the bytes a frame takes in float32 and bfloat16, and how far
 * tracking on bfloat16 features drifts from tracking on exact ones (logits and mask IoU on every frame):
 *
 * <pre>
 * java -cp "target/classes:target/test-classes:target/dependency/*" org.sam2tracker.bench.FeatureCacheBenchmark \
 *   BUNDLE FRAMES_DIR [FRAMES (10)] [THREADS (0: ONNX Runtime's default)]
 * </pre>
 */
public final class FeatureCacheBenchmark {

	private FeatureCacheBenchmark() {}

	public static void main(final String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("usage: FeatureCacheBenchmark BUNDLE FRAMES_DIR [FRAMES] [THREADS]");
			System.exit(2);
		}
		final int count = args.length > 2 ? Integer.parseInt(args[2]) : 10;
		final int threads = args.length > 3 ? Integer.parseInt(args[3]) : 0;
		final FolderFrames frames = new FolderFrames(Path.of(args[1]), count);
		final Path root = Files.createTempDirectory("sam2-feature-cache");
		try (Sam2Model model = Sam2Model.open(Path.of(args[0]), Device.CPU, threads)) {
			System.out.printf(Locale.ROOT, "%s, %s, %d frames of %d x %d%n", model.bundle().manifest().modelName(),
				model.device(), count, frames.width(), frames.height());
			final List<float[]> exact = new ArrayList<>();
			final double plainS = run(model, frames, FeatureStore.NONE, exact);
			System.out.printf(Locale.ROOT, "no cache folder: %.2f s per frame%n", plainS / count);
			for (final FeaturePrecision precision : FeaturePrecision.values()) {
				final Path folder = root.resolve(precision.key());
				final DiskFeatureStore store = new DiskFeatureStore(folder, 1L << 40, precision, System.err::println);
				final double coldS = run(model, frames, store, new ArrayList<>());
				final List<float[]> again = new ArrayList<>();
				model.resetTimings();
				final double warmS = run(model, frames, store, again);
				final long bytes;
				try (Stream<Path> files = Files.list(folder)) {
					bytes = files.mapToLong(f -> f.toFile().length()).sum() / count;
				}
				System.out.printf(Locale.ROOT, "%s: %.1f MB per frame; first run %.2f s per frame, again %.2f s per " +
					"frame (%s image encodings)%n", precision.key(), bytes / 1048576.0, coldS / count, warmS / count,
					model.stageTimings().containsKey("image_encoder") ? (int) model.stageTimings().get(
						"image_encoder")[0] : "no");
				System.out.println("  against no cache: " + agreement(exact, again));
			}
		}
		finally {
			try (Stream<Path> all = Files.walk(root)) {
				all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	/** One object clicked in the middle of the first frame, tracked forward; each frame's logits. */
	private static double run(final Sam2Model model, final FolderFrames frames, final FeatureStore store,
		final List<float[]> logits)
	{
		final long start = System.nanoTime();
		final TrackingSession session = new TrackingSession(model, frames, 2, store);
		session.addPrompt(0, 1, Prompt.points(new float[] { frames.width() * 0.46f, frames.height() * 0.5f },
			new int[] { 1 }));
		session.propagate(0, Direction.FORWARD, -1, r -> logits.add(r.objects().get(0).lowResLogits()), () -> false);
		return (System.nanoTime() - start) / 1e9;
	}

	private static String agreement(final List<float[]> exact, final List<float[]> other) {
		double worstLogit = 0;
		double worstIou = 1;
		for (int t = 0; t < exact.size(); t++) {
			final float[] a = exact.get(t);
			final float[] b = other.get(t);
			int both = 0;
			int either = 0;
			for (int p = 0; p < a.length; p++) {
				worstLogit = Math.max(worstLogit, Math.abs(a[p] - b[p]));
				both += a[p] > 0 && b[p] > 0 ? 1 : 0;
				either += a[p] > 0 || b[p] > 0 ? 1 : 0;
			}
			worstIou = Math.min(worstIou, either == 0 ? 1 : (double) both / either);
		}
		return String.format(Locale.ROOT, "largest logit difference %.4g, lowest mask IoU %.4f over %d frames",
			worstLogit, worstIou, exact.size());
	}
}
