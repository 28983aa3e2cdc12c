package org.sam2tracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.run.ExitStatus;
import org.sam2tracker.testing.CommandLineRun;
import org.sam2tracker.testing.TestData;

/**
 * The evaluate command on the cells clip's ground truth, laid out as the Cell Tracking Challenge does (its
 * division as parent links; a cell that leaves and comes back continues under a new label): the truth against
 * itself scores 1 everywhere; the tracker's own CTC output of a run prompted on the first frame scores what its
 * one missed daughter and its followers cost, and a folder that is not one is refused naming the problem.
 */
class EvaluateCommandTest {

	private static final Path CELLS = TestData.ROOT.resolve("clips/cells");

	@TempDir
	Path dir;

	@Test
	void theTruthScoresOneAgainstItselfAndATrackingRunScoresItsMisses() throws Exception {
		final Path truth = truth(dir.resolve("truth"));
		final Path self = Files.createDirectories(dir.resolve("self"));
		try (var files = Files.list(truth.resolve("TRA"))) {
			for (final Path f : files.toList()) {
				final String name = f.getFileName().toString();
				Files.copy(f, self.resolve(name.equals("man_track.txt") ? "res_track.txt" : name.replace("man_track",
					"mask")));
			}
		}
		final CommandLineRun same = CommandLineRun.run("evaluate", truth.toString(), self.toString());
		assertEquals(0, same.code(), same.err());
		assertTrue(same.out().contains("DET 1.0000"), same.out());
		assertTrue(same.out().contains("SEG 1.0000"), same.out());
		assertTrue(same.out().contains("TRA 1.0000"), same.out());

		final Path out = dir.resolve("run");
		final CommandLineRun track = CommandLineRun.run("track", CELLS.resolve("cells-16bit.tif").toString(), "-p", CELLS
			.resolve("cells_prompts.zip").toString(), "-m", TestData.TOY_BUNDLE.toString(), "-o", out.toString(), "-q");
		assertEquals(0, track.code(), track.err());
		final CommandLineRun scored = CommandLineRun.run("evaluate", truth.toString(), out.resolve("cells-16bit-ctc")
			.toString());
		assertEquals(0, scored.code(), scored.err());
		System.out.println("toy tracker on the cells clip, prompted on frame 1:\n" + scored.out());
		final double det = value(scored.out(), "DET");
		final double tra = value(scored.out(), "TRA");
		assertTrue(det > 0.5 && det < 1, "the daughters the run does not know of are missed: DET " + det);
		assertTrue(tra > 0.5 && tra < det + 0.2, "TRA " + tra);

		final CommandLineRun notOne = CommandLineRun.run("evaluate", truth.toString(), dir.toString());
		assertEquals(ExitStatus.BAD_INPUT.code(), notOne.code());
		assertTrue(notOne.err().contains("holds no mask###.tif files"), notOne.err());
	}

	private static double value(final String out, final String measure) {
		final Matcher m = Pattern.compile(measure + " ([0-9.]+)").matcher(out);
		assertTrue(m.find(), out);
		return Double.parseDouble(m.group(1));
	}

	/**
	 * The clip's truth as the challenge lays it out: TRA with every frame and man_track.txt (a cell's absence
	 * ends its track; its return starts a new one with it as parent), SEG with every fourth frame.
	 */
	private static Path truth(final Path root) throws Exception {
		final ImagePlus labels = IJ.openImage(CELLS.resolve("labels.tif").toString());
		final JsonObject clip = JsonParser.parseString(Files.readString(CELLS.resolve("cells.json"))).getAsJsonObject();
		final Map<Integer, Integer> parents = new HashMap<>();
		for (final JsonElement c : clip.getAsJsonArray("cells")) {
			parents.put(c.getAsJsonObject().get("id").getAsInt(), c.getAsJsonObject().get("parent").getAsInt());
		}
		final int frames = labels.getStackSize();
		final int w = labels.getWidth();
		final int h = labels.getHeight();
		// Per cell, the runs of frames it is on; each run after the first becomes a new label.
		final TreeMap<Integer, List<int[]>> runs = new TreeMap<>();
		for (int t = 0; t < frames; t++) {
			final ShortProcessor ip = (ShortProcessor) labels.getStack().getProcessor(t + 1);
			final java.util.Set<Integer> here = new java.util.TreeSet<>();
			for (int p = 0; p < w * h; p++) if (ip.get(p) != 0) here.add(ip.get(p));
			for (final int id : here) {
				final List<int[]> r = runs.computeIfAbsent(id, k -> new ArrayList<>());
				if (!r.isEmpty() && r.get(r.size() - 1)[1] == t - 1) r.get(r.size() - 1)[1] = t;
				else r.add(new int[] { t, t });
			}
		}
		int next = runs.lastKey() + 1;
		final Map<Integer, Map<Integer, Integer>> relabel = new HashMap<>(); // frame -> cell -> label
		final StringBuilder table = new StringBuilder();
		for (final Map.Entry<Integer, List<int[]>> e : runs.entrySet()) {
			int previous = parents.getOrDefault(e.getKey(), 0);
			for (int i = 0; i < e.getValue().size(); i++) {
				final int[] run = e.getValue().get(i);
				final int label = i == 0 ? e.getKey() : next++;
				table.append(String.format(Locale.ROOT, "%d %d %d %d%n", label, run[0], run[1], previous));
				for (int t = run[0]; t <= run[1]; t++) relabel.computeIfAbsent(t, k -> new HashMap<>()).put(e.getKey(), label);
				previous = label;
			}
		}
		final Path tra = Files.createDirectories(root.resolve("TRA"));
		final Path seg = Files.createDirectories(root.resolve("SEG"));
		for (int t = 0; t < frames; t++) {
			final ShortProcessor ip = (ShortProcessor) labels.getStack().getProcessor(t + 1);
			final ShortProcessor out = new ShortProcessor(w, h);
			for (int p = 0; p < w * h; p++) if (ip.get(p) != 0) out.set(p, relabel.get(t).get(ip.get(p)));
			final ImageStack one = new ImageStack(w, h);
			one.addSlice(out);
			new FileSaver(new ImagePlus("t", one)).saveAsTiff(tra.resolve(String.format(Locale.ROOT, "man_track%03d.tif", t))
				.toString());
			if (t % 4 == 0) new FileSaver(new ImagePlus("s", one)).saveAsTiff(seg.resolve(String.format(Locale.ROOT,
				"man_seg%03d.tif", t)).toString());
		}
		Files.writeString(tra.resolve("man_track.txt"), table.toString());
		return root;
	}
}
