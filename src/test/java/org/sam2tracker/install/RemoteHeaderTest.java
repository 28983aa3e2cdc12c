package org.sam2tracker.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.SafetensorsFile;
import org.sam2tracker.model.SafetensorsHeader;
import org.sam2tracker.testing.DownloadFixture;
import org.sam2tracker.testing.FixtureCatalog;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.testing.TestServer;

/**
 * The checkpoint's header is read from the server before the checkpoint: two small range requests, then the
 * tensors are checked against the model, so a wrong file is refused before its weights are fetched.
 */
class RemoteHeaderTest {

	private static final String PATH = "/model.safetensors";

	@TempDir
	Path dir;

	private TestServer server;
	private final AtomicReference<byte[]> served = new AtomicReference<>();
	private final AtomicBoolean ranges = new AtomicBoolean(true);
	private byte[] weights;
	private ModelCatalog catalog;

	@BeforeEach
	void start() throws Exception {
		weights = Files.readAllBytes(TestData.CHECKPOINT_BUNDLE.resolve("model.safetensors"));
		served.set(weights);
		server = new TestServer();
		server.on(PATH, exchange -> TestServer.serve(exchange, served.get(), ranges.get(), -1));
	}

	@AfterEach
	void stop() {
		server.close();
	}

	@Test
	void theHeaderComesInTwoSmallRangesAndNamesEveryTensor() throws Exception {
		final SafetensorsHeader header = new ModelDownload(DownloadFixture.QUICK).header(server.uri(PATH));
		try (SafetensorsFile file = SafetensorsFile.open(TestData.CHECKPOINT_BUNDLE.resolve("model.safetensors"))) {
			assertEquals(file.entries().keySet(), header.entries().keySet());
		}
		final List<String> asked = server.seen().stream().map(TestServer.Seen::range).toList();
		assertEquals(2, asked.size(), asked.toString());
		assertEquals("bytes=0-7", asked.get(0));
		assertTrue(asked.get(1).matches("bytes=8-\\d+"), asked.toString());
	}

	@Test
	void aWrongTensorIsRefusedBeforeTheWeightsAreFetched() throws Exception {
		served.set(rewritten(json -> json.replace("\"mask_decoder.iou_token.weight\"", "\"mask_decoder.other.weight\"")));
		final InstallException e = assertThrows(InstallException.class, () -> install());
		assertTrue(e.getMessage().contains("has no tensor 'mask_decoder.iou_token.weight'"), e.getMessage());
		assertEquals(2, server.seen().size(), "only the header was asked for: " + server.seen());
		assertFalse(Files.exists(dir.resolve("models").resolve(FixtureCatalog.NAME)));
	}

	@Test
	void aWrongShapeIsRefusedNamingTheTensor() throws Exception {
		final String name = "mask_decoder.iou_token.weight";
		served.set(rewritten(json -> {
			final int at = json.indexOf("\"" + name + "\"");
			final int shape = json.indexOf("\"shape\"", at);
			final int end = json.indexOf(']', shape);
			return json.substring(0, shape) + "\"shape\":[1,255" + json.substring(end);
		}));
		final InstallException e = assertThrows(InstallException.class, () -> install());
		assertTrue(e.getMessage().contains("The tensor '" + name + "'") && e.getMessage().contains("has the shape [1, " +
			"255]"), e.getMessage());
	}

	@Test
	void aHeaderCutShortIsRefused() {
		served.set(Arrays.copyOf(weights, 1000));
		final BundleException e = assertThrows(BundleException.class, () -> new ModelDownload(DownloadFixture.QUICK)
			.header(server.uri(PATH)));
		assertTrue(e.getMessage().contains("does not fit a file of 1000 bytes"), e.getMessage());
	}

	@Test
	void aServerWithoutRangesIsReadFromTheStartAndTheInstallGoesOn() throws Exception {
		ranges.set(false);
		final SafetensorsHeader header = new ModelDownload(DownloadFixture.QUICK).header(server.uri(PATH));
		assertFalse(header.entries().isEmpty());
		final Path folder = install();
		assertTrue(Files.exists(folder.resolve("model.safetensors")));
	}

	@Test
	void theCatalogCheckListsEveryMismatchAndNoneForTheRightFile() throws Exception {
		assertEquals(List.of(), installer().remoteProblems(entry()));
		served.set(rewritten(json -> json.replace("\"mask_decoder.iou_token.weight\"", "\"a.weight\"").replace(
			"\"mask_decoder.mask_tokens.weight\"", "\"b.weight\"")));
		final List<String> problems = installer().remoteProblems(entry());
		assertEquals(2, problems.size(), problems.toString());
		assertTrue(problems.get(0).startsWith("mask_decoder: The weights file model.safetensors at 127.0.0.1 has no " +
			"tensor"), problems.toString());
	}

	private ModelInstaller installer() throws Exception {
		return new ModelInstaller(catalog(), dir.resolve("models"), new ModelDownload(DownloadFixture.QUICK));
	}

	private ModelCatalog catalog() throws Exception {
		if (catalog == null) catalog = ModelCatalog.read(FixtureCatalog.write(dir, server.uri(PATH).toString()));
		return catalog;
	}

	private CatalogEntry entry() throws Exception {
		return catalog().find("fixture").orElseThrow();
	}

	private Path install() throws Exception {
		return installer().install(entry(), null, DownloadListener.NONE, () -> false);
	}

	/** The fixture checkpoint with its header's JSON changed: same data, a new header length. */
	private byte[] rewritten(final UnaryOperator<String> change) {
		final long length = ByteBuffer.wrap(weights, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
		final String json = change.apply(new String(weights, 8, (int) length, StandardCharsets.UTF_8));
		final byte[] header = json.getBytes(StandardCharsets.UTF_8);
		final ByteBuffer out = ByteBuffer.allocate(8 + header.length + weights.length - 8 - (int) length).order(
			ByteOrder.LITTLE_ENDIAN);
		out.putLong(header.length).put(header).put(weights, 8 + (int) length, weights.length - 8 - (int) length);
		return out.array();
	}
}
