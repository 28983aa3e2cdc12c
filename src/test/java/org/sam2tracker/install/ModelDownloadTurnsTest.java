package org.sam2tracker.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sam2tracker.testing.DownloadFixture.DATA;
import static org.sam2tracker.testing.DownloadFixture.DATA_SHA;
import static org.sam2tracker.testing.DownloadFixture.QUICK;
import static org.sam2tracker.testing.DownloadFixture.part;
import static org.sam2tracker.testing.DownloadFixture.request;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.DownloadFixture.Recorder;
import org.sam2tracker.testing.TestServer;

/**
 * Downloads that meet something else: a cancel, a second installer of the same file in this JVM, and one in
 * another process.
 */
class ModelDownloadTurnsTest {

	private static final String PATH = "/facebook/sam2.1-hiera-tiny/resolve/main/model.safetensors";

	@TempDir
	Path dir;

	private TestServer server;
	private Path target;
	private final ExecutorService threads = Executors.newCachedThreadPool();

	@BeforeEach
	void start() throws Exception {
		server = new TestServer();
		target = dir.resolve("models").resolve("model.safetensors");
	}

	@AfterEach
	void stop() {
		threads.shutdownNow();
		server.close();
	}

	@Test
	void aCancelKeepsThePartAndTheNextDownloadContinuesIt() throws Exception {
		final int half = DATA.length / 2;
		final AtomicInteger requests = new AtomicInteger();
		server.on(PATH, ex -> {
			if (requests.getAndIncrement() == 0) TestServer.serveSlowly(ex, DATA, half, 30);
			else TestServer.serve(ex, DATA, true, -1);
		});
		final AtomicBoolean cancel = new AtomicBoolean();
		final DownloadListener cancelPastHalf = (done, total) -> {
			if (done >= half) cancel.set(true);
		};
		final CancellationException e = assertThrows(CancellationException.class, () -> new ModelDownload(QUICK).fetch(
			request(server.uri(PATH), target), cancelPastHalf, cancel::get));
		assertTrue(e.getMessage().startsWith("The download of model.safetensors was cancelled. The ") && e.getMessage()
			.endsWith("received so far are kept, and the next download continues from there."), e.getMessage());
		assertFalse(Files.exists(target));
		final long kept = Files.size(part(target));
		assertTrue(kept >= half && kept < DATA.length, kept + " bytes kept");

		assertEquals(DATA_SHA, new ModelDownload(QUICK).fetch(request(server.uri(PATH), target), new Recorder(),
			() -> false));
		assertArrayEquals(DATA, Files.readAllBytes(target));
		assertEquals("bytes=" + kept + "-", server.seen().get(1).range());
		assertEquals(2, server.seen().size());
	}

	@Test
	void twoThreadsInstallingOneFileTakeTurns() throws Exception {
		final CountDownLatch secondWaits = new CountDownLatch(1);
		server.on(PATH, ex -> {
			try {
				// The first download holds on until the second is seen waiting for it.
				secondWaits.await(5, TimeUnit.SECONDS);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			TestServer.serve(ex, DATA, true, -1);
		});
		final Recorder[] listeners = { new WaitSignal(secondWaits), new WaitSignal(secondWaits) };
		final List<Future<String>> hashes = List.of(fetchInBackground(listeners[0]), fetchInBackground(listeners[1]));
		for (final Future<String> hash : hashes) {
			assertEquals(DATA_SHA, hash.get(10, TimeUnit.SECONDS));
		}
		assertArrayEquals(DATA, Files.readAllBytes(target));
		assertEquals(1, server.seen().size(), "downloaded once");
		final List<Recorder> waited = List.of(listeners).stream().filter(l -> l.said("Waiting for another download"))
			.toList();
		assertEquals(1, waited.size());
		assertTrue(waited.get(0).said("model.safetensors is installed already"), waited.get(0).messages.toString());
	}

	@Test
	void aLockHeldElsewhereInThisJvmIsWaitedFor() throws Exception {
		server.on(PATH, ex -> TestServer.serve(ex, DATA, true, -1));
		final Path lockFile = target.resolveSibling("model.safetensors.lock");
		Files.createDirectories(lockFile.getParent());
		final CountDownLatch waiting = new CountDownLatch(1);
		final Future<String> hash;
		// A file lock this JVM holds outside ModelDownload: a second one throws instead of waiting.
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock = channel.lock())
		{
			hash = fetchInBackground(new WaitSignal(waiting));
			assertTrue(waiting.await(5, TimeUnit.SECONDS), "waits for the lock");
			assertEquals(List.of(), server.seen());
		}
		assertEquals(DATA_SHA, hash.get(10, TimeUnit.SECONDS));
		assertArrayEquals(DATA, Files.readAllBytes(target));
	}

