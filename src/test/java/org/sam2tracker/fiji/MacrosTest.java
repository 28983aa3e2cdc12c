package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.measure.ResultsTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.io.RoiSetFile;
import org.sam2tracker.testing.CellPrompts;
import org.sam2tracker.testing.TestData;

/** The macros in macros/, each run by a real, headless ImageJ on the toy bundle. */
class MacrosTest {

	private static final Path CELLS = TestData.ROOT.resolve("clips/cells/cells-16bit.tif");
	private static final String TOY = TestData.TOY_BUNDLE.toAbsolutePath().toString();

	@TempDir
	Path dir;

	@BeforeAll
	static void imagej() {
		HeadlessImageJ.install();
	}

	@Test
	void currentImageMacroTracksTheSelectionAndDrawsOutlines() {
		final ImagePlus imp = IJ.openImage(CELLS.toString());
		final String before = pixels(imp);
		imp.setRoi(CellPrompts.cellClicks(1));
		WindowManager.setTempCurrentImage(imp);
		IJ.runMacroFile(Path.of("macros/track_current_image.ijm").toAbsolutePath().toString(), TOY);
		final ResultsTable rt = ResultsTable.getResultsTable();
		assertTrue(rt.size() > 60, "spots in the Results table: " + rt.size());
		assertEquals(4, (int) max(rt.getColumn("Label")));
		assertNotNull(imp.getOverlay(), "outlines were asked for");
		assertTrue(imp.getOverlay().size() >= rt.size(), "one outline per spot");
		assertEquals(before, pixels(imp), "the input's pixels are untouched");
	}

	@Test
	void folderMacroTracksEveryImageWithPromptsBesideIt() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in"));
		final Path out = dir.resolve("out");
		Files.copy(CELLS, in.resolve("a.tif"));
		Files.copy(CELLS, in.resolve("b.tif"));
		Files.copy(CELLS, in.resolve("no-prompts.tif"));
		RoiSetFile.write(List.of(CellPrompts.cellClicks(1)), in.resolve("a_prompts.zip"));
		RoiSetFile.write(List.of(CellPrompts.cellClick(1, 3)), in.resolve("b_prompts.zip"));
		IJ.runMacroFile(Path.of("macros/track_folder.ijm").toAbsolutePath().toString(), "input=[" + in + "] output=[" +
			out + "] model=[" + TOY + "]");
		final ImagePlus a = IJ.openImage(out.resolve("a-labels.tif").toString());
		final ImagePlus b = IJ.openImage(out.resolve("b-labels.tif").toString());
		assertNotNull(a);
		assertNotNull(b);
		assertEquals(32, a.getNFrames());
		assertEquals(4, (int) a.getStack().getProcessor(1).getStatistics().max, "four cells in a");
		assertEquals(1, (int) b.getStack().getProcessor(1).getStatistics().max, "one cell in b");
		assertEquals(0.65, a.getCalibration().pixelWidth, 1e-6);
		assertTrue(Files.exists(out.resolve("a-spots.csv")));
		assertTrue(Files.exists(out.resolve("b-tracks.csv")));
		assertFalse(Files.exists(out.resolve("no-prompts-labels.tif")));
	}

	@Test
	void headlessMacroWritesLabelsAndTables() throws Exception {
		final Path prompts = dir.resolve("cells_prompts.zip");
		RoiSetFile.write(List.of(CellPrompts.cellClicks(1)), prompts);
		final Path out = dir.resolve("results");
		IJ.runMacroFile(Path.of("macros/track_headless.ijm").toAbsolutePath().toString(), "image=[" + CELLS.toAbsolutePath() +
			"] prompts=[" + prompts + "] model=[" + TOY + "] output=[" + out + "] options=[direction=forward]");
		final ImagePlus labels = IJ.openImage(out.resolve("cells-16bit-labels.tif").toString());
		assertNotNull(labels, "the label image was saved");
		assertEquals(16, labels.getBitDepth());
		assertEquals(4, (int) labels.getStack().getProcessor(1).getStatistics().max);
		final List<String> spots = Files.readAllLines(out.resolve("cells-16bit-spots.csv"));
		assertTrue(spots.get(0).startsWith("Label,Frame,Slice,X,Y"));
		assertTrue(spots.size() > 60);
		assertEquals(5, Files.readAllLines(out.resolve("cells-16bit-tracks.csv")).size(), "header and 4 tracks");
	}

	@Test
	void headlessMacroStopsAtAModelThatIsNotThere() throws Exception {
		final Path prompts = dir.resolve("cells_prompts.zip");
		RoiSetFile.write(List.of(CellPrompts.cellClicks(1)), prompts);
		final Path out = dir.resolve("results");
		final int failuresBefore = Sam2TrackerPlugin.failures();
		IJ.runMacroFile(Path.of("macros/track_headless.ijm").toAbsolutePath().toString(), "image=[" + CELLS
			.toAbsolutePath() + "] prompts=[" + prompts + "] model=no-such-model output=[" + out + "]");
		assertEquals(failuresBefore + 1, Sam2TrackerPlugin.failures(), "the failure is counted for the exit code");
		try (var files = Files.list(out)) {
			assertEquals(0, files.count(), "the macro stopped before writing anything");
		}
	}

	private static double max(final double[] values) {
		double m = Double.NEGATIVE_INFINITY;
		for (final double v : values) m = Math.max(m, v);
		return m;
	}

	private static String pixels(final ImagePlus imp) {
		final StringBuilder s = new StringBuilder();
		for (int i = 1; i <= imp.getStackSize(); i++) s.append(java.util.Arrays.hashCode((short[]) imp.getStack()
			.getPixels(i))).append(',');
		return s.toString();
	}
}
