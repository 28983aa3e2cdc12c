package org.sam2tracker.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.sam2tracker.testing.DownloadFixture.DATA;
import static org.sam2tracker.testing.DownloadFixture.DATA_SHA;
import static org.sam2tracker.testing.DownloadFixture.QUICK;
import static org.sam2tracker.testing.DownloadFixture.head;
import static org.sam2tracker.testing.DownloadFixture.part;
import static org.sam2tracker.testing.DownloadFixture.request;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.DownloadFixture;
import org.sam2tracker.testing.DownloadFixture.Recorder;
import org.sam2tracker.testing.TestServer;

/**
 * Downloads that fail: each says why and what to do, and leaves nothing at the target. A .part stays only where a
 * later download can continue it.
 */
class ModelDownloadFailuresTest {

	private static final String PATH = "/facebook/sam2.1-hiera-tiny/resolve/main/model.safetensors";

	@TempDir
	Path dir;

	private TestServer server;
	private Path target;

	@BeforeEach
	void start() throws Exception {
		server = new TestServer();
		target = dir.resolve("models").resolve("model.safetensors");
	}

	@AfterEach
	void stop() {
		server.close();
	}

	@Test
	void aMissingFileSays404AndWhere() throws Exception {
		server.on(PATH, ex -> TestServer.status(ex, 404));
		final String message = fail(request(server.uri(PATH), target));
		assertTrue(message.contains("HTTP 404") && message.contains(server.uri(PATH).toString()), message);
		assertEquals(1, server.seen().size(), "not retried");
		assertNothingInstalled();
		assertFalse(Files.exists(part(target)));
	}

	@Test
	void refusedAccessIsNotRetried() throws Exception {
		server.on(PATH, ex -> TestServer.status(ex, 403));
		final String message = fail(request(server.uri(PATH), target));
		assertTrue(message.startsWith("The server refused access to " + server.uri(PATH) + " (HTTP 403)"), message);
		assertEquals(1, server.seen().size());
		assertNothingInstalled();
	}

	@Test
	void aServerErrorThatStaysEndsWithAMessage() throws Exception {
		server.on(PATH, ex -> TestServer.status(ex, 502));
		final String message = fail(request(server.uri(PATH), target));
		assertTrue(message.contains("HTTP 502") && message.contains("3 attempts in a row"), message);
		assertEquals(3, server.seen().size());
		assertNothingInstalled();
	}

	@Test
	void anUnreachableServerPointsToTheConnectionAndTheProxy() throws Exception {
		final int port;
		try (ServerSocket closed = new ServerSocket(0)) {
			port = closed.getLocalPort();
		}
		final String message = fail(request(URI.create("http://127.0.0.1:" + port + "/model.safetensors"), target));
		assertTrue(message.startsWith("Cannot reach 127.0.0.1: ") && message.contains("-Dhttps.proxyHost="), message);
		assertNothingInstalled();
	}

	@Test
	void aFileThatAlwaysBreaksOffKeepsItsPartForLater() throws Exception {
		final int cut = 100_000;
		server.on(PATH, ex -> TestServer.serve(ex, DATA, true, cut));
		final String message = fail(request(server.uri(PATH), target));
		assertTrue(message.startsWith("The download of model.safetensors from 127.0.0.1 broke off on 3 attempts in " +
			"a row") && message.contains("100 KB received so far are kept"), message);
		assertEquals(3, server.seen().size());
		assertNothingInstalled();
		assertEquals(cut, Files.size(part(target)), "the .part is kept to be continued");
	}

	@Test
	void aServerFileOfAnotherSizeIsRefusedBeforeTheDownload() throws Exception {
		server.on(PATH, ex -> TestServer.serve(ex, head(200_000), true, -1));
		final String message = fail(request(server.uri(PATH), target));
		assertTrue(message.contains("200,000 bytes, expected 300,000 bytes"), message);
		assertNothingInstalled();
		assertFalse(Files.exists(part(target)));
	}

	@Test
	void aShortFileOfUndeclaredLengthIsRefusedAfterTheDownload() throws Exception {
		server.on(PATH, ex -> {
			ex.sendResponseHeaders(200, 0); // chunked: no length declared
			ex.getResponseBody().write(head(200_000));
			ex.close();
		});
		final String message = fail(request(server.uri(PATH), target));
		assertTrue(message.startsWith("The downloaded file is not the expected one: 200,000 bytes, expected 300,000 " +
			"bytes. It was removed"), message);
		assertNothingInstalled();
		assertFalse(Files.exists(part(target)));
	}

	@Test
	void aFileWithAnotherHashIsRemoved() throws Exception {
		final byte[] other = DownloadFixture.random(DATA.length, 1);
		server.on(PATH, ex -> TestServer.serve(ex, other, true, -1));
		final String message = fail(request(server.uri(PATH), target));
		assertTrue(message.contains("SHA-256 " + DownloadFixture.sha256(other) + ", expected " + DATA_SHA), message);
		assertNothingInstalled();
		assertFalse(Files.exists(part(target)), "a wrong file cannot be continued into a right one");
	}

	@Test
	void aFullDiskIsFoundBeforeTheDownload() throws Exception {
		server.on(PATH, ex -> TestServer.serve(ex, DATA, true, -1));
		final ModelDownload download = new ModelDownload(QUICK, folder -> 1000, PartOpener.SYSTEM);
		final DownloadException e = assertThrows(DownloadException.class, () -> download.fetch(request(server.uri(
			PATH), target), new Recorder(), () -> false));
		assertEquals("Not enough free disk space in " + target.getParent() + ": the model needs 300 KB more, 1 KB are " +
			"free. Free some space or choose another model folder.", e.getMessage());
		assertEquals(List.of(), server.seen());
		assertNothingInstalled();
		assertFalse(Files.exists(part(target)));
	}

