package org.sam2tracker.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.sam2tracker.cli.Cancellation;
import org.sam2tracker.cli.Main;
import org.sam2tracker.evaluate.CtcTracking;
import org.sam2tracker.evaluate.TrackingMeasures;
import org.sam2tracker.io.CtcFolder;

/**
 * DET, SEG and TRA on the lineage clip (a benchmark program, not a test): each bundle given tracks it seeded from
 * the first frame's truth labels, with and without --divisions, and the three measures are printed per run.
 *
 * <pre>
 * java -cp "target/classes:target/test-classes:target/dependency/*" org.sam2tracker.bench.LineageBenchmark \
 *   test-data/bundles/toy-blob-tracker test-data/bundles/sam2.1-fixture
 * </pre>
 */
public final class LineageBenchmark {

	private LineageBenchmark() {}

	public static void main(final String[] args) throws Exception {
		final Path clip = Path.of("test-data/clips/lineage");
		final Path truthFolder = clip.resolve("truth");
		final CtcTracking truth = CtcFolder.readTruth(truthFolder);
		final CtcFolder.Segmentation seg = CtcFolder.readSegmentation(truthFolder);
		System.out.printf(Locale.ROOT, "%-28s %-10s %7s %7s %7s %9s %8s%n", "bundle", "divisions", "DET", "SEG", "TRA",
			"seconds", "AOGM");
		for (final String bundle : args) {
			for (final boolean divisions : new boolean[] { false, true }) {
				final Path out = Files.createTempDirectory("sam2-lineage");
				final List<String> command = new ArrayList<>(List.of("track", clip.resolve("lineage-16bit.tif").toString(),
					"-p", truthFolder.resolve("TRA/man_track000.tif").toString(), "-m", bundle, "-o", out.toString(), "-q",
					"--device", "cpu"));
				if (divisions) command.add("--divisions");
				final long start = System.nanoTime();
				final ByteArrayOutputStream err = new ByteArrayOutputStream();
				final int code = Main.execute(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8), new Cancellation(), command.toArray(new String[0]));
				final double seconds = (System.nanoTime() - start) / 1e9;
				if (code != 0) {
					System.out.println(bundle + ": the run failed: " + err.toString(StandardCharsets.UTF_8));
					continue;
				}
				final CtcTracking result = CtcFolder.readResult(out.resolve("lineage-16bit-ctc"));
				final TrackingMeasures.Counts c = TrackingMeasures.compare(truth, result);
				System.out.printf(Locale.ROOT, "%-28s %-10s %7.4f %7.4f %7.4f %9.1f %8.1f%n", Path.of(bundle).getFileName(),
					divisions ? "followed" : "no", c.det(), TrackingMeasures.seg(seg.frames(), seg.timePoints(), result
						.frames()), c.tra(), seconds, c.aogm());
			}
		}
	}
}
