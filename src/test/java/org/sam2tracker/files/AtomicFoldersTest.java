package org.sam2tracker.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders replaced whole or not at all. */
class AtomicFoldersTest {

	@TempDir
	Path dir;

	@Test
	void aFailingFolderWriterLeavesTheOldFolderAndNoTrace() throws Exception {
		final Path target = dir.resolve("ctc");
		Files.createDirectory(target);
		Files.writeString(target.resolve("old.txt"), "old");
		assertThrows(IOException.class, () -> AtomicFolders.write(target, temp -> {
			Files.writeString(temp.resolve("half.txt"), "half");
			throw new IOException("disk full");
		}));
		assertEquals("old", Files.readString(target.resolve("old.txt")));
		assertFalse(Files.exists(target.resolve("half.txt")));
		try (var files = Files.list(dir)) {
			assertEquals(List.of(target), files.toList(), "no temporary folder is left");
		}
	}

	@Test
	void aFolderIsReplacedWhole() throws Exception {
		final Path target = dir.resolve("ctc");
		Files.createDirectories(target.resolve("sub"));
		Files.writeString(target.resolve("sub/old.txt"), "old");
		AtomicFolders.write(target, temp -> Files.writeString(temp.resolve("new.txt"), "new"));
		assertTrue(Files.exists(target.resolve("new.txt")));
		assertFalse(Files.exists(target.resolve("sub")), "nothing of the old folder stays");
		try (var files = Files.list(dir)) {
			assertEquals(List.of(target), files.toList(), "no temporary folder is left");
		}
	}
}
