package org.sam2tracker.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cell Tracking Challenge result folders, read back and checked against the CTC rules. */
class CtcResultWriterTest {

	@TempDir
	Path dir;

	@Test
	void objectsThatLeaveAndComeBackAreSplitIntoLinkedTracks() throws Exception {
		// Label 1 on every frame, label 2 on frames 0-1 and 4-5, label 3 on frame 3 only.
		final ImagePlus labels = IJ.createImage("labels", "16-bit black", 16, 16, 1, 1, 6);
		for (int t = 0; t < 6; t++) {
			paint(labels, 1, t, 1, 1);
			if (t <= 1 || t >= 4) paint(labels, 1, t, 2, 8);
			if (t == 3) paint(labels, 1, t, 3, 12);
		}
		final Path folder = dir.resolve("cells_RES");
		CtcResultWriter.write(labels, folder);
		final List<String> lines = Files.readAllLines(folder.resolve("res_track.txt"));
		assertEquals(List.of("1 0 5 0", "2 0 1 0", "3 3 3 0", "4 4 5 2"), lines);
		final List<ImagePlus> masks = masks(folder, 6, 3);
		assertFollowsTheRules(lines, masks);
		assertEquals(4, label(masks.get(4), 1, 8), "the second segment of label 2 is 4 in the masks");
		assertEquals(2, label(masks.get(1), 1, 8));
		try (var files = Files.list(dir)) {
			assertEquals(List.of(folder), files.toList(), "no temporary folder is left");
		}
	}

	@Test
	void aTimeLapseOfStacksWritesOneStackPerTimePoint() throws Exception {
		final ImagePlus labels = IJ.createImage("labels", "16-bit black", 8, 8, 1, 3, 2);
		paint(labels, 3, 0, 5, 1);
		paint(labels, 1, 1, 5, 1);
		paint(labels, 2, 1, 7, 4);
		final Path folder = dir.resolve("stack_RES");
		CtcResultWriter.write(labels, folder);
		final List<String> lines = Files.readAllLines(folder.resolve("res_track.txt"));
		assertEquals(List.of("5 0 1 0", "7 1 1 0"), lines, "shown on any slice is present");
		final List<ImagePlus> masks = masks(folder, 2, 3);
		assertEquals(3, masks.get(0).getStackSize());
		assertEquals(5, label(masks.get(0), 3, 1));
		assertEquals(7, label(masks.get(1), 2, 4));
		assertFollowsTheRules(lines, masks);
	}

	@Test
	void aZStackFollowedAlongZIsOneVolumeAtTimeZero() throws Exception {
		final ImagePlus labels = IJ.createImage("labels", "16-bit black", 8, 8, 1, 4, 1);
		paint(labels, 1, 0, 1, 1);
		paint(labels, 3, 0, 1, 1);
		paint(labels, 4, 0, 2, 4);
		final Path folder = dir.resolve("zstack_RES");
		CtcResultWriter.write(labels, folder);
		assertEquals(List.of("1 0 0 0", "2 0 0 0"), Files.readAllLines(folder.resolve("res_track.txt")),
			"a gap along Z is no gap in time");
		final ImagePlus mask = masks(folder, 1, 3).get(0);
		assertEquals(4, mask.getStackSize());
		assertEquals(2, label(mask, 4, 4));
	}

	@Test
	void pastAThousandTimePointsMasksHaveFourDigits() throws Exception {
		final ImagePlus labels = IJ.createImage("labels", "16-bit black", 2, 2, 1, 1, 1001);
		paint(labels, 1, 1000, 1, 0);
		final Path folder = dir.resolve("long_RES");
		CtcResultWriter.write(labels, folder);
		masks(folder, 1001, 4);
		assertEquals(List.of("1 1000 1000 0"), Files.readAllLines(folder.resolve("res_track.txt")));
	}

