package org.sam2tracker.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and folders written whole get the permissions of any file made there, not a private temporary's. */
class AtomicFilesTest {

	@TempDir
	Path dir;

	@Test
	void outputsGetTheUsualPermissions() throws Exception {
		assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "POSIX permissions");
		final Path plainFile = Files.createFile(dir.resolve("plain.txt"));
		final Path plainFolder = Files.createDirectory(dir.resolve("plain"));
		final Path file = dir.resolve("spots.csv");
		AtomicFiles.write(file, temp -> Files.writeString(temp, "x"));
		final Path folder = dir.resolve("ctc");
		AtomicFolders.write(folder, temp -> AtomicFiles.write(temp.resolve("mask000.tif"), f -> Files.writeString(f,
			"x")));
		assertEquals(Files.getPosixFilePermissions(plainFile), Files.getPosixFilePermissions(file));
		assertEquals(Files.getPosixFilePermissions(plainFile), Files.getPosixFilePermissions(folder.resolve(
			"mask000.tif")));
		assertEquals(Files.getPosixFilePermissions(plainFolder), Files.getPosixFilePermissions(folder));
	}
}