	@Test
	void anInstallerInAnotherProcessIsWaitedFor() throws Exception {
		server.on(PATH, ex -> TestServer.serve(ex, DATA, true, -1));
		final Path lockFile = target.resolveSibling("model.safetensors.lock");
		Files.createDirectories(lockFile.getParent());
		final Path program = Files.writeString(dir.resolve("HoldLock.java"), String.join("\n",
			"import java.nio.channels.FileChannel;", "import java.nio.file.*;", "public class HoldLock {",
			"  public static void main(String[] a) throws Exception {",
			"    try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,",
			"         StandardOpenOption.WRITE); var lock = c.lock()) {", "      System.out.println(\"locked\");",
			"      System.in.read();", "    }",
			"  }", "}"));
		final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		final Process holder = new ProcessBuilder(java.toString(), program.toString(), lockFile.toString())
			.redirectErrorStream(true).start();
		try {
			final BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
				StandardCharsets.UTF_8));
			assertEquals("locked", out.readLine());
			final CountDownLatch waiting = new CountDownLatch(1);
			final Future<String> hash = fetchInBackground(new WaitSignal(waiting));
			assertTrue(waiting.await(5, TimeUnit.SECONDS), "waits for the other process");
			assertEquals(List.of(), server.seen());
			holder.getOutputStream().close(); // the other process ends, and its lock with it
			assertEquals(DATA_SHA, hash.get(10, TimeUnit.SECONDS));
			assertArrayEquals(DATA, Files.readAllBytes(target));
		}
		finally {
			holder.destroyForcibly();
		}
	}

	@Test
	void waitingForTheLockCanBeCancelled() throws Exception {
		final Path lockFile = target.resolveSibling("model.safetensors.lock");
		Files.createDirectories(lockFile.getParent());
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock = channel.lock())
		{
			final AtomicBoolean cancel = new AtomicBoolean();
			final Recorder listener = new Recorder() {

				@Override
				public void message(final String line) {
					super.message(line);
					cancel.set(true);
				}
			};
			final CancellationException e = assertThrows(CancellationException.class, () -> new ModelDownload(QUICK)
				.fetch(request(server.uri(PATH), target), listener, cancel::get));
			assertEquals("The download of model.safetensors was cancelled.", e.getMessage());
		}
		assertFalse(Files.exists(target));
	}

	@Test
	void aCancelledCopyLeavesNothing() throws Exception {
		final Path source = Files.write(dir.resolve("model.safetensors"), DATA);
		final AtomicInteger looks = new AtomicInteger();
		// Cancelled after the first pieces are copied.
		final CancellationException e = assertThrows(CancellationException.class, () -> new ModelDownload(QUICK)
			.copyLocal(source, request(server.uri(PATH), target), new Recorder(), () -> looks.incrementAndGet() > 3));
		assertEquals("The copy of model.safetensors was cancelled; nothing was installed.", e.getMessage());
		assertFalse(Files.exists(target));
		assertFalse(Files.exists(part(target)));
	}

	private Future<String> fetchInBackground(final Recorder listener) {
		return threads.submit(() -> new ModelDownload(QUICK).fetch(request(server.uri(PATH), target), listener,
			() -> false));
	}

	/** Counts a latch down when told to wait for another download. */
	private static final class WaitSignal extends Recorder {

		private final CountDownLatch latch;

		WaitSignal(final CountDownLatch latch) {
			this.latch = latch;
		}

		@Override
		public void message(final String line) {
			super.message(line);
			if (line.startsWith("Waiting for another download")) latch.countDown();
		}
	}
}
