package org.sam2tracker.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sam2tracker.testing.DownloadFixture.DATA;
import static org.sam2tracker.testing.DownloadFixture.DATA_SHA;
import static org.sam2tracker.testing.DownloadFixture.QUICK;
import static org.sam2tracker.testing.DownloadFixture.head;
import static org.sam2tracker.testing.DownloadFixture.part;
import static org.sam2tracker.testing.DownloadFixture.request;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.DownloadFixture;
import org.sam2tracker.testing.DownloadFixture.Recorder;
import org.sam2tracker.testing.TestServer;

/** Downloads that arrive: whole, resumed after a break, through redirects and a proxy, or found installed. */
class ModelDownloadTest {

	private static final String PATH = "/facebook/sam2.1-hiera-tiny/resolve/main/model.safetensors";
	private static final int CUT = 120_000;

	@TempDir
	Path dir;

	private TestServer server;
	private Path target;

	@BeforeEach
	void start() throws Exception {
		server = new TestServer();
		target = dir.resolve("models").resolve("sam2.1-tiny").resolve("model.safetensors");
	}

	@AfterEach
	void stop() {
		server.close();
	}

	@Test
	void theFileArrivesWholeWithItsHash() throws Exception {
		server.on(PATH, ex -> TestServer.serve(ex, DATA, true, -1));
		final Recorder listener = new Recorder();
		final long start = System.nanoTime();
		final String hash = new ModelDownload(QUICK).fetch(request(server.uri(PATH), target), listener, () -> false);
		final long millis = (System.nanoTime() - start) / 1_000_000;
		assertEquals(DATA_SHA, hash);
		assertArrayEquals(DATA, Files.readAllBytes(target));
		assertFalse(Files.exists(part(target)), "no .part left");
		assertArrayEquals(new long[] { DATA.length, DATA.length }, listener.last());
		// At most one report per 100 ms, besides the first and the last.
		assertTrue(listener.progress.size() <= 2 + millis / 100, listener.progress.size() + " reports in " + millis +
			" ms");
		assertEquals(1, server.seen().size());
		assertNull(server.seen().get(0).range());
	}

	@Test
	void aDroppedConnectionIsResumedWhereItBroke() throws Exception {
		final AtomicInteger requests = new AtomicInteger();
		server.on(PATH, ex -> TestServer.serve(ex, DATA, true, requests.getAndIncrement() == 0 ? CUT : -1));
		final Recorder listener = new Recorder();
		assertEquals(DATA_SHA, new ModelDownload(QUICK).fetch(request(server.uri(PATH), target), listener, () -> false));
		assertArrayEquals(DATA, Files.readAllBytes(target));
		assertEquals(List.of("none", "bytes=" + CUT + "-"), ranges());
		assertTrue(listener.said("The download broke off (the connection closed after 120 KB of 300 KB); trying " +
			"again in 10 ms."), listener.messages.toString());
		assertTrue(listener.said("Continuing the download of model.safetensors from 120 KB"), listener.messages
			.toString());
	}

	@Test
	void aPartFromAnEarlierRunIsContinued() throws Exception {
		server.on(PATH, ex -> TestServer.serve(ex, DATA, true, -1));
		Files.createDirectories(target.getParent());
		Files.write(part(target), head(DATA.length / 2));
		assertEquals(DATA_SHA, new ModelDownload(QUICK).fetch(request(server.uri(PATH), target), new Recorder(),
			() -> false));
		assertArrayEquals(DATA, Files.readAllBytes(target));
		assertEquals(List.of("bytes=" + DATA.length / 2 + "-"), ranges());
		assertFalse(Files.exists(part(target)));
	}

	@Test
	void aServerThatIgnoresRangeMakesItStartOver() throws Exception {
		server.on(PATH, ex -> TestServer.serve(ex, DATA, false, -1));
		Files.createDirectories(target.getParent());
		// Not even the right bytes: appending the server's whole file to them would show.
		Files.write(part(target), DownloadFixture.random(DATA.length / 2, 7));
		final Recorder listener = new Recorder();
		assertEquals(DATA_SHA, new ModelDownload(QUICK).fetch(request(server.uri(PATH), target), listener, () -> false));
		assertArrayEquals(DATA, Files.readAllBytes(target));
		assertEquals(List.of("bytes=" + DATA.length / 2 + "-"), ranges());
		assertTrue(listener.said("The server cannot continue"), listener.messages.toString());
	}

	@Test
	void anUnknownHashIsWorkedOutForTheRecord() throws Exception {
		server.on(PATH, ex -> TestServer.serve(ex, DATA, true, -1));
		final DownloadRequest request = new DownloadRequest(server.uri(PATH), target, -1, null);
		assertEquals(DATA_SHA, new ModelDownload(QUICK).fetch(request, new Recorder(), () -> false));
		assertArrayEquals(DATA, Files.readAllBytes(target));
	}

	@Test
	void redirectsAreFollowedAndKeepTheRange() throws Exception {
		server.on("/resolve/model.safetensors", ex -> TestServer.redirect(ex, "/api/model.safetensors"));
		server.on("/api/model.safetensors", ex -> TestServer.redirect(ex, server.uri("/cdn/xyz").toString()));
		server.on("/cdn/xyz", ex -> TestServer.serve(ex, DATA, true, -1));
		Files.createDirectories(target.getParent());
		Files.write(part(target), head(1000));
		assertEquals(DATA_SHA, new ModelDownload(QUICK).fetch(request(server.uri("/resolve/model.safetensors"),
			target), new Recorder(), () -> false));
		assertArrayEquals(DATA, Files.readAllBytes(target));
		assertEquals(List.of("/resolve/model.safetensors", "/api/model.safetensors", "/cdn/xyz"), server.seen().stream()
			.map(TestServer.Seen::path).toList());
		assertEquals(List.of("bytes=1000-", "bytes=1000-", "bytes=1000-"), ranges());
	}

