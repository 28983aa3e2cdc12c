package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sam2tracker.install.ModelCatalog;
import org.sam2tracker.testing.TemporaryModelFolder;
import org.sam2tracker.testing.TestData;

/** SAM 2 Manage Models from macros, in a real headless ImageJ, installing into a folder of the test's own. */
class ManageModelsTest {

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
}
