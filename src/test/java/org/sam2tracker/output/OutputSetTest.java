package org.sam2tracker.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.imagej.TrackingResult;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.testing.CellsClip;
import org.sam2tracker.testing.CellsTracking;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.track.Direction;

/**
 * A result set appears whole or not at all: a failure in any one writer leaves the output folder exactly as it
 * was, earlier results included; and what can be known before tracking (the folder, the labels, another run on
 * the same results) is refused before.
 */
class OutputSetTest {

	private static ImagePlus cells;
	private static TrackingResult result;

	@TempDir
	Path dir;

	@BeforeAll
	static void track() throws Exception {
		cells = CellsClip.open("cells-16bit.tif");
		result = CellsTracking.run(cells, TrackingOptions.builder(TestData.TOY_BUNDLE).direction(Direction.FORWARD)
			.range(1, 4).build(), 1, 3);
	}

	@Test
	void aFailureInAnyWriterLeavesTheFolderAsItWas() throws Exception {
		for (int failing = 0; failing < OutputSet.FORMATS.size(); failing++) {
			final Path out = Files.createDirectories(dir.resolve("fresh-" + failing));
			Files.writeString(out.resolve("notes.txt"), "the user's own file");
			final Map<String, String> before = snapshot(out);
			final OutputSet set = withFailing(out, failing);
			final IOException e = assertThrows(IOException.class, () -> set.write(record()));
			assertTrue(e.getMessage().contains("as it was"), e.getMessage());
			assertEquals(before, snapshot(out), "after a failure in " + OutputSet.FORMATS.get(failing).suffix());
		}
	}

	@Test
	void aFailedOverwriteKeepsTheEarlierResults() throws Exception {
		final Path out = dir.resolve("earlier");
		new OutputSet(out, "cells").write(record());
		final Map<String, String> earlier = snapshot(out);
		assertEquals(OutputSet.FORMATS.size(), Files.list(out).count());
		for (int failing = 0; failing < OutputSet.FORMATS.size(); failing++) {
			final int f = failing;
			assertThrows(IOException.class, () -> withFailing(out, f).write(record()));
			assertEquals(earlier, snapshot(out), "after a failed overwrite in " + OutputSet.FORMATS.get(f).suffix());
		}
		new OutputSet(out, "cells").write(record());
		assertEquals(earlier.keySet(), snapshot(out).keySet(), "a good overwrite replaces the set");
	}

	@Test
	void aSecondRunOnTheSameResultsIsRefusedWhileTheFirstHoldsThem() throws Exception {
		final OutputSet set = new OutputSet(dir.resolve("busy"), "cells");
		final ExpectedOutput expected = ExpectedOutput.of(cells, List.of());
		try (OutputLock first = set.prepare(expected, false, "--overwrite")) {
			final BadInputException e = assertThrows(BadInputException.class, () -> new OutputSet(dir.resolve("busy"),
				"cells").prepare(expected, false, "--overwrite"));
			assertTrue(e.getMessage().contains("Another run is writing the results of cells into"), e.getMessage());
		}
		try (OutputLock again = set.prepare(expected, false, "--overwrite")) {
			assertEquals(List.of(".cells.lock"), List.copyOf(snapshot(dir.resolve("busy")).keySet()), "nothing but the " +
				"hidden lock while it is held");
		}
		try (Stream<Path> left = Files.list(dir.resolve("busy"))) {
			assertEquals(0, left.count(), "the lock file goes with the lock");
		}
	}

	@Test
	void problemsKnownBeforeTrackingAreRefusedBeforeIt() throws Exception {
		final Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
		final ExpectedOutput expected = ExpectedOutput.of(cells, List.of());
		String message = assertThrows(BadInputException.class, () -> new OutputSet(file.resolve("out"), "cells")
			.prepare(expected, false, "--overwrite")).getMessage();
		assertTrue(message.contains(file + " is a file, not a folder"), message);

		message = assertThrows(BadInputException.class, () -> new OutputSet(dir.resolve("big"), "cells").prepare(
			new ExpectedOutput(256, 192, 32, 70000), false, "--overwrite")).getMessage();
		assertTrue(message.contains("numbered up to 70000") && message.contains("65535"), message);

		final Path taken = dir.resolve("taken");
		new OutputSet(taken, "cells").write(record());
		message = assertThrows(BadInputException.class, () -> new OutputSet(taken, "cells").prepare(expected, false,
			"--overwrite")).getMessage();
		assertTrue(message.contains("Results exist already") && message.contains("--overwrite"), message);
		new OutputSet(taken, "cells").prepare(expected, true, "--overwrite").close();

		message = assertThrows(BadInputException.class, () -> new OutputSet(dir.resolve("huge"), "cells").prepare(
			new ExpectedOutput(1 << 16, 1 << 16, 1 << 16, 10), false, "--overwrite")).getMessage();
		assertTrue(message.contains("need about") && message.contains("MB free"), message);
	}

	@Test
	void theToolsOwnResultsAreToldByName() {
		assertTrue(OutputSet.isResult(Path.of("cells-labels.tif")));
		assertTrue(OutputSet.isResult(Path.of("cells-ctc")));
		assertTrue(!OutputSet.isResult(Path.of("cells.tif")) && !OutputSet.isResult(Path.of("-labels.tif")));
	}

	private static RunRecord record() throws IOException {
		return new RunRecord(result, RunReport.of(null, cells, "test", List.of(), Map.of(), result));
	}

	/** The full set with the writer at {@code index} failing after it has written part of its output. */
	private static OutputSet withFailing(final Path folder, final int index) {
		final List<OutputFormat> formats = new ArrayList<>(OutputSet.FORMATS);
		final OutputFormat real = formats.get(index);
		formats.set(index, new OutputFormat() {

			@Override
			public String suffix() {
				return real.suffix();
			}

			@Override
			public String description() {
				return real.description();
			}

			@Override
			public void write(final RunRecord run, final Path target) throws IOException {
				real.write(run, target);
				throw new IOException("No space left on device (injected into " + real.suffix() + ")");
			}
		});
		return new OutputSet(folder, "cells", formats);
	}

	/** Every file under a folder (hidden ones too) with a hash of its bytes. */
	private static Map<String, String> snapshot(final Path folder) throws Exception {
		final Map<String, String> files = new TreeMap<>();
		try (Stream<Path> all = Files.walk(folder)) {
			for (final Path p : (Iterable<Path>) all::iterator) {
				if (p.equals(folder)) continue;
				files.put(folder.relativize(p).toString(), Files.isDirectory(p) ? "folder" : HexFormat.of().formatHex(
					java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
			}
		}
		return files;
	}
}