	@Test
	void theProxyOfTheSystemPropertiesIsUsed() throws Exception {
		// The test server plays the proxy: a host that does not exist can only be reached through it.
		server.on("/", ex -> TestServer.serve(ex, DATA, true, -1));
		final Properties saved = (Properties) System.getProperties().clone();
		try {
			System.setProperty("http.proxyHost", "127.0.0.1");
			System.setProperty("http.proxyPort", Integer.toString(server.port()));
			final URI source = URI.create("http://models.example.invalid/sam2/model.safetensors");
			assertEquals(DATA_SHA, new ModelDownload(QUICK).fetch(request(source, target), new Recorder(), () -> false));
		}
		finally {
			System.setProperties(saved);
		}
		assertArrayEquals(DATA, Files.readAllBytes(target));
		assertEquals(List.of(new TestServer.Seen("/sam2/model.safetensors", null, "models.example.invalid")), server
			.seen());
	}

	@Test
	void aStalledConnectionTimesOutAndIsResumed() throws Exception {
		final CountDownLatch never = new CountDownLatch(1);
		final AtomicInteger requests = new AtomicInteger();
		server.on(PATH, ex -> {
			if (requests.getAndIncrement() > 0) {
				TestServer.serve(ex, DATA, true, -1);
				return;
			}
			ex.sendResponseHeaders(200, DATA.length);
			ex.getResponseBody().write(DATA, 0, CUT);
			ex.getResponseBody().flush();
			try {
				never.await(5, TimeUnit.SECONDS);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			TestServer.dropConnection();
		});
		final DownloadSettings impatient = new DownloadSettings(QUICK.connectTimeout(), Duration.ofMillis(300),
			QUICK.attempts(), QUICK.retryPause());
		try {
			assertEquals(DATA_SHA, new ModelDownload(impatient).fetch(request(server.uri(PATH), target), new Recorder(),
				() -> false));
		}
		finally {
			never.countDown();
		}
		assertArrayEquals(DATA, Files.readAllBytes(target));
		assertEquals(List.of("none", "bytes=" + CUT + "-"), ranges());
	}

	@Test
	void serverErrorsThatPassAreRetried() throws Exception {
		final AtomicInteger requests = new AtomicInteger();
		server.on(PATH, ex -> {
			if (requests.getAndIncrement() < 2) TestServer.status(ex, 503);
			else TestServer.serve(ex, DATA, true, -1);
		});
		final Recorder listener = new Recorder();
		assertEquals(DATA_SHA, new ModelDownload(QUICK).fetch(request(server.uri(PATH), target), listener, () -> false));
		assertArrayEquals(DATA, Files.readAllBytes(target));
		assertEquals(3, server.seen().size());
		assertTrue(listener.said("The server 127.0.0.1 had a problem (HTTP 503); trying again in 10 ms."), listener
			.messages.toString());
		assertTrue(listener.said("The server 127.0.0.1 had a problem (HTTP 503); trying again in 20 ms."), listener
			.messages.toString());
	}

	@Test
	void aCompletePartIsVerifiedWithoutAsking() throws Exception {
		server.on(PATH, ex -> TestServer.serve(ex, DATA, true, -1));
		Files.createDirectories(target.getParent());
		Files.write(part(target), DATA);
		assertEquals(DATA_SHA, new ModelDownload(QUICK).fetch(request(server.uri(PATH), target), new Recorder(),
			() -> false));
		assertArrayEquals(DATA, Files.readAllBytes(target));
		assertEquals(List.of(), server.seen());
	}

	@Test
	void aCompletePartOfUnknownSizeIsVerifiedAfterA416() throws Exception {
		server.on(PATH, ex -> TestServer.serve(ex, DATA, true, -1));
		Files.createDirectories(target.getParent());
		Files.write(part(target), DATA);
		final DownloadRequest request = new DownloadRequest(server.uri(PATH), target, -1, DATA_SHA);
		assertEquals(DATA_SHA, new ModelDownload(QUICK).fetch(request, new Recorder(), () -> false));
		assertArrayEquals(DATA, Files.readAllBytes(target));
		assertEquals(List.of("bytes=" + DATA.length + "-"), ranges());
	}

	@Test
	void anInstalledFileIsKeptAndAWrongOneReplaced() throws Exception {
		server.on(PATH, ex -> TestServer.serve(ex, DATA, true, -1));
		final Recorder listener = new Recorder();
		Files.createDirectories(target.getParent());
		Files.write(target, DATA);
		assertEquals(DATA_SHA, new ModelDownload(QUICK).fetch(request(server.uri(PATH), target), listener, () -> false));
		assertEquals(List.of(), server.seen());
		assertTrue(listener.said("model.safetensors is installed already"), listener.messages.toString());

		Files.write(target, DownloadFixture.random(DATA.length, 9));
		assertEquals(DATA_SHA, new ModelDownload(QUICK).fetch(request(server.uri(PATH), target), listener, () -> false));
		assertArrayEquals(DATA, Files.readAllBytes(target));
		assertEquals(1, server.seen().size());
	}

	private List<String> ranges() {
		return server.seen().stream().map(s -> s.range() == null ? "none" : s.range()).toList();
	}
}
