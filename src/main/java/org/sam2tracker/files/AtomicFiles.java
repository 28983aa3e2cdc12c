package org.sam2tracker.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files that appear under their name only when complete: each is written beside its target under a hidden
 * temporary name and moved into place at the end; a failure leaves no trace.
 */
public final class AtomicFiles {

	/** Writes to the path it is given; the path is a temporary file in the target's folder. */
	@FunctionalInterface
	public interface Writer {
		void write(Path temporary) throws IOException;
	}

	private AtomicFiles() {}

	public static void write(final Path target, final Writer writer) throws IOException {
		final Path dir = target.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		final Path temp = createSibling(dir, "." + target.getFileName(), false);
		try {
			writer.write(temp);
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/**
	 * A new empty file or folder in {@code dir} under a free name starting with {@code prefix}. Unlike
	 * createTempFile, it gets the permissions the umask gives, which the output keeps once moved into place.
	 */
	public static Path createSibling(final Path dir, final String prefix, final boolean folder) throws IOException {
		while (true) {
			final Path p = dir.resolve(prefix + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(),
				36) + ".part");
			try {
				return folder ? Files.createDirectory(p) : Files.createFile(p);
			}
			catch (final FileAlreadyExistsException e) {
				// Taken: draw another name.
			}
		}
	}
}
