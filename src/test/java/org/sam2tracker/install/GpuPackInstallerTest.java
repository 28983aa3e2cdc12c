package org.sam2tracker.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.TestServer;

/**
 * The GPU pack's installer on real jars served by a loopback server laid out as Maven Central: each file fetched
 * as ranges of its jar only, resumed after a broken connection, checked, and the pack moved into place whole;
 * a jar that is not the pinned one, and a server that cannot send ranges, refused; the pack installed from jars
 * and from a folder the user has; damage found by the quick look and by the full check.
 */
class GpuPackInstallerTest {

	private static final DownloadSettings QUICK = new DownloadSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 3,
		Duration.ofMillis(10));

	@TempDir
	Path dir;

	/** Two jars as Maven publishes them, and the pack pinned to their entries. */
	private record Fixture(byte[] ortJar, byte[] cudaJar, GpuPack pack, List<byte[]> contents) {}

	@Test
	void thePackIsFetchedAsRangesOfItsJarsAndMovedIntoPlaceWhole() throws Exception {
		final Fixture f = fixture();
		final AtomicInteger wholeJars = new AtomicInteger();
		try (TestServer server = serve(f, wholeJars, -1)) {
			final GpuPackInstaller installer = new GpuPackInstaller(f.pack, dir.resolve("gpu"), server.uri("/maven2/"),
				QUICK);
			assertEquals(GpuPackStatus.State.MISSING, installer.status().state());
			final List<long[]> progress = new ArrayList<>();
			installer.install((done, total) -> progress.add(new long[] { done, total }), () -> false);
			assertTrue(installer.status().installed());
			assertTrue(installer.verify().installed());
			for (int i = 0; i < f.contents.size(); i++) {
				assertArrayEquals(f.contents.get(i), Files.readAllBytes(installer.folder().resolve(f.pack.files().get(i)
					.name())));
			}
			assertEquals(0, wholeJars.get(), "no jar was asked for whole");
			assertTrue(server.seen().stream().allMatch(s -> s.range() != null), "every request a range");
			final long[] last = progress.get(progress.size() - 1);
			assertEquals(f.pack.downloadBytes(), last[0]);
			assertEquals(f.pack.downloadBytes(), last[1]);
			try (var left = Files.list(dir.resolve("gpu"))) {
				assertEquals(List.of(installer.folder().getFileName().toString()), left.map(p -> p.getFileName()
					.toString()).filter(n -> !n.endsWith(".lock")).toList(), "no staging left behind");
			}

			final int before = server.seen().size();
			installer.install(DownloadListener.NONE, () -> false);
			assertEquals(before, server.seen().size(), "an installed pack is not fetched again");
		}
	}

	@Test
	void aBrokenConnectionIsResumedAndACancelledInstallGoesOnFromWhereItStopped() throws Exception {
		final Fixture f = fixture();
		try (TestServer server = serve(f, new AtomicInteger(), 40_000)) {
			final GpuPackInstaller installer = new GpuPackInstaller(f.pack, dir.resolve("gpu"), server.uri("/maven2/"),
				QUICK);
			// The connection breaks inside the first file and is taken up again; the install is stopped once that
			// file is in, and the next install takes it from the staging folder.
			final List<String> said = new ArrayList<>();
			assertThrows(java.util.concurrent.CancellationException.class, () -> installer.install(new DownloadListener() {

				@Override
				public void progress(final long done, final long total) {}

				@Override
				public void message(final String line) {
					said.add(line);
				}
			}, () -> said.stream().filter(l -> l.startsWith("GPU pack file")).count() > 1));
			assertTrue(said.stream().anyMatch(l -> l.startsWith("Continuing the download of libonnxruntime.so")),
				"the cut connection was taken up again: " + said);
			assertEquals(GpuPackStatus.State.MISSING, installer.status().state(), "nothing in place before the end");
			final int before = server.seen().size();
			installer.install(DownloadListener.NONE, () -> false);
			assertTrue(installer.verify().installed());
			assertTrue(server.seen().stream().skip(before).noneMatch(s -> s.path().endsWith(f.pack.files().get(0)
				.jarName()) && TestServerRanges.startsAt(s, f.pack.files().get(0).headerOffset())),
				"the first file, kept in staging, was not fetched again");
		}
	}

	@Test
	void aJarThatIsNotThePinnedOneAndAServerWithoutRangesAreRefused() throws Exception {
		final Fixture f = fixture();
		final GpuPackFile first = f.pack.files().get(0);
		final GpuPackFile moved = new GpuPackFile(first.order(), first.name(), first.bytes(), first.sha256(), first
			.artifact(), first.entry(), first.headerOffset() + 7, first.compressedBytes(), first.crc32());
		final List<GpuPackFile> files = new ArrayList<>(f.pack.files());
		files.set(0, moved);
		final GpuPack wrong = new GpuPack(f.pack.id(), f.pack.platform(), f.pack.onnxRuntimeVersion(), files);
		try (TestServer server = serve(f, new AtomicInteger(), -1)) {
			final GpuPackInstaller installer = new GpuPackInstaller(wrong, dir.resolve("gpu"), server.uri("/maven2/"),
				QUICK);
			final DownloadException e = assertThrows(DownloadException.class, () -> installer.install(
				DownloadListener.NONE, () -> false));
			assertTrue(e.getMessage().contains("is not the jar the GPU pack was pinned to"), e.getMessage());
			assertFalse(Files.exists(installer.folder()));
		}
		try (TestServer whole = new TestServer()) {
			whole.on("/maven2/", exchange -> TestServer.serve(exchange, f.ortJar, false, -1));
			final GpuPackInstaller installer = new GpuPackInstaller(f.pack, dir.resolve("gpu2"), whole.uri("/maven2/"),
				QUICK);
			final DownloadException e = assertThrows(DownloadException.class, () -> installer.install(
				DownloadListener.NONE, () -> false));
			assertTrue(e.getMessage().contains("sent the whole file where only a part of it was asked for"), e
				.getMessage());
		}
	}

	@Test
	void thePackInstallsFromJarsOrAFolderTheUserHasAndNamesWhatIsMissing() throws Exception {
		final Fixture f = fixture();
		final Path jars = Files.createDirectories(dir.resolve("jars"));
		Files.write(jars.resolve(f.pack.files().get(0).jarName()), f.ortJar);
		final GpuPackInstaller fromJars = new GpuPackInstaller(f.pack, dir.resolve("a"), GpuPack.MAVEN_CENTRAL, QUICK);
		final DownloadException missing = assertThrows(DownloadException.class, () -> fromJars.installFrom(List.of(
			jars), DownloadListener.NONE, () -> false));
		assertTrue(missing.getMessage().contains("libcudart.so.12 (in cuda-12.9-x.jar)"), missing.getMessage());
		Files.write(jars.resolve("cuda-12.9-x.jar"), f.cudaJar);
		fromJars.installFrom(List.of(jars), DownloadListener.NONE, () -> false);
		assertTrue(fromJars.verify().installed());

		final GpuPackInstaller fromFolder = new GpuPackInstaller(f.pack, dir.resolve("b"), GpuPack.MAVEN_CENTRAL, QUICK);
		fromFolder.installFrom(List.of(fromJars.folder()), DownloadListener.NONE, () -> false);
		assertTrue(fromFolder.verify().installed());

		final Path damaged = fromFolder.folder().resolve("libcudart.so.12");
		final byte[] bytes = Files.readAllBytes(damaged);
		bytes[bytes.length / 2] ^= 1;
		Files.write(damaged, bytes);
		assertTrue(fromFolder.status().installed(), "the quick look sees sizes only");
		assertEquals(List.of("libcudart.so.12 is damaged (its SHA-256 differs)"), fromFolder.verify().problems());
		Files.write(damaged, new byte[3]);
		assertEquals(GpuPackStatus.State.DAMAGED, fromFolder.status().state());
		fromFolder.remove();
		assertEquals(GpuPackStatus.State.MISSING, fromFolder.status().state());
	}

	// -- the fixture

	private static Fixture fixture() throws IOException {
		final Random random = new Random(7);
		final byte[] big = new byte[300_000];
		for (int i = 0; i < big.length; i++) big[i] = (byte) (random.nextInt(16) * (i % 3)); // compressible, not trivial
		final byte[] jni = "a small library".repeat(50).getBytes();
		final byte[] cudart = new byte[120_000];
		random.nextBytes(cudart);
		final List<GpuPackFile> files = new ArrayList<>();
		final ByteArrayOutputStream ort = new ByteArrayOutputStream();
		try (Counting counting = new Counting(ort); ZipOutputStream zip = new ZipOutputStream(counting)) {
			add(zip, counting, files, 1, "libonnxruntime.so", "ai/onnxruntime/native/linux-x64/libonnxruntime.so", big,
				"com.microsoft.onnxruntime:onnxruntime_gpu:" + "1.22.0", true);
			add(zip, counting, files, 2, "libonnxruntime4j_jni.so", "ai/onnxruntime/native/linux-x64/" +
				"libonnxruntime4j_jni.so", jni, "com.microsoft.onnxruntime:onnxruntime_gpu:" + "1.22.0",
				false);
		}
		final ByteArrayOutputStream cuda = new ByteArrayOutputStream();
		try (Counting counting = new Counting(cuda); ZipOutputStream zip = new ZipOutputStream(counting)) {
			zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
			zip.write("Manifest-Version: 1.0\n".getBytes());
			zip.closeEntry();
			add(zip, counting, files, 3, "libcudart.so.12", "org/bytedeco/cuda/linux-x86_64/libcudart.so.12", cudart,
				"org.bytedeco:cuda:12.9:x", true);
		}
		return new Fixture(ort.toByteArray(), cuda.toByteArray(), new GpuPack("test-pack", "linux-x64",
			"1.22.0", files), List.of(big, jni, cudart));
	}

	private static void add(final ZipOutputStream zip, final Counting counting, final List<GpuPackFile> files,
		final int order, final String name, final String entry, final byte[] data, final String artifact,
		final boolean deflate) throws IOException
	{
		zip.flush();
		final long offset = counting.count;
		final ZipEntry e = new ZipEntry(entry);
		final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(data);
		if (!deflate) {
			e.setMethod(ZipEntry.STORED);
			e.setSize(data.length);
			e.setCompressedSize(data.length);
			e.setCrc(crc.getValue());
		}
		zip.putNextEntry(e);
		zip.write(data);
		zip.closeEntry();
		files.add(new GpuPackFile(order, name, data.length, sha256(data), artifact, entry, offset, e.getCompressedSize(),
			crc.getValue()));
	}

	private static String sha256(final byte[] data) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
		}
		catch (final java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Counts the bytes written through it, for the entries' local header offsets. */
	private static final class Counting extends java.io.FilterOutputStream {

		long count;

		Counting(final OutputStream out) {
			super(out);
		}

		@Override
		public void write(final int b) throws IOException {
			out.write(b);
			count++;
		}

		@Override
		public void write(final byte[] b, final int off, final int len) throws IOException {
			out.write(b, off, len);
			count += len;
		}
	}

	/**
	 * Serves the two jars under Maven's layout, honouring ranges; the first time a request reaches into
	 * {@code cutOnceAt} bytes of the ONNX Runtime jar the connection breaks there.
	 */
	private static TestServer serve(final Fixture f, final AtomicInteger wholeJars, final long cutOnceAt)
		throws IOException
	{
		final TestServer server = new TestServer();
		final AtomicInteger cuts = new AtomicInteger();
		server.on("/maven2/", exchange -> {
			final String path = exchange.getRequestURI().getPath();
			final byte[] jar = path.endsWith(f.pack.files().get(0).jarName()) ? f.ortJar : path.endsWith(f.pack.files().get(
				2).jarName()) ? f.cudaJar : null;
			if (jar == null) {
				TestServer.status(exchange, 404);
				return;
			}
			if (exchange.getRequestHeaders().getFirst("Range") == null) wholeJars.incrementAndGet();
			final long end = TestServer.rangeEnd(exchange);
			final boolean cut = cutOnceAt > 0 && jar == f.ortJar && TestServer.rangeStart(exchange) < cutOnceAt && (end < 0 ||
				end >= cutOnceAt) && cuts.getAndIncrement() == 0;
			TestServer.serve(exchange, jar, true, cut ? cutOnceAt : -1);
		});
		return server;
	}

	/** Reads the Range header a request was seen with. */
	private static final class TestServerRanges {

		static boolean startsAt(final TestServer.Seen s, final long offset) {
			return s.range() != null && s.range().startsWith("bytes=" + offset + "-");
		}
	}
}
