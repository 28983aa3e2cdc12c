package org.sam2tracker.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.sam2tracker.files.FileProblems;

/**
 * The folder a model file is installed into: made when missing, checked for room before a download starts, and
 * named in every message about a failed write, since choosing another folder is the usual fix.
 */
final class ModelFolder {

	private final Path path;
	private final FolderSpace space;

	private ModelFolder(final Path path, final FolderSpace space) {
		this.path = path;
		this.space = space;
	}

	/** Makes the folder if needed and checks that it can be written, before anything is fetched. */
	static ModelFolder prepare(final Path path, final FolderSpace space) throws DownloadException {
		try {
			Files.createDirectories(path);
		}
		catch (final IOException e) {
			final Path file = FileProblems.fileInTheWay(path);
			final String reason = file != null ? file + " is a file, not a folder" : DownloadMessages.reason(e);
			throw new DownloadException(DownloadMessages.cannotWrite(path, reason), e);
		}
		// Only a hint (root may write anywhere, ACLs may differ); creating the lock file is the real test.
		if (!Files.isWritable(path)) {
			throw new DownloadException(DownloadMessages.cannotWrite(path, "permission denied"));
		}
		return new ModelFolder(path, space);
	}

	Path path() {
		return path;
	}

	/** Fails when fewer than {@code bytes} are free; where the free space cannot be told, the write will tell. */
	void requireRoom(final long bytes) throws DownloadException {
		if (bytes <= 0) return;
		final long free;
		try {
			free = space.usableBytes(path);
		}
		catch (final IOException e) {
			return;
		}
		if (free < bytes) throw new DownloadException(DownloadMessages.notEnoughSpace(path, bytes, free));
	}

	/** A failed write, such as a disk that filled up after all, as a message naming this folder. */
	DownloadException cannotWrite(final IOException e) {
		return new DownloadException(DownloadMessages.writeFailed(path, DownloadMessages.reason(e)), e);
	}

	/** The folder itself refused: no lock file could be made. */
	DownloadException refused(final IOException e) {
		return new DownloadException(DownloadMessages.cannotWrite(path, DownloadMessages.reason(e)), e);
	}
}
