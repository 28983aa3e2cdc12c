package org.sam2tracker.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
		final Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
		try {
			writer.write(temp);
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}
}