	@Test
	void aFullDiskIsFoundOnceTheServerGivesTheSize() throws Exception {
		server.on(PATH, ex -> TestServer.serve(ex, DATA, true, -1));
		final ModelDownload download = new ModelDownload(QUICK, folder -> 1000, PartOpener.SYSTEM);
		final DownloadRequest unknownSize = new DownloadRequest(server.uri(PATH), target, -1, null);
		final DownloadException e = assertThrows(DownloadException.class, () -> download.fetch(unknownSize,
			new Recorder(), () -> false));
		assertTrue(e.getMessage().startsWith("Not enough free disk space in " + target.getParent()), e.getMessage());
		assertNothingInstalled();
		assertFalse(Files.exists(part(target)));
	}

	@Test
	void aDiskThatFillsUpMidFileIsNamed() throws Exception {
		server.on(PATH, ex -> TestServer.serve(ex, DATA, true, -1));
		final ModelDownload download = new ModelDownload(QUICK, FolderSpace.SYSTEM, (part, append) -> new FullAfter(
			PartOpener.SYSTEM.open(part, append), 100_000));
		final DownloadException e = assertThrows(DownloadException.class, () -> download.fetch(request(server.uri(
			PATH), target), new Recorder(), () -> false));
		assertTrue(e.getMessage().startsWith("Cannot write to the model folder " + target.getParent() +
			": No space left on device. Free some space"), e.getMessage());
		assertEquals(1, server.seen().size(), "a full disk is no network failure to retry");
		assertNothingInstalled();
	}

	@Test
	void aReadOnlyFolderIsRefused() throws Exception {
		final Path folder = Files.createDirectories(target.getParent());
		assumeTrue(Files.getFileAttributeView(folder, PosixFileAttributeView.class) != null, "POSIX permissions");
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
		try {
			assumeFalse(Files.isWritable(folder), "permissions are enforced (not so for root)");
			server.on(PATH, ex -> TestServer.serve(ex, DATA, true, -1));
			final String message = fail(request(server.uri(PATH), target));
			assertTrue(message.startsWith("Cannot write to the model folder " + folder + ": ") && message.contains(
				"-Dsam2tracker.models=/path or the SAM2_TRACKER_MODELS environment variable"), message);
			assertEquals(List.of(), server.seen());
			assertNothingInstalled();
		}
		finally {
			Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	@Test
	void aFolderThatCannotBeMadeIsRefused() throws Exception {
		// Works for root as well: no folder can be made inside a regular file.
		final Path blocker = Files.writeString(dir.resolve("models"), "not a folder");
		final Path behind = blocker.resolve("sam2.1-tiny").resolve("model.safetensors");
		server.on(PATH, ex -> TestServer.serve(ex, DATA, true, -1));
		final String message = fail(request(server.uri(PATH), behind));
		assertTrue(message.startsWith("Cannot write to the model folder " + behind.getParent() + ": " + blocker +
			" is a file, not a folder. Choose a folder you can write to") && message.endsWith(
				"-Dsam2tracker.models=/path or the SAM2_TRACKER_MODELS environment variable."), message);
		assertEquals(List.of(), server.seen());
		assertEquals("not a folder", Files.readString(blocker));
	}

	@Test
	void aLocalFileIsInstalledLikeADownload() throws Exception {
		final Path source = Files.write(dir.resolve("model.safetensors"), DATA);
		final Recorder listener = new Recorder();
		assertEquals(DATA_SHA, new ModelDownload(QUICK).copyLocal(source, request(server.uri(PATH), target), listener,
			() -> false));
		assertArrayEquals(DATA, Files.readAllBytes(target));
		assertFalse(Files.exists(part(target)));
		assertArrayEquals(new long[] { DATA.length, DATA.length }, listener.last());
		assertEquals(List.of(), server.seen());
	}

	@Test
	void aWrongLocalFileIsRefused() throws Exception {
		final byte[] other = DownloadFixture.random(DATA.length, 3);
		final Path source = Files.write(dir.resolve("model.safetensors"), other);
		final DownloadException e = assertThrows(DownloadException.class, () -> new ModelDownload(QUICK).copyLocal(
			source, request(server.uri(PATH), target), new Recorder(), () -> false));
		assertTrue(e.getMessage().startsWith("The file " + source + " is not the expected one: SHA-256 " + DownloadFixture
			.sha256(other) + ", expected " + DATA_SHA + ". Nothing was installed"), e.getMessage());
		assertNothingInstalled();
		assertFalse(Files.exists(part(target)));

		final Path shorter = Files.write(dir.resolve("short.safetensors"), head(1000));
		final DownloadException e2 = assertThrows(DownloadException.class, () -> new ModelDownload(QUICK).copyLocal(
			shorter, request(server.uri(PATH), target), new Recorder(), () -> false));
		assertTrue(e2.getMessage().contains("1,000 bytes, expected 300,000 bytes"), e2.getMessage());
		assertNothingInstalled();
	}

	private String fail(final DownloadRequest request) {
		return assertThrows(DownloadException.class, () -> new ModelDownload(QUICK).fetch(request, new Recorder(),
			() -> false)).getMessage();
	}

	private void assertNothingInstalled() {
		assertFalse(Files.exists(target), "nothing at the target");
	}

	/** A disk with room for {@code room} bytes more. */
	private static final class FullAfter extends FilterOutputStream {

		private long room;

		FullAfter(final OutputStream out, final long room) {
			super(out);
			this.room = room;
		}

		@Override
		public void write(final byte[] b, final int off, final int len) throws IOException {
			final int fits = (int) Math.min(len, room);
			out.write(b, off, fits);
			room -= fits;
			if (fits < len) throw new IOException("No space left on device");
		}
	}
}
