package org.sam2tracker.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.sam2tracker.install.DownloadListener;
import org.sam2tracker.install.DownloadSettings;
import org.sam2tracker.install.ModelCatalog;
import org.sam2tracker.install.ModelDownload;
import org.sam2tracker.install.ModelInstaller;

/**
 * The fixture model installed from its checkpoint in Meta's own format (test-data/checkpoints/sam2.1-fixture-meta.pt,
 * made with its runs in test-data/reference-meta by models/export/make_meta_fixture.py), as a user installs SAM 2.1
 * from a sam2.1_hiera_*.pt they have: once per test run, into a temporary folder.
 */
public final class MetaFixture {

	public static final Path RUNS = TestData.ROOT.resolve("reference-meta");
	public static final Path CHECKPOINT = TestData.ROOT.resolve("checkpoints/sam2.1-fixture-meta.pt");

	private static Path installed;

	private MetaFixture() {}

	/** The installed bundle's folder. */
	public static synchronized Path bundle() throws Exception {
		if (installed == null) installed = install(Files.createTempDirectory("sam2-meta-fixture-"));
		return installed;
	}

	/** Installs the fixture from its Meta checkpoint into {@code dir}; returns the model's folder. */
	public static Path install(final Path dir) throws Exception {
		final ModelCatalog catalog = ModelCatalog.read(FixtureCatalog.write(dir, "https://weights.example.invalid/x"));
		return new ModelInstaller(catalog, dir.resolve("models"), new ModelDownload(DownloadSettings.defaults()))
			.install(catalog.find("fixture").orElseThrow(), CHECKPOINT, DownloadListener.NONE, () -> false);
	}

}
