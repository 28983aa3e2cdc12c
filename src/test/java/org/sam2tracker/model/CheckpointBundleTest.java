package org.sam2tracker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.TestData;

/**
 * Bundles whose graphs hold no weights, opened with their model.safetensors: what is refused at opening, and
 * how, in ONNX Runtime. The weights are the fixture's, as transformers saved them.
 */
class CheckpointBundleTest {

	@TempDir
	Path temp;

	@Test
	void aMissingWeightsFileSaysHowToInstallIt() throws IOException {
		final Path bundle = TestData.copyBundle(TestData.CHECKPOINT_BUNDLE, temp);
		Files.delete(bundle.resolve("model.safetensors"));
		final BundleException e = assertThrows(BundleException.class, () -> Sam2Model.open(bundle, Device.CPU, 1));
		assertTrue(e.getMessage().contains("model.safetensors is missing"), e.getMessage());
		assertTrue(e.getMessage().contains("Manage Models"), e.getMessage());
	}

	@Test
	void aWeightsFileOfAnotherSizeIsDamaged() throws IOException {
		final Path bundle = TestData.copyBundle(TestData.CHECKPOINT_BUNDLE, temp);
		Files.write(bundle.resolve("model.safetensors"), new byte[] { 1, 2, 3 }, java.nio.file.StandardOpenOption.APPEND);
		final BundleException e = assertThrows(BundleException.class, () -> ModelBundle.open(bundle));
		assertTrue(e.getMessage().contains("bytes"), e.getMessage());
	}

	@Test
	void aTensorOfTheWrongTypeIsNamedWhenTheModelOpens() throws IOException {
		final Path bundle = TestData.copyBundle(TestData.CHECKPOINT_BUNDLE, temp);
		final Path weights = bundle.resolve("model.safetensors");
		final byte[] bytes = Files.readAllBytes(weights);
		final int length = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
		final String header = new String(bytes, 8, length, StandardCharsets.UTF_8);
		final String name = JsonParser.parseString(header).getAsJsonObject().keySet().stream().filter(k -> k
			.startsWith("memory_encoder.")).findFirst().orElseThrow();
		// F32 -> I32 keeps the header's length: the file stays well formed, only that tensor's type is wrong.
		final int at = header.indexOf("\"dtype\":\"F32\"", header.indexOf('"' + name + '"'));
		bytes[8 + at + "\"dtype\":\"".length()] = 'I';
		Files.write(weights, bytes);
		final BundleException e = assertThrows(BundleException.class, () -> Sam2Model.open(bundle, Device.CPU, 1));
		assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
		assertTrue(e.getMessage().contains("I32"), e.getMessage());
	}

	@Test
	void shortNamesFindInstalledModelsAndHiddenFoldersAreNotModels() throws Exception {
		final Path root = Files.createDirectories(temp.resolve("models"));
		TestData.copyBundle(TestData.TOY_BUNDLE, root);
		Files.move(root.resolve("toy-blob-tracker"), root.resolve("sam2.1-hiera-toy"));
		TestData.copyBundle(TestData.TOY_BUNDLE, Files.createDirectories(root.resolve(".install-x")));
		Files.move(root.resolve(".install-x/toy-blob-tracker"), root.resolve(".install-y"));
		final ModelRegistry registry = new ModelRegistry(List.of(root));
		assertEquals(List.of("sam2.1-hiera-toy"), List.copyOf(registry.installed().keySet()));
		assertEquals(root.resolve("sam2.1-hiera-toy"), registry.resolve("toy"));
		final BundleException e = assertThrows(BundleException.class, () -> registry.resolve("tiny"));
		assertTrue(e.getMessage().contains("models install tiny"), e.getMessage());
		assertFalse(e.getMessage().contains(".install"), e.getMessage());
	}
}
