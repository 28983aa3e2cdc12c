package org.sam2tracker.install;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;

/**
 * One download into a .part file, over as many attempts as it takes: each attempt continues where the last one
 * stopped. It gives up after the configured number of failed attempts in a row; an attempt that brought new bytes
 * starts the count again. The result is unverified: ModelDownload checks it before it is installed.
 */
final class HttpTransfer {

	private final DownloadSettings settings;
	private final HttpSource http;
	private final DownloadRequest request;
	private final PartFile part;
	private final ModelFolder folder;
	private final ProgressThrottle progress;
	private final DownloadListener listener;
	private final CancelCheck cancel;

	/** The file's size as the server declared it in this attempt; -1 unknown. */
	private long declaredTotal = -1;

	HttpTransfer(final DownloadSettings settings, final DownloadRequest request, final PartFile part,
		final ModelFolder folder, final ProgressThrottle progress, final DownloadListener listener,
		final CancelCheck cancel)
	{
		this.settings = settings;
		this.http = new HttpSource(settings);
		this.request = request;
		this.part = part;
		this.folder = folder;
		this.progress = progress;
		this.listener = listener;
		this.cancel = cancel;
	}

	/** Returns once the .part holds the whole file as far as the server and the request tell. */
	void run() throws DownloadException {
		int failures = 0;
		while (true) {
			cancel.check();
			if (request.sizeKnown()) {
				if (part.length() == request.expectedBytes()) return;
				if (part.length() > request.expectedBytes()) {
					listener.message("The part of " + request.name() + " downloaded before is too long; starting " +
						"over.");
					part.restart();
				}
			}
			final long before = part.length();
			try {
				attempt();
				return;
			}
			catch (final TransferFailure f) {
				failures = part.length() > before ? 1 : failures + 1;
				if (failures >= settings.attempts()) throw f.giveUp(request.name(), failures, part.length());
				final long pause = settings.retryPause().toMillis() * failures;
				listener.message(f.retrying(pause));
				cancel.sleep(pause);
			}
		}
	}

	private void attempt() throws TransferFailure, DownloadException {
		final long offset = part.length();
		if (offset > 0) listener.message(DownloadMessages.resuming(request.name(), offset, request.expectedBytes()));
		declaredTotal = -1;
		try (HttpSource.Response response = request.windowed() ? http.open(request.source(), request.windowStart() +
			offset, request.windowStart() + request.expectedBytes() - 1) : http.open(request.source(), offset))
		{
			if (response.status() == 416) {
				rangeNotSatisfiable(response, offset);
				return;
			}
			final long bodyLength = start(response, offset);
			receive(response, bodyLength);
		}
	}

	/** Checks the answer's headers against the request and the .part; gives the body's declared length. */
	private long start(final HttpSource.Response response, final long offset) throws TransferFailure,
		DownloadException
	{
		if (response.status() == HttpURLConnection.HTTP_PARTIAL) {
			final ContentRange range = ContentRange.parse(response.header("Content-Range"));
			final long length = response.contentLength();
			final long asked = Math.max(0, request.windowStart()) + offset;
			if (range == null || range.first() != asked || length >= 0 && length != range.length()) {
				part.restart();
				throw TransferFailure.broken(response.host(), "the server sent another part of the file than asked for",
					null);
			}
			// A window's whole is the window: what lies before it and after it is never fetched.
			declaredTotal = request.windowed() ? range.last() + 1 - request.windowStart() : range.total();
		}
		else if (request.windowed()) {
			part.restart();
			throw new DownloadException(DownloadMessages.noRanges(request.source()));
		}
		else {
			if (offset > 0) {
				listener.message("The server cannot continue the partial download of " + request.name() +
					"; starting over.");
				part.restart();
			}
			declaredTotal = response.contentLength();
		}
		if (declaredTotal >= 0) {
			if (request.sizeKnown() && declaredTotal != request.expectedBytes()) {
				part.delete();
				throw new DownloadException(DownloadMessages.wrongSize("The file at " + request.source(), declaredTotal,
					request.expectedBytes(), DownloadMessages.SERVER_CHANGED));
			}
			folder.requireRoom(declaredTotal - part.length());
			progress.total(declaredTotal);
		}
		return response.contentLength();
	}

	private void receive(final HttpSource.Response response, final long bodyLength) throws TransferFailure,
		DownloadException
	{
		final long start = part.length();
		final byte[] buffer = new byte[Sha256.BUFFER];
		progress.update(start);
		try (InputStream in = response.body()) {
			while (true) {
				cancel.check();
				final int n = in.read(buffer);
				if (n < 0) break;
				if (request.sizeKnown() && part.length() + n > request.expectedBytes()) {
					part.delete();
					// More bytes than the file has: stop before they fill the disk.
					throw new DownloadException(DownloadMessages.wrongSize("The file at " + request.source(), part
						.length() + n, request.expectedBytes(), DownloadMessages.SERVER_CHANGED));
				}
				part.write(buffer, 0, n);
				progress.update(part.length());
			}
		}
		catch (final IOException e) {
			throw TransferFailure.broken(response.host(), DownloadMessages.reason(e), e);
		}
		final long received = part.length() - start;
		final boolean shortBody = bodyLength >= 0 && received < bodyLength;
		if (shortBody || declaredTotal >= 0 && part.length() < declaredTotal) {
			throw TransferFailure.broken(response.host(), "the connection closed after " + Sizes.of(
				part.length()) + (declaredTotal >= 0 ? " of " + Sizes.of(declaredTotal) : ""), null);
		}
	}

	/** The server has nothing from this offset on: fine if the .part already holds the whole file, else start over. */
	private void rangeNotSatisfiable(final HttpSource.Response response, final long offset) throws TransferFailure,
		DownloadException
	{
		final ContentRange range = ContentRange.parse(response.header("Content-Range"));
		if (!request.windowed() && offset > 0 && range != null && range.total() == offset) return;
		part.restart();
		throw TransferFailure.broken(response.host(), "the server could not continue the partial file", null);
	}
}
