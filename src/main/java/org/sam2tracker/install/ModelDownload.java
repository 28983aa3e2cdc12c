package org.sam2tracker.install;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.SafetensorsHeader;

/**
 * Installs one model file, from the web or from a file the user already has. The file grows as
 * {@code <target>.part} beside its target and takes the target's name only once its size and SHA-256 are checked,
 * so that a broken download never looks installed. A download that breaks off is continued where it stopped, by
 * the next attempt or by the next call. Two installers of one file, in one JVM or in two, take turns, and the
 * second finds the file installed.
 * <p>
 * Cancelling throws a {@link CancellationException} whose message says what was kept.
 */
public final class ModelDownload {

	private final DownloadSettings settings;
	private final FolderSpace space;
	private final PartOpener opener;

	public ModelDownload(final DownloadSettings settings) {
		this(settings, FolderSpace.SYSTEM, PartOpener.SYSTEM);
	}

	/** With a stand-in disk, for tests of a full disk. */
	ModelDownload(final DownloadSettings settings, final FolderSpace space, final PartOpener opener) {
		this.settings = settings;
		this.space = space;
		this.opener = opener;
	}

	/**
	 * Fetches request.source into request.target; returns the file's SHA-256 (lower-case hex), to be recorded where
	 * the catalog had none. A file already at the target that passes the known checks is kept without a download.
	 * Cancelling (looked at between pieces of the file) keeps the .part, and the next call continues it.
	 */
	/**
	 * The safetensors header of the file at {@code source}, read before the file itself; null when the server
	 * cannot be reached now, which the download, with its retries, then reports.
	 */
	public SafetensorsHeader header(final URI source) throws DownloadException, BundleException {
		try {
			return RemoteHeader.read(new HttpSource(settings), source);
		}
		catch (final TransferFailure f) {
			return null;
		}
	}

	public String fetch(final DownloadRequest request, final DownloadListener listener,
		final BooleanSupplier cancelled) throws DownloadException
	{
		final ModelFolder folder = ModelFolder.prepare(request.folder(), space);
		final PartFile part = new PartFile(request.part(), folder, opener);
		final CancelCheck cancel = new CancelCheck(cancelled, () -> DownloadMessages.cancelled(request.name(), part
			.length()));
		try (InstallLock lock = lock(request, folder, listener, cancel); part) {
			final String installed = installedHash(request, listener);
			if (installed != null) return installed;
			part.resume();
			if (request.sizeKnown()) folder.requireRoom(request.expectedBytes() - part.length());
			final ProgressThrottle progress = new ProgressThrottle(listener, request.expectedBytes());
			new HttpTransfer(settings, request, part, folder, progress, listener, cancel).run();
			return place(part, request, "The downloaded file", DownloadMessages.DOWNLOAD_REMOVED, progress);
		}
	}

	/**
	 * Offline install: copies a model file the user already has, with the same checks and the same placement as a
	 * download. A copy that fails or is cancelled leaves nothing behind; it is quick to make again.
	 */
	public String copyLocal(final Path source, final DownloadRequest request, final DownloadListener listener,
		final BooleanSupplier cancelled) throws DownloadException
	{
		final long size = sizeOf(source);
		if (request.sizeKnown() && size != request.expectedBytes()) {
			throw new DownloadException(DownloadMessages.wrongSize("The file " + source, size, request.expectedBytes(),
				DownloadMessages.notTheFile(request)));
		}
		final ModelFolder folder = ModelFolder.prepare(request.folder(), space);
		final PartFile part = new PartFile(request.part(), folder, opener);
		final CancelCheck cancel = new CancelCheck(cancelled, () -> DownloadMessages.copyCancelled(request.name()));
		try (InstallLock lock = lock(request, folder, listener, cancel); part) {
			final String installed = installedHash(request, listener);
			if (installed != null) return installed;
			boolean placed = false;
			try {
				part.restart();
				folder.requireRoom(size);
				final ProgressThrottle progress = new ProgressThrottle(listener, size);
				copy(source, part, progress, cancel);
				final String hash = place(part, request, "The file " + source, DownloadMessages.notTheFile(request),
					progress);
				placed = true;
				return hash;
			}
			finally {
				if (!placed) part.delete();
			}
		}
	}

	private static long sizeOf(final Path source) throws DownloadException {
		if (!Files.exists(source)) throw new DownloadException(DownloadMessages.noSuchFile(source));
		try {
			if (!Files.isRegularFile(source)) throw new IOException(source + " is a folder, not a file");
			return Files.size(source);
		}
		catch (final IOException e) {
			throw new DownloadException(DownloadMessages.cannotRead(source, DownloadMessages.reason(e)), e);
		}
	}

	private static void copy(final Path source, final PartFile part, final ProgressThrottle progress,
		final CancelCheck cancel) throws DownloadException
	{
		final byte[] buffer = new byte[Sha256.BUFFER];
		try (InputStream in = Files.newInputStream(source)) {
			while (true) {
				cancel.check();
				final int n = in.read(buffer);
				if (n < 0) return;
				part.write(buffer, 0, n);
				progress.update(part.length());
			}
		}
		catch (final IOException e) {
			throw new DownloadException(DownloadMessages.cannotRead(source, DownloadMessages.reason(e)), e);
		}
	}

	private static InstallLock lock(final DownloadRequest request, final ModelFolder folder,
		final DownloadListener listener, final CancelCheck cancel) throws DownloadException
	{
		try {
			return InstallLock.acquire(request.lock(), () -> listener.message("Waiting for another download of " +
				request.name() + " to finish…"), cancel);
		}
		catch (final IOException e) {
			throw folder.refused(e);
		}
	}

	/** The SHA-256 of a file already at the target that passes the known checks; null where there is none. */
	private static String installedHash(final DownloadRequest request, final DownloadListener listener) {
		final Path target = request.target();
		if (!Files.isRegularFile(target)) return null;
		try {
			final long size = Files.size(target);
			if (!request.sizeKnown() || size == request.expectedBytes()) {
				final String hash = Sha256.of(target);
				if (!request.hashKnown() || hash.equals(request.expectedSha256())) {
					listener.message(request.name() + " is installed already.");
					listener.progress(size, size);
					return hash;
				}
			}
		}
		catch (final IOException e) {
			// An unreadable file is replaced like a wrong one.
		}
		listener.message("The " + request.name() + " in place is not the expected file; it will be replaced.");
		return null;
	}

	/** Checks the finished .part against the request and moves it into place; a wrong one is deleted. */
	private static String place(final PartFile part, final DownloadRequest request, final String what,
		final String after, final ProgressThrottle progress) throws DownloadException
	{
		final String hash = part.finish();
		final long size = part.length();
		if (request.sizeKnown() && size != request.expectedBytes()) {
			part.delete();
			throw new DownloadException(DownloadMessages.wrongSize(what, size, request.expectedBytes(), after));
		}
		if (request.hashKnown() && !hash.equals(request.expectedSha256())) {
			part.delete();
			throw new DownloadException(DownloadMessages.wrongHash(what, hash, request.expectedSha256(), after));
		}
		part.moveTo(request.target());
		progress.total(size);
		progress.finish(size);
		return hash;
	}
}
