package org.sam2tracker.install;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URL;
import java.util.Locale;

/**
 * Opens a GET of a model file from a byte offset on. HttpURLConnection is used for its per-read timeout, and
 * because it takes its proxy from ProxySelector.getDefault(), which follows the http.proxyHost, https.proxyHost
 * and http.nonProxyHosts properties users already know. Redirects (Hugging Face answers 302 to its CDN) are
 * followed here, since HttpURLConnection will not go from http to https; a step down from https to http is
 * refused.
 */
final class HttpSource {

	static final int MAX_REDIRECTS = 10;

	private static final String USER_AGENT = "SAM2-Tracker (Java " + Runtime.version().feature() + ")";

	private final DownloadSettings settings;

	HttpSource(final DownloadSettings settings) {
		this.settings = settings;
	}

	/** A 200, 206 or 416 answer whose body is still to read; closing it closes the connection. */
	static final class Response implements AutoCloseable {

		private final HttpURLConnection connection;
		private final int status;

		private Response(final HttpURLConnection connection, final int status) {
			this.connection = connection;
			this.status = status;
		}

		int status() {
			return status;
		}

		String host() {
			return connection.getURL().getHost();
		}

		/** The body's length as declared; -1 where the server did not say. */
		long contentLength() {
			return connection.getContentLengthLong();
		}

		String header(final String name) {
			return connection.getHeaderField(name);
		}

		InputStream body() throws IOException {
			return connection.getInputStream();
		}

		@Override
		public void close() {
			// Not kept alive for reuse: a body left unread, after a cancel or a stall, must not delay the next attempt.
			connection.disconnect();
		}
	}

	/** Asks for the file from {@code offset} on; errors that may pass are TransferFailures, the rest final. */
	Response open(final URI source, final long offset) throws TransferFailure, DownloadException {
		return open(source, offset, -1);
	}

	/**
	 * Asks for bytes {@code first} to {@code last} (inclusive; -1 for the end of the file). A server that does not
	 * take ranges answers 200 with the whole file, which the caller reads from its start.
	 */
	Response open(final URI source, final long first, final long last) throws TransferFailure, DownloadException {
		URL url = firstUrl(source);
		for (int hops = 0;; hops++) {
			final HttpURLConnection connection = connect(url, first, last);
			final int status;
			try {
				status = connection.getResponseCode();
			}
			catch (final UnknownHostException e) {
				// A name that is unknown now stays unknown for the next seconds: no use trying again.
				connection.disconnect();
				throw new DownloadException(DownloadMessages.unknownHost(url.getHost()), e);
			}
			catch (final IOException e) {
				connection.disconnect();
				throw TransferFailure.unreachable(url.getHost(), e);
			}
			if (status == HttpURLConnection.HTTP_OK || status == HttpURLConnection.HTTP_PARTIAL || status == 416) {
				return new Response(connection, status);
			}
			final String location = connection.getHeaderField("Location");
			connection.disconnect();
			if (isRedirect(status) && location != null) {
				if (hops >= MAX_REDIRECTS) {
					throw new DownloadException(DownloadMessages.tooManyRedirects(source, MAX_REDIRECTS));
				}
				url = next(source, url, location);
				continue;
			}
			if (status == 408 || status == 429 || status >= 500) throw TransferFailure.server(url.getHost(), status);
			throw refusal(source, status);
		}
	}

	private HttpURLConnection connect(final URL url, final long offset, final long last) throws TransferFailure {
		final HttpURLConnection connection;
		try {
			// Without a Proxy argument it asks ProxySelector.getDefault(), so the proxy system properties apply.
			connection = (HttpURLConnection) url.openConnection();
		}
		catch (final IOException e) {
			throw TransferFailure.unreachable(url.getHost(), e);
		}
		connection.setInstanceFollowRedirects(false);
		connection.setConnectTimeout((int) settings.connectTimeout().toMillis());
		connection.setReadTimeout((int) settings.readTimeout().toMillis());
		connection.setRequestProperty("User-Agent", USER_AGENT);
		// Byte offsets only mean something in the file itself, not in a compressed form of it.
		connection.setRequestProperty("Accept-Encoding", "identity");
		if (last >= 0) connection.setRequestProperty("Range", "bytes=" + offset + "-" + last);
		else if (offset > 0) connection.setRequestProperty("Range", "bytes=" + offset + "-");
		return connection;
	}

	private static URL firstUrl(final URI source) throws DownloadException {
		final String scheme = source.getScheme();
		if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || source.getHost() == null) {
			throw new DownloadException(DownloadMessages.notWeb(source));
		}
		try {
			return source.toURL();
		}
		catch (final MalformedURLException | IllegalArgumentException e) {
			throw new DownloadException(DownloadMessages.notWeb(source), e);
		}
	}

	private static boolean isRedirect(final int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

	private static URL next(final URI source, final URL from, final String location) throws DownloadException {
		final URL to;
		try {
			// Relative locations are resolved against the address that sent them.
			to = new URL(from, location);
		}
		catch (final MalformedURLException e) {
			throw new DownloadException(DownloadMessages.badRedirect(source, location), e);
		}
		final String protocol = to.getProtocol().toLowerCase(Locale.ROOT);
		final boolean web = protocol.equals("https") || protocol.equals("http") && !from.getProtocol()
			.equalsIgnoreCase("https");
		if (!web || to.getHost().isEmpty()) throw new DownloadException(DownloadMessages.badRedirect(source, location));
		return to;
	}

	/** An answer that another attempt would not change. */
	private static DownloadException refusal(final URI source, final int status) {
		if (status == 404 || status == 410) return new DownloadException(DownloadMessages.notFound(source, status));
		if (status == 401 || status == 403) {
			return new DownloadException(DownloadMessages.accessRefused(source, status));
		}
		if (status == 407) return new DownloadException(DownloadMessages.proxyLogin(source));
		return new DownloadException(DownloadMessages.unexpectedStatus(source, status));
	}
}
