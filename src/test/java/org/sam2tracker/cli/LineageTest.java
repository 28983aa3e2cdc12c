package org.sam2tracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.CommandLineRun;
import org.sam2tracker.testing.TestData;

/**
 * Lineages on the synthetic field of 20 cells of which 12 divide (test-data/clips/lineage): seeded from the first
 * frame's ground-truth labels (a label image as the prompt file) and tracked with --divisions by the toy tracker,
 * every division is found with its parent right, on or shortly after the frame the truth divides, in res_track.txt
 * and in the tracks table; the evaluation against the truth scores it.
 */
class LineageTest {

	private static final Path CLIP = TestData.ROOT.resolve("clips/lineage");

	@TempDir
	Path dir;

	@Test
	void everyDivisionIsFoundWithItsParentFromSeedsOfTheFirstFrame() throws Exception {
		final Path out = dir.resolve("out");
		final CommandLineRun run = CommandLineRun.run("track", CLIP.resolve("lineage-16bit.tif").toString(), "-p", CLIP
			.resolve("truth/TRA/man_track000.tif").toString(), "-m", TestData.TOY_BUNDLE.toString(), "-o", out.toString(),
			"--divisions", "--device", "cpu");
		assertEquals(0, run.code(), run.err());
		assertTrue(run.err().contains("man_track000.tif: 20 objects seeded on frame 1."), run.err());

		final Map<Integer, List<int[]>> truth = daughters(CLIP.resolve("truth/TRA/man_track.txt"));
		final Map<Integer, List<int[]>> found = daughters(out.resolve("lineage-16bit-ctc/res_track.txt"));
		assertEquals(12, truth.size(), "the clip's divisions");
		assertEquals(truth.keySet(), found.keySet(), "the dividing cells, by their seeded labels");
		for (final Map.Entry<Integer, List<int[]>> e : truth.entrySet()) {
			final int divides = e.getValue().get(0)[1];
			final List<int[]> ours = found.get(e.getKey());
			assertEquals(2, ours.size(), "two daughters of " + e.getKey());
			for (final int[] d : ours) {
				assertTrue(d[1] >= divides && d[1] <= divides + 4, "daughters of " + e.getKey() + " from frame " + d[1] +
					", the truth divides at " + divides);
			}
		}

		final List<String> tracks = Files.readAllLines(out.resolve("lineage-16bit-tracks.csv"));
		assertTrue(tracks.get(0).endsWith(",Parent,Generation"), tracks.get(0));
		assertEquals(24, tracks.stream().skip(1).filter(l -> l.endsWith(",1")).count(), "24 daughters of generation 1");

		final CommandLineRun scored = CommandLineRun.run("evaluate", CLIP.resolve("truth").toString(), out.resolve(
			"lineage-16bit-ctc").toString());
		assertEquals(0, scored.code(), scored.err());
		System.out.println("toy tracker with divisions on the lineage clip, seeded on frame 1:\n" + scored.out());
		assertTrue(scored.out().contains("DET 0.9"), scored.out());
		assertTrue(scored.out().contains("TRA 0.9"), scored.out());
	}

	/** Parent label to its daughters' lines {label, begin, end, parent} of a res_track.txt or man_track.txt. */
	private static Map<Integer, List<int[]>> daughters(final Path table) throws Exception {
		final Map<Integer, List<int[]>> out = new TreeMap<>();
		for (final String line : Files.readAllLines(table)) {
			if (line.isBlank()) continue;
			final String[] f = line.trim().split("\\s+");
			final int[] t = { Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(
				f[3]) };
			if (t[3] != 0) out.computeIfAbsent(t[3], k -> new ArrayList<>()).add(t);
		}
		return out;
	}
}