	@Test
	void thirtyTwoBitLabelsAreWrittenAs16BitAndTooLargeOnesLeaveNothing() throws Exception {
		final ImagePlus labels = IJ.createImage("labels", "32-bit black", 4, 4, 1, 1, 2);
		paint(labels, 1, 0, 65535, 0);
		paint(labels, 1, 1, 3, 0);
		final Path folder = dir.resolve("wide_RES");
		CtcResultWriter.write(labels, folder);
		assertEquals(65535, label(masks(folder, 2, 3).get(0), 1, 0));
		Files.writeString(folder.resolve("stale.txt"), "from an earlier run");
		paint(labels, 1, 1, 65535, 0);
		paint(labels, 1, 0, 3, 0);
		CtcResultWriter.write(labels, folder);
		assertFalse(Files.exists(folder.resolve("stale.txt")), "an existing folder is replaced whole");

		paint(labels, 1, 0, 70000, 0);
		final Path tooWide = dir.resolve("too_wide_RES");
		assertThrows(IOException.class, () -> CtcResultWriter.write(labels, tooWide));
		// Label 65535 split by a gap would need label 65536.
		final ImagePlus gap = IJ.createImage("labels", "16-bit black", 4, 4, 1, 1, 3);
		paint(gap, 1, 0, 65535, 0);
		paint(gap, 1, 2, 65535, 0);
		assertThrows(IOException.class, () -> CtcResultWriter.write(gap, tooWide));
		try (var files = Files.list(dir)) {
			assertEquals(List.of(folder), files.toList(), "nothing is left of a result that cannot be written");
		}
	}

	/** The CTC rules: every track's label is on exactly its frames B..E, every parent is a track that ended before. */
	private static void assertFollowsTheRules(final List<String> lines, final List<ImagePlus> masks) {
		final Set<Integer> listed = new TreeSet<>();
		for (final String line : lines) {
			final int[] f = java.util.Arrays.stream(line.split(" ")).mapToInt(Integer::parseInt).toArray();
			listed.add(f[0]);
			for (int t = 0; t < masks.size(); t++) {
				assertEquals(t >= f[1] && t <= f[2], labelsIn(masks.get(t)).contains(f[0]), "label " + f[0] +
					" at time " + t);
			}
			if (f[3] != 0) {
				assertTrue(lines.stream().anyMatch(l -> l.startsWith(f[3] + " ") && Integer.parseInt(l.split(
					" ")[2]) < f[1]), "parent of " + line);
			}
		}
		final Set<Integer> inMasks = masks.stream().flatMap(m -> labelsIn(m).stream()).collect(Collectors.toCollection(
			TreeSet::new));
		assertEquals(listed, inMasks, "every label in the masks has a line, and no other");
	}

	/** Opens mask000.tif, ... and checks that they are all there, numbered without a gap, 16-bit. */
	private static List<ImagePlus> masks(final Path folder, final int count, final int digits) throws IOException {
		final Set<String> expected = new TreeSet<>();
		for (int t = 0; t < count; t++) expected.add(String.format("mask%0" + digits + "d.tif", t));
		expected.add("res_track.txt");
		try (var files = Files.list(folder)) {
			assertEquals(expected, files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(
				TreeSet::new)));
		}
		final List<ImagePlus> masks = new ArrayList<>();
		for (final String name : expected) {
			if (!name.startsWith("mask")) continue;
			final ImagePlus mask = IJ.openImage(folder.resolve(name).toString());
			assertEquals(16, mask.getBitDepth(), name);
			masks.add(mask);
		}
		return masks;
	}

	private static Set<Integer> labelsIn(final ImagePlus mask) {
		final Set<Integer> labels = new TreeSet<>();
		for (int z = 1; z <= mask.getStackSize(); z++) {
			final ImageProcessor ip = mask.getStack().getProcessor(z);
			for (int p = 0; p < ip.getPixelCount(); p++) {
				if (ip.getf(p) > 0) labels.add((int) ip.getf(p));
			}
		}
		return labels;
	}

	/** Sets a 2 x 2 block at (x, x) of slice z (1-based), time t (0-based); a 2 x 2 image gets one pixel. */
	private static void paint(final ImagePlus labels, final int z, final int t, final int label, final int x) {
		final ImageProcessor ip = labels.getStack().getProcessor(labels.getStackIndex(1, z, t + 1));
		if (labels.getWidth() <= 2) {
			ip.setf(0, label);
			return;
		}
		for (int dy = 0; dy < 2; dy++) {
			for (int dx = 0; dx < 2; dx++) ip.setf(x + dx, x + dy, label);
		}
	}

	private static int label(final ImagePlus mask, final int z, final int x) {
		return (int) mask.getStack().getProcessor(z).getf(x, x);
	}
}
