package org.sam2tracker.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs already there, found before a run. */
class FileCollisionsTest {

	@TempDir
	Path dir;

	@Test
	void filesFoldersAndBrokenLinksCollideMissingPathsDoNot() throws Exception {
		final Path file = Files.writeString(dir.resolve("a-labels.tif"), "x");
		final Path folder = Files.createDirectory(dir.resolve("a-ctc"));
		final Path link = Files.createSymbolicLink(dir.resolve("a-spots.csv"), dir.resolve("nowhere"));
		final Path missing = dir.resolve("a-tracks.csv");
		assertEquals(List.of(file, folder, link), FileCollisions.existing(List.of(file, missing, folder, link, file)),
			"in the order given, each once");
		assertEquals(List.of(), FileCollisions.existing(List.of(missing)));
	}
}
