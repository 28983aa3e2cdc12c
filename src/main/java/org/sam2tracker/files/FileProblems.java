package org.sam2tracker.files;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Why a file or folder could not be read or written, in a few words a user can act on ("permission denied",
 * "No space left on device", "/data/out is a file, not a folder"), instead of a hidden temporary file's name.
 */
public final class FileProblems {

	private FileProblems() {}

	/** The reason of a failed file operation, without a final full stop. */
	public static String reason(final Throwable e) {
		if (e instanceof AccessDeniedException) return "permission denied";
		if (e instanceof NoSuchFileException) return "there is no " + ((NoSuchFileException) e).getFile();
		if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
			return ((FileSystemException) e).getReason();
		}
		final String message = e.getMessage();
		if (message == null || message.isBlank()) return e.getClass().getSimpleName();
		return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
	}

	/** The path's nearest existing part where that is not a folder; "Not a directory" alone would not say which. */
	public static Path fileInTheWay(final Path path) {
		for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
			if (Files.exists(p)) return Files.isDirectory(p) ? null : p;
		}
		return null;
	}
}
