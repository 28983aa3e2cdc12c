package org.sam2tracker.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.FrameFeatures;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.Precision;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.testing.FixtureCatalog;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.testing.TestServer;

/**
 * Installing a catalog model end to end: graphs from a catalog, weights in the official checkpoint format
 * served over a loopback HTTP server (the fixture model's model.safetensors), the installed model run in ONNX
 * Runtime against the same model with its weights inside the graphs.
 */
class ModelInstallerTest {

	private static final String NAME = FixtureCatalog.NAME;

	@TempDir
	Path dir;

	private TestServer server;
	private final AtomicInteger fullGets = new AtomicInteger();
	private final AtomicReference<byte[]> served = new AtomicReference<>();
	private byte[] weights;
	private ModelCatalog catalog;
	private Path root;

	@BeforeEach
	void serveTheCheckpoint() throws IOException {
		weights = Files.readAllBytes(TestData.CHECKPOINT_BUNDLE.resolve("model.safetensors"));
		served.set(weights);
		server = new TestServer();
		server.on("/model.safetensors", exchange -> {
			if (exchange.getRequestHeaders().getFirst("Range") == null) fullGets.incrementAndGet();
			TestServer.serve(exchange, served.get(), true, -1);
		});
		catalog = ModelCatalog.read(catalogFolder(server.uri("/model.safetensors").toString()));
		root = dir.resolve("models");
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private Path catalogFolder(final String url) throws IOException {
		return FixtureCatalog.write(dir, url);
	}

	private ModelInstaller installer() {
		return new ModelInstaller(catalog, root, new ModelDownload(DownloadSettings.defaults()));
	}

	private CatalogEntry entry() {
		return catalog.find("fixture").orElseThrow();
	}

	private static final DownloadListener QUIET = (done, total) -> {};

	@Test
	void anInstalledModelRunsLikeTheModelWithWeightsInside() throws Exception {
		final ModelInstaller installer = installer();
		assertEquals(InstallStatus.State.NOT_INSTALLED, installer.status(entry()).state());
		final Path folder = installer.install(entry(), null, QUIET, () -> false);
		assertEquals(root.resolve(NAME), folder);
		assertTrue(installer.verify(entry()).installed(), installer.verify(entry()).toString());
		final JsonObject w = JsonParser.parseString(Files.readString(folder.resolve("manifest.json")))
			.getAsJsonObject().getAsJsonObject("weights");
		assertEquals(weights.length, w.get("bytes").getAsLong());
		assertEquals(64, w.get("sha256").getAsString().length());
		assertArrayEquals(weights, Files.readAllBytes(folder.resolve("model.safetensors")));
		if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
			assertTrue(Files.getPosixFilePermissions(folder).contains(PosixFilePermission.OTHERS_READ),
				"an installed model is readable by everyone, like installed software");
		}
		final int s = 256;
		final float[] pixels = new float[3 * s * s];
		for (int i = 0; i < pixels.length; i++) pixels[i] = (float) Math.sin(i * 0.001);
		try (Sam2Model installed = Sam2Model.open(folder, Device.CPU, 1);
			Sam2Model inside = Sam2Model.open(TestData.REFERENCE_BUNDLE, Device.CPU, 1))
		{
			final FrameFeatures a = installed.encodeImage(pixels);
			final FrameFeatures b = inside.encodeImage(pixels);
			assertArrayEquals(b.imageEmbed(), a.imageEmbed());
			assertArrayEquals(b.highResFeat0(), a.highResFeat0());
		}
		assertNoLeftovers();
	}

