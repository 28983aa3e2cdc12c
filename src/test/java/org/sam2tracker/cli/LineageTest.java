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
 * every division is found with its parent right, on or shortly after the frame the truth divides, in res_track.txt,
 * in the TrackMate file (read back as TrackMate's reader reads it) and in the tracks table; the evaluation against
 * the truth scores it.
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

		trackMateFileHoldsTheLineage(out.resolve("lineage-16bit-trackmate.xml"), truth.keySet());

		final List<String> tracks = Files.readAllLines(out.resolve("lineage-16bit-tracks.csv"));
		assertTrue(tracks.get(0).endsWith(",Parent,Generation,Division_frame"), tracks.get(0));
		assertEquals(24, tracks.stream().skip(1).filter(l -> l.endsWith(",1,0")).count(), "24 daughters of generation 1");
		assertEquals(12, tracks.stream().skip(1).filter(l -> l.matches(".*,0,0,[1-9][0-9]*")).count(),
			"12 roots that divide, each with its division frame");

		final CommandLineRun scored = CommandLineRun.run("evaluate", CLIP.resolve("truth").toString(), out.resolve(
			"lineage-16bit-ctc").toString());
		assertEquals(0, scored.code(), scored.err());
		System.out.println("toy tracker with divisions on the lineage clip, seeded on frame 1:\n" + scored.out());
		assertTrue(scored.out().contains("DET 0.9"), scored.out());
		assertTrue(scored.out().contains("TRA 0.9"), scored.out());
	}

	/**
	 * The TrackMate file read back as TrackMate's reader reads it: declared features, spots by ID, tracks as edges
	 * between known spots, filtered tracks that exist, the image data; a division is a spot with two outgoing
	 * edges, on the mother's last frame, towards her two daughters.
	 */
	private static void trackMateFileHoldsTheLineage(final Path file, final java.util.Set<Integer> mothers)
		throws Exception
	{
		final org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
			.parse(file.toFile());
		final org.w3c.dom.Element root = doc.getDocumentElement();
		assertEquals("TrackMate", root.getTagName());
		final org.w3c.dom.Element model = (org.w3c.dom.Element) root.getElementsByTagName("Model").item(0);
		for (final String part : List.of("FeatureDeclarations", "AllSpots", "AllTracks", "FilteredTracks")) {
			assertEquals(1, model.getElementsByTagName(part).getLength(), part);
		}
		assertEquals("micron", model.getAttribute("spatialunits"));
		final Map<Integer, Integer> labelOf = new TreeMap<>();
		final org.w3c.dom.NodeList spots = model.getElementsByTagName("Spot");
		assertEquals(Integer.parseInt(((org.w3c.dom.Element) model.getElementsByTagName("AllSpots").item(0)).getAttribute(
			"nspots")), spots.getLength());
		for (int i = 0; i < spots.getLength(); i++) {
			final org.w3c.dom.Element s = (org.w3c.dom.Element) spots.item(i);
			labelOf.put(Integer.parseInt(s.getAttribute("ID")), Integer.parseInt(s.getAttribute("SAM2_LABEL")));
			Double.parseDouble(s.getAttribute("POSITION_X"));
			Integer.parseInt(s.getAttribute("FRAME"));
		}
		final Map<Integer, List<Integer>> outgoing = new TreeMap<>();
		final java.util.Set<Integer> trackIds = new java.util.TreeSet<>();
		final org.w3c.dom.NodeList trackNodes = model.getElementsByTagName("Track");
		for (int i = 0; i < trackNodes.getLength(); i++) {
			final org.w3c.dom.Element t = (org.w3c.dom.Element) trackNodes.item(i);
			trackIds.add(Integer.parseInt(t.getAttribute("TRACK_ID")));
			final org.w3c.dom.NodeList edges = t.getElementsByTagName("Edge");
			for (int j = 0; j < edges.getLength(); j++) {
				final org.w3c.dom.Element e = (org.w3c.dom.Element) edges.item(j);
				final int source = Integer.parseInt(e.getAttribute("SPOT_SOURCE_ID"));
				final int target = Integer.parseInt(e.getAttribute("SPOT_TARGET_ID"));
				assertTrue(labelOf.containsKey(source) && labelOf.containsKey(target) && source != target, "edge " + source +
					" -> " + target);
				outgoing.computeIfAbsent(source, k -> new ArrayList<>()).add(target);
			}
		}
		final org.w3c.dom.NodeList filtered = model.getElementsByTagName("TrackID");
		for (int i = 0; i < filtered.getLength(); i++) {
			assertTrue(trackIds.contains(Integer.parseInt(((org.w3c.dom.Element) filtered.item(i)).getAttribute(
				"TRACK_ID"))));
		}
		assertEquals(20, trackIds.size(), "one TrackMate track per lineage");
		final java.util.Set<Integer> dividing = new java.util.TreeSet<>();
		for (final Map.Entry<Integer, List<Integer>> e : outgoing.entrySet()) {
			if (e.getValue().size() < 2) continue;
			assertEquals(2, e.getValue().size());
			dividing.add(labelOf.get(e.getKey()));
			for (final int daughter : e.getValue()) assertTrue(labelOf.get(daughter) > 20, "a daughter's spot");
		}
		assertEquals(mothers, dividing, "the divisions in the TrackMate file");
		final org.w3c.dom.Element data = (org.w3c.dom.Element) root.getElementsByTagName("ImageData").item(0);
		assertEquals("lineage-16bit.tif", data.getAttribute("filename"));
		assertEquals("256", data.getAttribute("width"));
		assertEquals("36", data.getAttribute("nframes"));
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
