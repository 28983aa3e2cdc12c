package org.sam2tracker.install;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.DownloadFixture;
import org.sam2tracker.testing.FixtureCatalog;
import org.sam2tracker.testing.MetaFixture;
import org.sam2tracker.testing.TestData;

/** An install from a file takes either format, says which it found, and refuses a .pt of another model by tensor. */
class MetaInstallTest {

	@TempDir
	Path dir;

	@Test
	void aMetaCheckpointIsNamedAsSuchAndInstalls() throws Exception {
		final DownloadFixture.Recorder listener = new DownloadFixture.Recorder();
		final Path folder = installer().install(entry(), MetaFixture.CHECKPOINT, listener, () -> false);
		assertTrue(listener.messages.stream().anyMatch(m -> m.contains("is a PyTorch checkpoint (Meta's format)")),
			listener.messages.toString());
		assertTrue(Files.exists(folder.resolve("model.safetensors")));
		try (var left = Files.list(dir.resolve("models/.downloads"))) {
			assertTrue(left.noneMatch(p -> p.getFileName().toString().contains("from-meta")), "no converted copy kept");
		}
	}

	@Test
	void aSafetensorsFileIsNamedAsSuch() throws Exception {
		final DownloadFixture.Recorder listener = new DownloadFixture.Recorder();
		installer().install(entry(), TestData.CHECKPOINT_BUNDLE.resolve("model.safetensors"), listener, () -> false);
		assertTrue(listener.messages.stream().anyMatch(m -> m.contains("is a safetensors checkpoint")), listener
			.messages.toString());
	}

	@Test
	void aMetaCheckpointOfAnotherModelIsRefusedByTensor() throws Exception {
		final InstallException e = assertThrows(InstallException.class, () -> installer().install(entry(), TestData
			.ROOT.resolve("checkpoints/meta-style.pt"), DownloadListener.NONE, () -> false));
		assertTrue(e.getMessage().contains("The tensor 'image_encoder.trunk.pos_embed' in meta-style.pt has the shape"), e
			.getMessage());
		assertTrue(!Files.exists(dir.resolve("models").resolve(FixtureCatalog.NAME)));
	}

	private ModelCatalog catalog;

	private ModelInstaller installer() throws Exception {
		return new ModelInstaller(catalog(), dir.resolve("models"), new ModelDownload(DownloadFixture.QUICK));
	}

	private ModelCatalog catalog() throws Exception {
		if (catalog == null) catalog = ModelCatalog.read(FixtureCatalog.write(dir, "https://weights.example.invalid/x"));
		return catalog;
	}

	private CatalogEntry entry() throws Exception {
		return catalog().find("fixture").orElseThrow();
	}
}
