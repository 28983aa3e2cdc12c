package org.sam2tracker.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.DownloadFixture;

/**
 * The official weights are pinned: each catalog model names its repository's revision, and the exact size and
 * SHA-256 of its model.safetensors, so that a first download is checked, never trusted.
 */
class CatalogPinsTest {

	@TempDir
	Path dir;

	@Test
	void everyModelIsPinnedToARevisionItsSizeAndItsHash() {
		final List<String[]> pins = List.of(
			new String[] { "tiny", "de431c4043854a71d8101e17995dfe596bf101a5", "155908064",
				"48c14467e5cf9e51870511feb72c89688e82dd74523142c0538b663e193ac2a7" },
			new String[] { "small", "ee5bba1d82bb8749febdf90f45e84b687142ba03", "184305280",
				"0a4067b11ce1e23d5229203f11c718a823060d15a4b23fa2372a7d4b77cbbc60" },
			new String[] { "base-plus", "b7320756a13354e7530a63935656d35b2f91a290", "323476296",
				"2012733a0de5d03efd1bba550a2847c4551be9ef2e0d497c83074df66189f780" },
			new String[] { "large", "665f8e2ad61cf5f53d65644ff27c8ee525124610", "897897416",
				"dc407dce21301fd94abb395c5099b4f2c455fdc8a8f261ac3d0ea6d4cd197230" });
		final ModelCatalog catalog = ModelCatalog.builtIn();
		for (final String[] pin : pins) {
			final CatalogEntry e = catalog.find(pin[0]).orElseThrow();
			assertEquals("https://huggingface.co/facebook/" + e.name() + "/resolve/" + pin[1] + "/model.safetensors", e
				.weightsUrl().toString());
			assertEquals(Long.parseLong(pin[2]), e.bytes(), e.name());
			assertEquals(pin[3], e.sha256(), e.name());
		}
	}

	@Test
	void aFileOneByteOffThePinnedHashIsRefused() throws Exception {
		final byte[] changed = DownloadFixture.DATA.clone();
		changed[12345] ^= 1;
		final Path given = Files.write(dir.resolve("given.safetensors"), changed);
		final Path target = dir.resolve("models/.downloads/x.safetensors");
		final DownloadRequest pinned = new DownloadRequest(java.net.URI.create("https://example.invalid/x"), target,
			DownloadFixture.DATA.length, DownloadFixture.DATA_SHA);
		final DownloadException e = assertThrows(DownloadException.class, () -> new ModelDownload(DownloadFixture.QUICK)
			.copyLocal(given, pinned, new DownloadFixture.Recorder(), () -> false));
		assertTrue(e.getMessage().contains("given.safetensors"), e.getMessage());
		assertTrue(!Files.exists(target), "nothing takes the model's name");
	}
}
