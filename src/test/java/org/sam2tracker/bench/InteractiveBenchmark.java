package org.sam2tracker.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.sam2tracker.model.Device;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.InteractiveTracking;
import org.sam2tracker.track.Prompt;
import org.sam2tracker.track.TrackingSession;

/**
 * What interactive tracking feels like (a benchmark program, not a test): frames encoded per second in the
 * background, click-to-mask latency on an encoded frame (a first prompt, and a correction on a tracked frame),
 * and a re-propagation after a correction against running the whole clip again as a batch would:
 *
 * <pre>
 * java -cp "target/classes:target/test-classes:target/dependency/*" org.sam2tracker.bench.InteractiveBenchmark \
 *   BUNDLE FRAMES_DIR [FRAMES (20)] [THREADS (0: ONNX Runtime's default)]
 * </pre>
 */
public final class InteractiveBenchmark {

	private static final int CLICKS = 10;

	private InteractiveBenchmark() {}

	public static void main(final String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("usage: InteractiveBenchmark BUNDLE FRAMES_DIR [FRAMES] [THREADS]");
			System.exit(2);
		}
		final int count = args.length > 2 ? Integer.parseInt(args[2]) : 20;
		final int threads = args.length > 3 ? Integer.parseInt(args[3]) : 0;
		final FolderFrames frames = new FolderFrames(Path.of(args[1]), count);
		final int middle = count / 2;
		final float w = frames.width();
		final float h = frames.height();
		try (Sam2Model model = Sam2Model.open(Path.of(args[0]), Device.CPU, threads);
			InteractiveTracking session = new InteractiveTracking(model, frames, count))
		{
			System.out.printf(Locale.ROOT, "%s, %s, %d frames of %d x %d%n", model.bundle().manifest().modelName(),
				model.device(), count, frames.width(), frames.height());
			long start = System.nanoTime();
			session.prefetch(0, count);
			while (!allReady(session, count)) Thread.sleep(5);
			final double encodeS = seconds(start);
			System.out.printf(Locale.ROOT, "background encoding: %.2f frames/s (%.0f ms per frame)%n", count / encodeS,
				1000 * encodeS / count);

			final double[] first = new double[CLICKS];
			for (int i = -1; i < CLICKS; i++) {
				final float[] xy = { w * (0.4f + 0.02f * (i & 3)), h * 0.5f };
				start = System.nanoTime();
				session.prompt(0, 1, Prompt.points(xy, new int[] { 1 }));
				if (i >= 0) first[i] = seconds(start) * 1000;
			}
			System.out.println("click to mask, prompt on an encoded frame: " + spread(first));

			start = System.nanoTime();
			session.propagate(Direction.FORWARD, null, r -> {}, () -> false);
			final double propagateS = seconds(start);
			System.out.printf(Locale.ROOT, "first propagation: %.2f s (%d frames, features cached)%n", propagateS,
				count - 1);

			final double[] correction = new double[CLICKS];
			final int before = session.framesRun();
			for (int i = 0; i < CLICKS; i++) {
				final float[] xy = { w * (0.4f + 0.02f * (i & 3)), h * 0.5f, w * 0.2f, h * 0.2f };
				start = System.nanoTime();
				session.prompt(middle, 1, Prompt.points(xy, new int[] { 1, 0 }));
				correction[i] = seconds(start) * 1000;
			}
			System.out.println("click to mask, correction on tracked frame " + middle + ": " + spread(correction));

			start = System.nanoTime();
			session.propagate(Direction.FORWARD, null, r -> {}, () -> false);
			final double againS = seconds(start);
			System.out.printf(Locale.ROOT, "re-propagation after the correction: %.2f s (%d object-frames run)%n",
				againS, session.framesRun() - before - CLICKS);

			start = System.nanoTime();
			final TrackingSession batch = new TrackingSession(model, frames, 2);
			batch.addPrompt(0, 1, Prompt.points(new float[] { w * 0.46f, h * 0.5f }, new int[] { 1 }));
			batch.propagate(1, Direction.FORWARD, middle - 2, r -> {}, () -> false);
			batch.correct(middle, 1, Prompt.points(new float[] { w * 0.46f, h * 0.5f, w * 0.2f, h * 0.2f }, new int[] {
				1, 0 }));
			batch.propagate(middle, Direction.FORWARD, -1, r -> {}, () -> false);
			final double rerunS = seconds(start);
			System.out.printf(Locale.ROOT, "whole clip again, as a batch rerun (encoding included): %.2f s; " +
				"re-propagation is %.1f%% of it%n", rerunS, 100 * againS / rerunS);
		}
	}

	private static boolean allReady(final InteractiveTracking session, final int count) {
		for (int t = 0; t < count; t++) if (!session.ready(t)) return false;
		return true;
	}

	private static double seconds(final long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	private static String spread(final double[] ms) {
		final double[] sorted = ms.clone();
		Arrays.sort(sorted);
		return String.format(Locale.ROOT, "median %.0f ms, fastest %.0f, slowest %.0f (%d clicks)", sorted[sorted.length /
			2], sorted[0], sorted[sorted.length - 1], sorted.length);
	}
}
