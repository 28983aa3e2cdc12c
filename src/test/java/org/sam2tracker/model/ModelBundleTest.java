package org.sam2tracker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.TestData;

class ModelBundleTest {

	@TempDir
	Path temp;

	@Test
	void opensTheCommittedBundles() throws BundleException {
		final ModelBundle reference = ModelBundle.open(TestData.REFERENCE_BUNDLE);
		assertEquals("sam2.1-fixture", reference.manifest().modelName());
		final BundleConfig config = reference.config();
		assertEquals(256, config.imageSize());
		assertEquals(16, config.featureSize());
		assertEquals(64, config.lowResMaskSize());
		assertEquals(2, config.pointerSplits());
		assertEquals(7, config.numMaskmem());
		assertEquals(16, config.maxObjectPointers());
		final ModelBundle toy = ModelBundle.open(TestData.TOY_BUNDLE);
		assertEquals("toy-blob-tracker", toy.manifest().modelName());
		assertEquals(BundleManifest.GRAPH_NAMES.size(), toy.manifest().graphs().size());
	}

	@Test
	void opensTheGraphsOfAnotherInputSizeWithTheBundlesOwnWeights() throws BundleException {
		final Path folder = TestData.CHECKPOINT_BUNDLE;
		final ModelBundle half = ModelBundle.open(folder, 128);
		assertEquals(128, half.config().imageSize());
		assertEquals(8, half.config().featureSize());
		assertEquals(32, half.config().lowResMaskSize());
		assertEquals(ModelBundle.inputSizeFolder(folder, 128), half.folder());
		assertEquals(folder.resolve("model.safetensors"), half.weightsFile());
		assertEquals(folder, ModelBundle.open(folder, 256).folder(), "its own size is its own graphs");
		assertEquals(folder, ModelBundle.open(folder, ModelBundle.OWN_INPUT_SIZE).folder());
		assertEquals(java.util.List.of(256, 128), ModelBundle.inputSizes(folder, 256));
		assertTrue(!half.encoderFingerprint().equals(ModelBundle.open(folder).encoderFingerprint()),
			"features kept at one size are never taken for another's");
	}

	@Test
	void namesTheInputSizesABundleHasWhenAskedForAnother() {
		final BundleException e = assertThrows(BundleException.class, () -> ModelBundle.open(TestData
			.CHECKPOINT_BUNDLE, 512));
		assertTrue(e.getMessage().contains("no graphs for 512-pixel input (it has 256, 128)"), e.getMessage());
		final BundleException own = assertThrows(BundleException.class, () -> ModelBundle.open(TestData
			.REFERENCE_BUNDLE, 128));
		assertTrue(own.getMessage().contains("(only its own 256)"), own.getMessage());
	}

	@Test
	void refusesGraphsOfAnotherSizeInAnInputSizeFolder() throws IOException {
		final Path bundle = TestData.copyBundle(TestData.CHECKPOINT_BUNDLE, temp);
		Files.move(ModelBundle.inputSizeFolder(bundle, 128), ModelBundle.inputSizeFolder(bundle, 192));
		final BundleException e = assertThrows(BundleException.class, () -> ModelBundle.open(bundle, 192));
		assertTrue(e.getMessage().contains("are not sam2.1-fixture-checkpoint at 192 pixels"), e.getMessage());
	}

	@Test
	void namesAMissingGraphFile() throws IOException {
		final Path bundle = TestData.copyBundle(TestData.TOY_BUNDLE, temp);
		Files.delete(bundle.resolve("memory_encoder.onnx"));
		final BundleException e = assertThrows(BundleException.class, () -> ModelBundle.open(bundle));
		assertTrue(e.getMessage().contains("memory_encoder.onnx is missing"), e.getMessage());
	}

	@Test
	void namesADamagedGraphFile() throws IOException {
		final Path bundle = TestData.copyBundle(TestData.TOY_BUNDLE, temp);
		final Path graph = bundle.resolve("mask_prompt.onnx");
		final byte[] bytes = Files.readAllBytes(graph);
		bytes[bytes.length / 2] ^= 1;
		Files.write(graph, bytes);
		final BundleException e = assertThrows(BundleException.class, () -> ModelBundle.open(bundle));
		assertTrue(e.getMessage().contains("mask_prompt.onnx has SHA-256"), e.getMessage());
	}

	@Test
	void refusesAnotherFormatVersion() throws IOException {
		final Path bundle = TestData.copyBundle(TestData.TOY_BUNDLE, temp);
		rewriteManifest(bundle, "\"format_version\": 1", "\"format_version\": 99");
		final BundleException e = assertThrows(BundleException.class, () -> ModelBundle.open(bundle));
		assertTrue(e.getMessage().contains("format version 99"), e.getMessage());
	}

	@Test
	void refusesAManifestThatIsNotJson() throws IOException {
		final Path bundle = TestData.copyBundle(TestData.TOY_BUNDLE, temp);
		Files.writeString(bundle.resolve(BundleManifest.FILE_NAME), "{\"format\": \"sam2-tracker-bundle\",");
		final BundleException e = assertThrows(BundleException.class, () -> ModelBundle.open(bundle));
		assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
	}

	@Test
	void namesAMissingConfigValue() throws IOException {
		final Path bundle = TestData.copyBundle(TestData.TOY_BUNDLE, temp);
		rewriteManifest(bundle, "\"num_maskmem\"", "\"num_mask_memories\"");
		final BundleException e = assertThrows(BundleException.class, () -> ModelBundle.open(bundle));
		assertTrue(e.getMessage().contains("'num_maskmem' is missing"), e.getMessage());
	}

	@Test
	void saysWhenTheFolderIsNotABundle() {
		final BundleException e = assertThrows(BundleException.class, () -> ModelBundle.open(temp));
		assertTrue(e.getMessage().contains("not a model bundle"), e.getMessage());
		final BundleException missing = assertThrows(BundleException.class,
			() -> ModelBundle.open(temp.resolve("nowhere")));
		assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
	}

	static void rewriteManifest(final Path bundle, final String from, final String to) throws IOException {
		final Path manifest = bundle.resolve(BundleManifest.FILE_NAME);
		final String text = Files.readString(manifest, StandardCharsets.UTF_8);
		assertTrue(text.contains(from), "the manifest contains " + from);
		Files.writeString(manifest, text.replace(from, to), StandardCharsets.UTF_8);
	}
}
