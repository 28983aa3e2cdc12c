package org.sam2tracker.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.sam2tracker.model.Device;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.FrameSource;
import org.sam2tracker.testing.TestClips;
import org.sam2tracker.track.Prompt;
import org.sam2tracker.track.TrackingSession;

/**
 * Prints milliseconds per frame for each graph of the engine, for 1 and for N objects, on a bundle and a folder
 * of JPEG or PNG frames (a benchmark program, not a test):
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.sam2tracker.bench.EngineBenchmark \
 *   -Dexec.args="BUNDLE FRAMES_DIR [frames=4] [objects=10] [threads=0] [device=CPU]"
 * </pre>
 *
 * Objects are single positive clicks on a grid over frame 0; propagation runs forward. The first frame (prompt
 * and first encoder call) is left out of the per-frame figures.
 */
public final class EngineBenchmark {

	private EngineBenchmark() {}

	public static void main(final String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("usage: EngineBenchmark BUNDLE FRAMES_DIR [frames] [objects] [threads] [device]");
			System.exit(2);
		}
		final Path bundle = Path.of(args[0]);
		final int frames = args.length > 2 ? Integer.parseInt(args[2]) : 4;
		final int manyObjects = args.length > 3 ? Integer.parseInt(args[3]) : 10;
		final int threads = args.length > 4 ? Integer.parseInt(args[4]) : 0;
		final Device device = args.length > 5 ? Device.valueOf(args[5]) : Device.CPU;
		final FrameSource source = TestClips.imageFolder(Path.of(args[1]), frames + 1);
		try (Sam2Model model = Sam2Model.open(bundle, device, threads)) {
			System.out.printf(Locale.ROOT, "bundle %s, %s, %d frames of %d x %d, threads %s%n",
				model.bundle().manifest().modelName(), model.device(), frames, source.width(), source.height(),
				threads == 0 ? "default" : threads);
			for (final int objects : new int[] { 1, manyObjects }) {
				run(model, source, objects, frames);
			}
		}
	}

	private static void run(final Sam2Model model, final FrameSource source, final int objects, final int frames) {
		final TrackingSession session = new TrackingSession(model, source, 2);
		final int columns = (int) Math.ceil(Math.sqrt(objects));
		for (int i = 0; i < objects; i++) {
			final float x = source.width() * (0.5f + i % columns) / columns;
			final float y = source.height() * (0.5f + i / columns) / columns;
			session.addPrompt(0, i + 1, Prompt.points(new float[] { x, y }, new int[] { 1 }));
		}
		session.propagate(0, Direction.FORWARD, 0, r -> {}, () -> false); // frame 0 again: cached outputs
		model.resetTimings();
		final long start = System.nanoTime();
		session.propagate(1, Direction.FORWARD, frames - 1, r -> {}, () -> false);
		final double totalMs = (System.nanoTime() - start) / 1e6;
		final Map<String, double[]> t = model.stageTimings();
		final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%2d object(s):", objects));
		for (final String graph : new String[] { "image_encoder", "memory_attention", "mask_decoder",
			"memory_encoder" })
		{
			final double[] v = t.getOrDefault(graph, new double[2]);
			line.append(String.format(Locale.ROOT, "  %s %.0f ms", graph, v[1] / frames));
		}
		line.append(String.format(Locale.ROOT, "  | total %.0f ms/frame (%.2f frames/s)", totalMs / frames,
			1000 * frames / totalMs));
		System.out.println(line);
	}
}
