package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.Prefs;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.io.RoiSetFile;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.run.RunSettings;
import org.sam2tracker.testing.CellPrompts;
import org.sam2tracker.testing.TestData;

/**
 * Runs one after the other in one Fiji session: each gets windows of its own, a recorded line replayed at once
 * does not track the label image just made, a recorded line covers the next image's whole range, and a GPU that
 * failed is not the next default.
 */
class RepeatedRunsTest {

	private static final String CELLS = TestData.ROOT.resolve("clips/cells/cells-16bit.tif").toAbsolutePath()
		.toString();
	private static final String TOY = TestData.TOY_BUNDLE.toAbsolutePath().toString();

	@TempDir
	static Path dir;

	private static Path prompts;

	@BeforeAll
	static void setUp() throws Exception {
		HeadlessImageJ.install();
		prompts = dir.resolve("cells_prompts.zip");
		RoiSetFile.write(List.of(CellPrompts.cellClicks(1)), prompts);
	}

	@Test
	void twoRunsGiveTwoLabelImagesAndTheLabelImageIsNotTrackedAgain() {
		final int failures = Sam2TrackerPlugin.failures();
		final String line = "model=[" + TOY + "] direction=forward roiset=[" + prompts + "]";
		final String titles = IJ.runMacro("setBatchMode(true); open('" + CELLS + "'); input = getImageID(); " +
			"run('SAM 2 Tracker...', '" + line + "'); first = getTitle(); selectImage(input); " +
			"run('SAM 2 Tracker...', '" + line + "'); second = getTitle(); close('*'); return first + '|' + second;");
		final String[] t = titles.split("\\|");
		assertEquals("cells-16bit-labels", t[0]);
		assertFalse(t[0].equals(t[1]), "the second run's image has a title of its own: " + titles);
		assertEquals(failures, Sam2TrackerPlugin.failures());
		// The recorded line replayed at once: the label image is the current image.
		IJ.runMacro("setBatchMode(true); open('" + CELLS + "'); run('SAM 2 Tracker...', '" + line + "'); " +
			"run('SAM 2 Tracker...', '" + line + "'); close('*');");
		assertEquals(failures + 1, Sam2TrackerPlugin.failures(), "the run on the label image was refused");
	}

	@Test
	void savingOverEarlierResultsFollowsTheCommandLinesRule() throws Exception {
		final Path out = dir.resolve("saved");
		final String line = "model=[" + TOY + "] direction=forward roiset=[" + prompts + "] save=[" + out + "]";
		final String macro = "setBatchMode(true); open('" + CELLS + "'); run('SAM 2 Tracker...', '%s'); close('*');";
		IJ.runMacro(String.format(macro, line));
		final long written = java.nio.file.Files.getLastModifiedTime(out.resolve("cells-16bit-labels.tif")).toMillis();
		final int failures = Sam2TrackerPlugin.failures();
		IJ.runMacro(String.format(macro, line));
		assertEquals(failures + 1, Sam2TrackerPlugin.failures(), "results there: refused without overwrite");
		assertEquals(written, java.nio.file.Files.getLastModifiedTime(out.resolve("cells-16bit-labels.tif")).toMillis());
		Thread.sleep(20);
		IJ.runMacro(String.format(macro, line + " overwrite"));
		assertEquals(failures + 1, Sam2TrackerPlugin.failures(), "with overwrite: replaced");
	}

	@Test
	void aRecordedLineNamesTheRangeOnlyWhenItWasNarrowed() throws Exception {
		final RunSettings whole = FijiOptions.defaults(List.of("tiny"));
		assertFalse(FijiOptions.toMacro(whole).contains("first="), FijiOptions.toMacro(whole));
		assertFalse(FijiOptions.toMacro(whole).contains("last="));
		final RunSettings narrowed = whole.with(RunParameters.FIRST, 3).with(RunParameters.LAST, 9);
		assertTrue(FijiOptions.toMacro(narrowed).contains("first=3 last=9"), FijiOptions.toMacro(narrowed));
		assertEquals(narrowed, FijiOptions.fromMacro(FijiOptions.toMacro(narrowed), whole));
	}

	@Test
	void aGpuThatCouldNotStartIsNotTheNextDefault() throws Exception {
		Prefs.set("sam2tracker.settings", "model=tiny device=GPU direction=forward");
		final int failures = Sam2TrackerPlugin.failures();
		final ImagePlus imp = IJ.openImage(CELLS);
		WindowManager.setTempCurrentImage(imp);
		IJ.run(imp, "SAM 2 Tracker...", "model=[" + TOY + "] device=GPU roiset=[" + prompts + "]");
		WindowManager.setTempCurrentImage(null);
		assertEquals(failures + 1, Sam2TrackerPlugin.failures(), "no GPU here: the run fails");
		final String saved = Prefs.get("sam2tracker.settings", "");
		assertTrue(saved.contains("device=Auto") && saved.contains("direction=forward"), saved);
	}
}
