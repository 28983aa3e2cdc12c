package org.sam2tracker.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on the loopback interface for download tests. It records every request it sees and can serve
 * a file honouring Range or not, break off after a given byte, or send the rest slowly.
 */
public final class TestServer implements AutoCloseable {

	/** One request: its path, its Range header (null without one), and its Host header. */
	public record Seen(String path, String range, String host) {}

	private static final int CHUNK = 8192;
	private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

	private final HttpServer server;
	private final ExecutorService threads = Executors.newCachedThreadPool();
	private final List<Seen> seen = new CopyOnWriteArrayList<>();

	public TestServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		// A handler that stalls or waits must not hold up the others.
		server.setExecutor(threads);
		server.start();
	}

	public void on(final String path, final HttpHandler handler) {
		server.createContext(path, exchange -> {
			seen.add(new Seen(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Range"),
				exchange.getRequestHeaders().getFirst("Host")));
			handler.handle(exchange);
		});
	}

	public URI uri(final String path) {
		return URI.create("http://127.0.0.1:" + port() + path);
	}

	public int port() {
		return server.getAddress().getPort();
	}

	public List<Seen> seen() {
		return List.copyOf(seen);
	}

	@Override
	public void close() {
		server.stop(0);
		threads.shutdownNow();
	}

	/** Serves {@code data} whole, from the asked offset if {@code honourRange}, breaking off at byte {@code cutAt}. */
	public static void serve(final HttpExchange exchange, final byte[] data, final boolean honourRange, final long cutAt)
		throws IOException
	{
		send(exchange, data, honourRange, cutAt, data.length, 0);
	}

	/** Serves {@code data} honouring Range, fast up to byte {@code slowFrom}, then a chunk every few milliseconds. */
	public static void serveSlowly(final HttpExchange exchange, final byte[] data, final long slowFrom,
		final long pauseMillis) throws IOException
	{
		send(exchange, data, true, -1, slowFrom, pauseMillis);
	}

	public static void status(final HttpExchange exchange, final int status) throws IOException {
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	public static void redirect(final HttpExchange exchange, final String location) throws IOException {
		exchange.getResponseHeaders().set("Location", location);
		status(exchange, 302);
	}

	/** The offset a Range header asks for; 0 without one. */
	public static long rangeStart(final HttpExchange exchange) {
		final Matcher m = range(exchange);
		return m == null ? 0 : Long.parseLong(m.group(1));
	}

	/** The last byte a Range header asks for (inclusive); -1 without one, or for a range to the end. */
	public static long rangeEnd(final HttpExchange exchange) {
		final Matcher m = range(exchange);
		return m == null || m.group(2).isEmpty() ? -1 : Long.parseLong(m.group(2));
	}

	private static Matcher range(final HttpExchange exchange) {
		final String range = exchange.getRequestHeaders().getFirst("Range");
		if (range == null) return null;
		final Matcher m = RANGE.matcher(range);
		if (!m.matches()) throw new IllegalArgumentException("An unexpected Range header: " + range);
		return m;
	}

	private static void send(final HttpExchange exchange, final byte[] data, final boolean honourRange,
		final long cutAt, final long slowFrom, final long pauseMillis) throws IOException
	{
		final int from = honourRange ? (int) rangeStart(exchange) : 0;
		final long askedEnd = honourRange ? rangeEnd(exchange) : -1;
		if (from >= data.length && from > 0) {
			exchange.getResponseHeaders().set("Content-Range", "bytes */" + data.length);
			status(exchange, 416);
			return;
		}
		final int last = askedEnd < 0 ? data.length - 1 : (int) Math.min(askedEnd, data.length - 1);
		if (from > 0 || askedEnd >= 0) {
			exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + last + "/" + data.length);
			exchange.sendResponseHeaders(206, last + 1 - from);
		}
		else {
			exchange.sendResponseHeaders(200, data.length);
		}
		final OutputStream out = exchange.getResponseBody();
		final int end = Math.min(last + 1, cutAt < 0 ? data.length : (int) Math.min(cutAt, data.length));
		for (int p = from; p < end; p += CHUNK) {
			if (p >= slowFrom) pause(pauseMillis);
			out.write(data, p, Math.min(CHUNK, end - p));
			out.flush();
		}
		if (end < last + 1) dropConnection();
		exchange.close();
	}

	/** Ends the exchange abruptly: the server closes the connection when a handler throws. */
	public static void dropConnection() throws IOException {
		throw new IOException("The test server drops the connection");
	}

	private static void pause(final long millis) throws IOException {
		try {
			Thread.sleep(millis);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("Stopped", e);
		}
	}
}
