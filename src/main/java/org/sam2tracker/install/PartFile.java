package org.sam2tracker.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * The {@code .part} file a model file grows in, with the SHA-256 of what it holds so far, so that the hash is
 * ready when the last byte arrives. Write failures come out as messages naming the model folder, so that they are
 * never taken for network failures and retried.
 */
final class PartFile implements AutoCloseable {

	private final Path path;
	private final ModelFolder folder;
	private final PartOpener opener;
	private final MessageDigest digest = Sha256.newDigest();
	private OutputStream out;
	private long length;

	PartFile(final Path path, final ModelFolder folder, final PartOpener opener) {
		this.path = path;
		this.folder = folder;
		this.opener = opener;
	}

	/** Bytes held so far. */
	long length() {
		return length;
	}

	/** Takes up what an earlier download left: its bytes count, and go into the hash. */
	void resume() throws DownloadException {
		close();
		digest.reset();
		length = 0;
		if (!Files.exists(path)) return;
		final byte[] buffer = new byte[Sha256.BUFFER];
		try (InputStream in = Files.newInputStream(path)) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				digest.update(buffer, 0, n);
				length += n;
			}
		}
		catch (final IOException e) {
			throw folder.cannotWrite(e);
		}
	}

	/** Empties the file: what it held cannot be continued. */
	void restart() throws DownloadException {
		close();
		digest.reset();
		length = 0;
		try {
			out = opener.open(path, false);
		}
		catch (final IOException e) {
			throw folder.cannotWrite(e);
		}
	}

	void write(final byte[] bytes, final int offset, final int count) throws DownloadException {
		try {
			if (out == null) out = opener.open(path, true);
			out.write(bytes, offset, count);
		}
		catch (final IOException e) {
			throw folder.cannotWrite(e);
		}
		digest.update(bytes, offset, count);
		length += count;
	}

	/** Closes the file, makes sure it is on the disk, and gives its SHA-256. */
	String finish() throws DownloadException {
		try {
			if (out != null) out.close();
			out = null;
			// On the disk before it moves into place, so that a crash right after cannot leave a short model file.
			try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
		}
		catch (final IOException e) {
			throw folder.cannotWrite(e);
		}
		return Sha256.hex(digest);
	}

	/** Moves the finished file to its name in one step where the file system can, so it never appears half. */
	void moveTo(final Path target) throws DownloadException {
		try {
			try {
				Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (final IOException e) {
			throw folder.cannotWrite(e);
		}
	}

	/** Removes the file: what it holds is wrong, or was only a copy that is quick to make again. */
	void delete() {
		close();
		digest.reset();
		length = 0;
		try {
			Files.deleteIfExists(path);
		}
		catch (final IOException e) {
			// A leftover .part is never installed: the next download verifies or replaces it.
		}
	}

	@Override
	public void close() {
		if (out == null) return;
		try {
			out.close();
		}
		catch (final IOException e) {
			// What reached the disk is hashed again before it is used.
		}
		out = null;
	}
}
