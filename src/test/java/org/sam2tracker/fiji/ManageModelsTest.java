package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.install.ModelCatalog;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.testing.TemporaryModelFolder;
import org.sam2tracker.testing.TestData;

/**
 * SAM 2 Manage Models from macros, in a real headless ImageJ, installing into a folder of the test's own: catalog
 * models, and bundle folders or .zip files of the user's own, checked whole as the command line checks them.
 */
class ManageModelsTest {

	@TempDir
	Path dir;

	@RegisterExtension
	final TemporaryModelFolder models = new TemporaryModelFolder();

	@BeforeAll
	static void imagej() {
		HeadlessImageJ.install();
	}

	@Test
	void weightsOfAnotherModelAreRefusedAndNothingIsInstalled() throws Exception {
		final int before = Sam2TrackerPlugin.failures();
		IJ.runMacro("run(\"SAM 2 Manage Models...\", \"model=tiny action=install from=[" + TestData.CHECKPOINT_BUNDLE
			.resolve("model.safetensors").toAbsolutePath() + "]\");");
		assertEquals(before + 1, Sam2TrackerPlugin.failures(), "the refusal is reported as a failure");
		assertFalse(Files.exists(models.folder().resolve("sam2.1-hiera-tiny")));
	}

	@Test
	void theGpuPackIsInstalledFromTheJarsGivenOrNamesWhatIsMissing() throws Exception {
		final String was = System.getProperty("sam2tracker.gpu");
		System.setProperty("sam2tracker.gpu", dir.resolve("gpu").toString());
		try {
			final int before = Sam2TrackerPlugin.failures();
			IJ.runMacro("run(\"SAM 2 Manage Models...\", \"model=gpu action=verify\");");
			final java.nio.file.Path empty = Files.createDirectories(dir.resolve("no-jars"));
			IJ.runMacro("run(\"SAM 2 Manage Models...\", \"model=gpu action=install from=[" + empty + "]\");");
			assertEquals(before + 2, Sam2TrackerPlugin.failures(), "not installed, and nothing to install from");
			assertFalse(Files.exists(dir.resolve("gpu")), "nothing written for a refused install");
		}
		finally {
			if (was == null) System.clearProperty("sam2tracker.gpu");
			else System.setProperty("sam2tracker.gpu", was);
		}
	}

	@Test
	void unknownModelsAndActionsAreNamed() {
		final int before = Sam2TrackerPlugin.failures();
		IJ.runMacro("run(\"SAM 2 Manage Models...\", \"model=huge action=install\");");
		IJ.runMacro("run(\"SAM 2 Manage Models...\", \"model=tiny action=polish\");");
		IJ.runMacro("run(\"SAM 2 Manage Models...\", \"model=small action=verify\");");
		assertEquals(before + 3, Sam2TrackerPlugin.failures());
	}

	@Test
	void theTrackerDialogOffersEveryModelNotInstalled() {
		final ModelOffers offers = new ModelOffers(FijiInstall.installer(), List.of("sam2.1-hiera-small"));
		final List<String> items = offers.items(TrackerDialog.modelItems(List.of("sam2.1-hiera-small"), ""));
		assertEquals("sam2.1-hiera-small", items.get(0));
		assertEquals(ModelCatalog.builtIn().entries().size(), items.size(), items.toString());
		final String tiny = items.stream().filter(i -> i.startsWith("sam2.1-hiera-tiny")).findFirst().orElseThrow();
		assertTrue(tiny.contains("not installed"), tiny);
		assertEquals("tiny", offers.offered(tiny).shortName());
		assertEquals(null, offers.offered("sam2.1-hiera-small"), "an installed model is not an offer");
		final List<String> none = new ModelOffers(FijiInstall.installer(), List.of()).items(TrackerDialog.modelItems(
			List.of(), ""));
		assertFalse(none.contains(TrackerDialog.NO_MODELS), "with offers, the dialog does not say there are no models");
	}

	@Test
	void aBundleFolderOrZipIsInstalledUnderItsOwnName() throws Exception {
		IJ.runMacro("run(\"SAM 2 Manage Models...\", \"action=install from=[" + TestData.TOY_BUNDLE.toAbsolutePath() +
			"]\");");
		ModelBundle.open(models.folder().resolve("toy-blob-tracker"));

		final Path zip = dir.resolve("shared-toy.zip");
		try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
			Stream<Path> files = Files.list(TestData.TOY_BUNDLE))
		{
			for (final Path f : (Iterable<Path>) files::iterator) {
				z.putNextEntry(new ZipEntry(f.getFileName().toString()));
				Files.copy(f, z);
				z.closeEntry();
			}
		}
		IJ.runMacro("run(\"SAM 2 Manage Models...\", \"action=install from=[" + zip + "]\");");
		ModelBundle.open(models.folder().resolve("shared-toy"));
		assertTrue(ModelRegistry.standard().installed().containsKey("shared-toy"), "the tracker's list offers it");
	}

	@Test
	void aDamagedBundleIsRefusedAndNothingIsInstalled() throws Exception {
		final Path broken = TestData.copyBundle(TestData.TOY_BUNDLE, dir.resolve("broken"));
		Files.write(broken.resolve("mask_decoder.onnx"), new byte[] { 1, 2, 3 });
		final int before = Sam2TrackerPlugin.failures();
		IJ.runMacro("run(\"SAM 2 Manage Models...\", \"action=install from=[" + broken + "]\");");
		assertEquals(before + 1, Sam2TrackerPlugin.failures(), "the refusal is reported");
		assertFalse(Files.exists(models.folder().resolve("broken")));
	}
}
