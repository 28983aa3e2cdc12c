package org.sam2tracker.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Folders that appear under their name only when complete: the content is written into a hidden temporary
 * folder beside the target and moved into place at the end; a failure leaves no trace. A folder already there is
 * replaced whole, so no file of an earlier run stays mixed with the new ones.
 */
public final class AtomicFolders {

	private AtomicFolders() {}

	/** @param writer fills the folder it is given, an empty temporary folder beside the target */
	public static void write(final Path target, final AtomicFiles.Writer writer) throws IOException {
		final Path absolute = target.toAbsolutePath();
		final Path dir = absolute.getParent();
		Files.createDirectories(dir);
		final Path temp = AtomicFiles.createSibling(dir, "." + absolute.getFileName(), true);
		try {
			writer.write(temp);
			moveIntoPlace(temp, absolute);
		}
		finally {
			deleteTree(temp);
		}
	}

	private static void moveIntoPlace(final Path temp, final Path target) throws IOException {
		if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
			return;
		}
		// A non-empty folder cannot be replaced by a move: the old one steps aside first, and comes back if the
		// new one cannot take its place.
		final Path aside = AtomicFiles.createSibling(target.getParent(), "." + target.getFileName() + ".old", true);
		try {
			final Path old = aside.resolve(target.getFileName());
			Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (final IOException e) {
				Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
				throw e;
			}
		}
		finally {
			deleteTree(aside);
		}
	}

	/** Deletes a file or folder with everything in it; links are removed, never followed. */
	public static void deleteTree(final Path root) throws IOException {
		if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(final Path d, final IOException e) throws IOException {
				if (e != null) throw e;
				Files.delete(d);
				return FileVisitResult.CONTINUE;
			}
		});
	}
}