	@Test
	void theOtherInputSizesComeWithTheInstallAndReadItsWeights() throws Exception {
		final ModelInstaller installer = installer();
		final Path folder = installer.install(entry(), null, QUIET, () -> false);
		final int size = FixtureCatalog.INPUT_SIZE;
		final Path sized = ModelBundle.inputSizeFolder(folder, size);
		assertTrue(Files.isRegularFile(sized.resolve("manifest.json")), "installed with the " + size + " px graphs");
		assertFalse(Files.exists(sized.resolve("model.safetensors")), "one checkpoint serves every input size");
		final float[] pixels = new float[3 * size * size];
		for (int i = 0; i < pixels.length; i++) pixels[i] = (float) Math.cos(i * 0.003);
		final FrameFeatures installedFeatures;
		try (Sam2Model installed = Sam2Model.open(folder, size, Device.CPU, 1);
			Sam2Model fixture = Sam2Model.open(TestData.CHECKPOINT_BUNDLE, size, Device.CPU, 1))
		{
			assertEquals(size, installed.config().imageSize());
			assertTrue(installed.bundle().has(Precision.INT8), "with its int8 image encoder");
			assertEquals(folder.resolve("model.safetensors"), installed.bundle().weightsFile());
			installedFeatures = installed.encodeImage(pixels);
			assertArrayEquals(fixture.encodeImage(pixels).imageEmbed(), installedFeatures.imageEmbed());
		}
		// A model installed before the plugin had these graphs gets them from the plugin, with no download.
		try (Stream<Path> files = Files.walk(sized)) {
			for (final Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
		}
		assertFalse(Files.exists(sized));
		served.set(new byte[0]); // a download now would fail
		SizedModels.addMissing(folder, size, catalog);
		try (Sam2Model restored = Sam2Model.open(folder, size, Device.CPU, 1)) {
			assertArrayEquals(installedFeatures.imageEmbed(), restored.encodeImage(pixels).imageEmbed());
		}
		// And one installed before the plugin had int8 graphs gets those, keeping its weights' record.
		final Path manifest = folder.resolve("manifest.json");
		final JsonObject before = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
		final JsonObject old = before.deepCopy();
		Files.delete(folder.resolve(old.getAsJsonObject("precisions").getAsJsonObject("int8").getAsJsonObject(
			"image_encoder").get("file").getAsString()));
		old.remove("precisions");
		Files.writeString(manifest, old.toString());
		assertFalse(ModelBundle.open(folder).has(Precision.INT8));
		SizedModels.addMissingPrecisions(folder, ModelBundle.OWN_INPUT_SIZE, catalog);
		assertTrue(ModelBundle.open(folder).has(Precision.INT8));
		assertEquals(before.get("weights"), JsonParser.parseString(Files.readString(manifest)).getAsJsonObject().get(
			"weights"));
		try (Sam2Model int8 = Sam2Model.open(folder, ModelBundle.OWN_INPUT_SIZE, Precision.INT8, Device.CPU, 1)) {
			assertTrue(int8.bundle().has(Precision.INT8) && int8.config().imageSize() == 256);
		}
		// And one installed before manifests described the image encoder's layout gets it, for bf16, at each size.
		for (final Path sizedManifest : List.of(manifest, sized.resolve("manifest.json"))) {
			final JsonObject withLayout = JsonParser.parseString(Files.readString(sizedManifest)).getAsJsonObject();
			final JsonObject withoutLayout = withLayout.deepCopy();
			withoutLayout.getAsJsonObject("config").remove("image_encoder");
			Files.writeString(sizedManifest, withoutLayout.toString());
		}
		for (final int inputSize : new int[] { ModelBundle.OWN_INPUT_SIZE, size }) {
			assertNull(ModelBundle.open(folder, inputSize).config().imageEncoder());
			SizedModels.addMissingLayout(folder, inputSize, catalog);
			assertEquals(ModelBundle.open(TestData.CHECKPOINT_BUNDLE, inputSize).config().imageEncoder(), ModelBundle
				.open(folder, inputSize).config().imageEncoder(), "the layout the plugin ships, at " + inputSize);
		}
		assertEquals(before.get("weights"), JsonParser.parseString(Files.readString(manifest)).getAsJsonObject().get(
			"weights"), "the weights' record kept");
		assertTrue(installer.verify(entry()).installed(), installer.verify(entry()).toString());
		assertNoLeftovers();
	}

	@Test
	void theHashOfTheFirstDownloadGuardsTheNext() throws Exception {
		final ModelInstaller installer = installer();
		installer.install(entry(), null, QUIET, () -> false);
		installer.remove(entry());
		assertEquals(InstallStatus.State.NOT_INSTALLED, installer.status(entry()).state());
		final byte[] changed = weights.clone();
		changed[changed.length - 1] ^= 1; // same size, one bit of one weight different
		served.set(changed);
		final DownloadException e = assertThrows(DownloadException.class, () -> installer.install(entry(), null, QUIET,
			() -> false));
		assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
		assertFalse(Files.exists(root.resolve(NAME)));
		assertNoLeftovers();
	}

	@Test
	void offlineInstallFromAFileTheUserHas() throws Exception {
		final Path file = Files.write(dir.resolve("downloaded-elsewhere.safetensors"), weights);
		final Path folder = installer().install(entry(), file, QUIET, () -> false);
		assertEquals(0, fullGets.get(), "an offline install must not touch the network");
		assertArrayEquals(weights, Files.readAllBytes(folder.resolve("model.safetensors")));
		assertTrue(Files.exists(file), "the user's file is copied, not taken");
	}

	@Test
	void weightsOfAnotherModelAreRefusedNamingTheTensor() throws Exception {
		final Path other = dir.resolve("other.safetensors");
		Files.write(other, renamedFirstTensor(weights));
		final InstallException e = assertThrows(InstallException.class, () -> installer().install(entry(), other,
			QUIET, () -> false));
		assertTrue(e.getMessage().contains("not those of SAM 2.1 fixture"), e.getMessage());
		assertTrue(e.getMessage().contains("has no tensor '"), e.getMessage());
		assertFalse(Files.exists(root.resolve(NAME)));
		assertNoLeftovers();
	}

	@Test
	void anInstallAlreadyThereIsKeptAndAMissingWeightsFileIsIncomplete() throws Exception {
		final ModelInstaller installer = installer();
		installer.install(entry(), null, QUIET, () -> false);
		final List<String> messages = new ArrayList<>();
		installer.install(entry(), null, new DownloadListener() {

			@Override
			public void progress(final long done, final long total) {}

			@Override
			public void message(final String line) {
				messages.add(line);
			}
		}, () -> false);
		assertEquals(1, fullGets.get(), "the second install downloads nothing");
		assertTrue(messages.stream().anyMatch(m -> m.contains("installed already")), messages.toString());
		Files.delete(root.resolve(NAME).resolve("model.safetensors"));
		final InstallStatus status = installer.status(entry());
		assertEquals(InstallStatus.State.INCOMPLETE, status.state());
		assertTrue(status.detail().contains("models install"), status.detail());
		installer.install(entry(), null, QUIET, () -> false); // repairs it
		assertTrue(installer.verify(entry()).installed());
	}

	@Test
	void changedWeightsFailVerification() throws Exception {
		final ModelInstaller installer = installer();
		final Path folder = installer.install(entry(), null, QUIET, () -> false);
		final byte[] changed = weights.clone();
		changed[changed.length - 5] ^= 0x40;
		Files.write(folder.resolve("model.safetensors"), changed);
		assertTrue(installer.status(entry()).installed(), "the quick status checks sizes only");
		final InstallStatus verified = installer.verify(entry());
		assertEquals(InstallStatus.State.DAMAGED, verified.state());
		assertTrue(verified.detail().contains("SHA-256"), verified.detail());
	}

	@Test
	void twoInstallsAtOnceDownloadOnceAndBothSucceed() throws Exception {
		final ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			final List<Future<Path>> results = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				results.add(pool.submit(() -> new ModelInstaller(catalog, root, new ModelDownload(DownloadSettings
					.defaults())).install(entry(), null, QUIET, () -> false)));
			}
			for (final Future<Path> r : results) assertEquals(root.resolve(NAME), r.get());
		}
		finally {
			pool.shutdownNow();
		}
		assertEquals(1, fullGets.get());
		assertTrue(installer().verify(entry()).installed());
	}

	@Test
	void theBuiltInCatalogShipsEveryFileOfEveryModel() throws Exception {
		final ModelCatalog builtIn = ModelCatalog.builtIn();
		assertEquals(List.of("tiny", "small", "base-plus", "large"), builtIn.entries().stream().map(
			CatalogEntry::shortName).toList());
		for (final CatalogEntry e : builtIn.entries()) {
			assertTrue(e.weightsUrl().toString().startsWith("https://huggingface.co/facebook/" + e.name().replace(
				"sam2.1-hiera", "sam2.1-hiera") + "/resolve/"), e.weightsUrl().toString());
			assertTrue(e.approxBytes() > 100_000_000L, e.name() + " has no size estimate");
			final JsonObject manifest;
			try (var in = builtIn.graphs().open(e.graphs(), "manifest.json")) {
				manifest = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
			}
			assertEquals(e.name(), manifest.getAsJsonObject("model").get("name").getAsString());
			assertNotNull(manifest.get("weights"), e.name() + " must name its weights file");
			assertGraphsShipped(builtIn, e, "", manifest);
			assertEquals(List.of(768, 512), builtIn.inputSizes());
			for (final int size : builtIn.inputSizes()) {
				final JsonObject sized;
				try (var in = builtIn.graphs().open(e.graphs(), "input-" + size + "/manifest.json")) {
					sized = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
						.getAsJsonObject();
				}
				assertEquals(e.name(), sized.getAsJsonObject("model").get("name").getAsString());
				assertEquals(size, sized.getAsJsonObject("config").get("image_size").getAsInt(), e.name());
				assertGraphsShipped(builtIn, e, "input-" + size + "/", sized);
			}
		}
	}

	private static void assertGraphsShipped(final ModelCatalog builtIn, final CatalogEntry e, final String folder,
		final JsonObject manifest) throws IOException
	{
		for (final String graph : List.of("image_encoder", "mask_decoder", "mask_prompt", "memory_encoder",
			"memory_attention"))
		{
			final JsonObject spec = manifest.getAsJsonObject("graphs").getAsJsonObject(graph);
			try (var in = builtIn.graphs().open(e.graphs(), folder + spec.get("file").getAsString())) {
				assertEquals(spec.get("bytes").getAsLong(), in.readAllBytes().length, e.name() + " " + folder + graph);
			}
		}
		final JsonObject int8 = manifest.getAsJsonObject("precisions").getAsJsonObject("int8").getAsJsonObject(
			"image_encoder");
		try (var in = builtIn.graphs().open(e.graphs(), folder + int8.get("file").getAsString())) {
			assertEquals(int8.get("bytes").getAsLong(), in.readAllBytes().length, e.name() + " " + folder + "int8");
		}
	}

	/** Nothing half-made is left in the model folder: no staging folder, no partial download. */
	private void assertNoLeftovers() throws IOException {
		if (!Files.exists(root)) return;
		try (Stream<Path> all = Files.walk(root)) {
			final List<String> names = all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".install-") ||
				n.startsWith(".removing-") || n.startsWith(".input-") || n.endsWith(".part")).toList();
			assertTrue(names.isEmpty(), "left behind: " + names);
		}
	}

	/** The same checkpoint with one tensor under another name (a header of the same length). */
	private static byte[] renamedFirstTensor(final byte[] checkpoint) {
		final int length = (int) java.nio.ByteBuffer.wrap(checkpoint, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
			.getLong();
		final String header = new String(checkpoint, 8, length, StandardCharsets.UTF_8);
		final String name = JsonParser.parseString(header).getAsJsonObject().keySet().stream().filter(k -> !k.equals(
			"__metadata__")).findFirst().orElseThrow();
		final byte[] copy = checkpoint.clone();
		copy[8 + header.indexOf('"' + name + '"') + 1] ^= 0x20; // one letter's case
		return copy;
	}
}
