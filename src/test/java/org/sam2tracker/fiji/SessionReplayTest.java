package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.imagej.InteractiveImage;
import org.sam2tracker.io.PromptFiles;
import org.sam2tracker.io.PromptJson;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.run.ExitStatus;
import org.sam2tracker.run.PointMode;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.run.RunSettings;
import org.sam2tracker.run.SessionRecord;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.testing.CellsClip;
import org.sam2tracker.testing.CommandLineRun;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.track.Direction;

/**
 * A session with corrections, saved as a prompt file on the SAM 2.1 fixture graphs, gives back its own label
 * image when reopened in a panel, when replayed by the command line, and when replayed by the headless macro;
 * a replay whose options would change the masks is refused before any work, naming the option.
 */
class SessionReplayTest {

	private static final Path CELLS = TestData.ROOT.resolve("clips/cells/cells-8bit.tif");
	private static final String MODEL = TestData.REFERENCE_BUNDLE.toAbsolutePath().toString();
	private static final int LAST = 10;

	@TempDir
	Path dir;

	@BeforeAll
	static void imagej() {
		HeadlessImageJ.install();
	}

	@Test
	void aSavedSessionReplaysToItsOwnLabelsInThePanelTheCommandLineAndTheMacro() throws Exception {
		final ImagePlus cells = IJ.openImage(CELLS.toString());
		final RunSettings settings = RunSettings.defaults().with(RunParameters.LAST, LAST);
		final TrackingOptions options = settings.trackingOptions(TestData.REFERENCE_BUNDLE);
		final Path session = dir.resolve("cells-session.json");
		final ImagePlus expected;
		try (Sam2Model model = Sam2Model.open(TestData.REFERENCE_BUNDLE, Device.CPU, 2)) {
			try (InteractiveImage live = new InteractiveImage(cells, options, model, 1, LAST)) {
				click(live, 3, 1, 2, true);
				click(live, 6, 2, 4, true);
				assertTrue(live.propagate(Direction.BOTH, p -> {}, () -> false));
				click(live, 8, 1, 3, true); // corrections: on frames both objects were tracked on
				click(live, 2, 2, 1, true);
				assertTrue(live.propagate(Direction.BOTH, p -> {}, () -> false));
				assertTrue(live.complete());
				live.rename(2, "mother");
				live.hide(1, true);
				PromptJson.write(session, live.session(SessionRecord.maskOptions(settings)), false, cells.getWidth());
				expected = live.labelImage();
			}
			final String text = Files.readString(session);
			assertEquals(2, text.split("\"correction\": true", -1).length - 1, text);

			try (InteractiveImage reopened = new InteractiveImage(cells, options, model, 1, LAST)) {
				reopened.restore(PromptFiles.read(session, cells, PointMode.EACH, note -> {}));
				assertEquals("mother", reopened.name(2));
				assertTrue(reopened.hidden(1));
				assertEquals(0, reopened.overlay(3).size(), "a hidden object shows no mask");
				assertFalse(reopened.complete(), "corrections wait for a propagation");
				assertTrue(reopened.propagate(Direction.BOTH, p -> {}, () -> false));
				assertSameLabels(expected, reopened.labelImage(), "reopened");
			}
		}

		final Path refused = dir.resolve("refused");
		final CommandLineRun other = CommandLineRun.run("track", CELLS.toString(), "-p", session.toString(), "-m", MODEL,
			"-o", refused.toString(), "-q");
		assertEquals(ExitStatus.BAD_INPUT.code(), other.code(), other.err());
		assertTrue(other.err().contains("--last " + LAST), other.err());
		final CommandLineRun otherSize = CommandLineRun.run("track", CELLS.toString(), "-p", session.toString(), "-m",
			MODEL, "-o", refused.toString(), "--last", Integer.toString(LAST), "--input-size", "512", "-q");
		assertEquals(ExitStatus.BAD_INPUT.code(), otherSize.code(), otherSize.err());
		assertTrue(otherSize.err().contains("--input-size model"), otherSize.err());
		assertFalse(Files.exists(refused.resolve("cells-8bit-labels.tif")));

		final Path out = dir.resolve("cli");
		final CommandLineRun replay = CommandLineRun.run("track", CELLS.toString(), "-p", session.toString(), "-m",
			MODEL, "-o", out.toString(), "--last", Integer.toString(LAST), "-q");
		assertEquals(0, replay.code(), replay.err());
		assertSameLabels(expected, IJ.openImage(out.resolve("cells-8bit-labels.tif").toString()), "command line");

		final Path macro = dir.resolve("macro");
		IJ.runMacroFile(Path.of("macros/track_headless.ijm").toAbsolutePath().toString(), "image=[" + CELLS
			.toAbsolutePath() + "] prompts=[" + session + "] model=[" + MODEL + "] output=[" + macro + "] options=[last=" +
			LAST + "]");
		assertSameLabels(expected, IJ.openImage(macro.resolve("cells-8bit-labels.tif").toString()), "macro");
	}

	private static void click(final InteractiveImage image, final int frame, final int object, final int cell,
		final boolean positive)
	{
		final float[] c = CellsClip.centroid(frame, cell);
		image.click(frame, object, c[0], c[1], positive);
	}

	private static void assertSameLabels(final ImagePlus expected, final ImagePlus actual, final String how) {
		assertNotNull(actual, how + ": the label image was written");
		assertEquals(expected.getStackSize(), actual.getStackSize(), how);
		for (int i = 1; i <= expected.getStackSize(); i++) {
			assertArrayEquals((short[]) expected.getStack().getPixels(i), (short[]) actual.getStack().getPixels(i), how +
				", plane " + i);
		}
	}
}
