package org.sam2tracker.install;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.DownloadFixture;

/**
 * A server name that does not resolve fails the first time, with no retries: it will not appear in the next
 * seconds, and the user is told at once how to install without internet.
 */
class UnknownHostTest {

	@TempDir
	Path dir;

	@Test
	void anUnknownNameFailsAtOnceAndNamesTheOfflineWay() throws Exception {
		// Patient settings: a retry would be seen in the messages.
		final ModelDownload download = new ModelDownload(new DownloadSettings(Duration.ofSeconds(2), Duration
			.ofSeconds(2), 5, Duration.ofMillis(10)));
		final DownloadFixture.Recorder listener = new DownloadFixture.Recorder();
		final Path target = dir.resolve("model.safetensors");
		// .invalid is reserved: it never resolves (RFC 6761).
		final DownloadException e = assertThrows(DownloadException.class, () -> download.fetch(DownloadFixture.request(
			URI.create("https://weights.example.invalid/model.safetensors"), target), listener, () -> false));
		assertTrue(e.getMessage().contains("the name weights.example.invalid is unknown"), e.getMessage());
		assertTrue(listener.messages.stream().noneMatch(m -> m.contains("trying again")), listener.messages
			.toString());
		assertTrue(!Files.exists(target));

		final ModelCatalog catalog = ModelCatalog.builtIn();
		final CatalogEntry tiny = catalog.find("tiny").orElseThrow();
		final CatalogEntry offline = new CatalogEntry(tiny.name(), tiny.shortName(), tiny.title(), tiny.description(),
			tiny.graphs(), URI.create("https://weights.example.invalid/model.safetensors"), tiny.bytes(), tiny.sha256(),
			tiny.approxBytes());
		final DownloadException installed = assertThrows(DownloadException.class, () -> new ModelInstaller(catalog, dir
			.resolve("models"), download).install(offline, null, listener, () -> false));
		assertTrue(installed.getMessage().contains("models install tiny --from FILE"), installed.getMessage());
	}
}
