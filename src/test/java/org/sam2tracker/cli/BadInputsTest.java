package org.sam2tracker.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.PointRoi;
import ij.gui.Roi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.io.RoiSetFile;
import org.sam2tracker.output.ExpectedOutput;
import org.sam2tracker.output.OutputLock;
import org.sam2tracker.output.OutputSet;
import org.sam2tracker.run.ExitStatus;
import org.sam2tracker.testing.CellsTruth;
import org.sam2tracker.testing.CommandLineRun;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.testing.TiffBytes;

/**
 * Bad and edge inputs through the command line's main entry: each is refused before the tracking with a message
 * that names the problem (or, where the input is valid, tracked completely), and the input stays as it was.
 */
class BadInputsTest {

	private static final Path CELLS = TestData.ROOT.resolve("clips/cells/cells-16bit.tif");
	private static final Path CELL_PROMPTS = TestData.ROOT.resolve("clips/cells/cells_prompts.zip");
	private static final String TOY = TestData.TOY_BUNDLE.toString();
	private static final int BAD = ExitStatus.BAD_INPUT.code();

	@TempDir
	Path dir;

	@Test
	void aRoiSetCutShortAtAnEntryBoundaryIsRefusedAsDamaged() throws Exception {
		final byte[] whole = Files.readAllBytes(CELL_PROMPTS);
		final Path cut = Files.write(dir.resolve("cut_prompts.zip"), Arrays.copyOf(whole, 346));
		final CommandLineRun r = track(CELLS, cut, "out");
		assertEquals(BAD, r.code(), r.err());
		assertTrue(r.err().contains("cut_prompts.zip is damaged"), r.err());
		assertArrayEquals(Arrays.copyOf(whole, 346), Files.readAllBytes(cut), "the input is untouched");
		assertFalse(Files.exists(dir.resolve("out")), "nothing was written");
	}

	@Test
	void aCsvRowWithAClickAndABoxKeepsBoth() throws Exception {
		final float[] c = CellsTruth.centroid(1, 1);
		final Path csv = Files.writeString(dir.resolve("both.csv"), "object,frame,x,y,label,x0,y0,x1,y1\n1,1," + c[0] +
			"," + c[1] + ",1," + (c[0] - 12) + "," + (c[1] - 12) + "," + (c[0] + 12) + "," + (c[1] + 12) + "\n");
		final CommandLineRun r = track(CELLS, csv, "both");
		assertEquals(0, r.code(), r.err());
		final String report = Files.readString(dir.resolve("both/cells-16bit-run.json"));
		assertTrue(report.contains("\"clicks\": 1") && report.contains("\"box\": true"), report);
	}

	@Test
	void aCsvWithAByteOrderMarkIsRead() throws Exception {
		final float[] c = CellsTruth.centroid(1, 1);
		final Path csv = Files.writeString(dir.resolve("bom.csv"), "\uFEFFobject,frame,x,y\n1,1," + c[0] + "," + c[1] +
			"\n");
		assertEquals(0, track(CELLS, csv, "bom").code());
	}

	@Test
	void onePointGivenAsObjectAndAsBackgroundIsRefused() throws Exception {
		final Path csv = Files.writeString(dir.resolve("both-ways.csv"), "object,frame,x,y,label\n1,1,50,60,1\n1,1,50," +
			"60,0\n");
		final CommandLineRun r = track(CELLS, csv, "both-ways");
		assertEquals(BAD, r.code());
		assertTrue(r.err().contains("both-ways.csv line 3 gives object 1 the point (50.0, 60.0) as background, but " +
			"both-ways.csv line 2 gives it as object"), r.err());
	}

	@Test
	void optionsOutOfTheirRangeAreRefusedByName() {
		for (final String[] option : List.of(new String[] { "--last", "-3" }, new String[] { "--channel", "0" },
			new String[] { "--fill-holes", "-1" }, new String[] { "--stack-axis", "c" }))
		{
			final CommandLineRun r = CommandLineRun.run("track", CELLS.toString(), "-p", CELL_PROMPTS.toString(), "-m",
				TOY, "-o", dir.resolve("x").toString(), option[0], option[1]);
			assertEquals(BAD, r.code(), String.join(" ", option));
			assertTrue(r.err().startsWith(option[0] + " " + option[1] + ": "), r.err());
			assertFalse(r.err().contains("Exception") || r.err().contains("No enum constant"), r.err());
		}
	}

	@Test
	void aRoiWithoutAFrameIsNotedInTheLog() throws Exception {
		final float[] c = CellsTruth.centroid(1, 1);
		final Path roiset = dir.resolve("loose_prompts.zip");
		RoiSetFile.write(List.of(new PointRoi(c[0], c[1])), roiset);
		final CommandLineRun r = CommandLineRun.run("track", CELLS.toString(), "-p", roiset.toString(), "-m", TOY, "-o",
			dir.resolve("loose").toString());
		assertEquals(0, r.code(), r.err());
		assertTrue(r.err().contains("is not tied to a frame; it is taken to be on the current frame, 1"), r.err());
	}

	@Test
	void aRoiBeyondTheStackIsNamedWithTheFrameCount() throws Exception {
		final Roi late = new Roi(10, 10, 20, 20);
		late.setPosition(99);
		final Path roiset = dir.resolve("late_prompts.zip");
		RoiSetFile.write(List.of(late), roiset);
		final CommandLineRun r = track(CELLS, roiset, "late");
		assertEquals(BAD, r.code());
		assertTrue(r.err().contains("late_prompts.zip entry 1") && r.err().contains("is on plane 99 of the stack, but " +
			"cells-16bit.tif has 32 planes (32 frames)"), r.err());
	}

	@Test
	void backwardFromAPromptOnTheFirstFrameWritesThatFrame() throws Exception {
		final CommandLineRun r = CommandLineRun.run("track", CELLS.toString(), "-p", CELL_PROMPTS.toString(), "-m", TOY,
			"-o", dir.resolve("back").toString(), "--direction", "backward");
		assertEquals(0, r.code(), r.err());
		final ImagePlus labels = IJ.openImage(dir.resolve("back/cells-16bit-labels.tif").toString());
		assertEquals(4, (int) labels.getStack().getProcessor(1).getStatistics().max, "the four cells on frame 1");
	}

	@Test
	void anOutputFolderThatIsAFileIsRefusedBeforeTracking() throws Exception {
		final Path file = Files.writeString(dir.resolve("results"), "not a folder");
		final CommandLineRun r = CommandLineRun.run("track", CELLS.toString(), "-p", CELL_PROMPTS.toString(), "-m", TOY,
			"-o", file.toString());
		assertEquals(BAD, r.code());
		assertTrue(r.err().contains("cannot be written into " + file.toAbsolutePath() + ": " + file.toAbsolutePath() +
			" is a file, not a folder"), r.err());
		assertFalse(r.err().contains("frame 1 of"), "no frame was tracked: " + r.err());
		assertFalse(r.err().contains(".part"), "no hidden file is named");
	}

	@Test
	void aSecondRunOnTheSameResultsIsRefusedWhileTheFirstWorks() throws Exception {
		final Path out = dir.resolve("shared");
		try (OutputLock first = new OutputSet(out, "cells-16bit").prepare(new ExpectedOutput(1, 1, 1, 1), false,
			"--overwrite"))
		{
			final CommandLineRun r = track(CELLS, CELL_PROMPTS, "shared");
			assertEquals(BAD, r.code());
			assertTrue(r.err().contains("Another run is writing the results of cells-16bit into"), r.err());
		}
		assertEquals(0, track(CELLS, CELL_PROMPTS, "shared").code(), "once the first is done");
	}

	@Test
	void aBatchIntoItsOwnFolderSkipsItsEarlierResults() throws Exception {
		final Path folder = Files.createDirectories(dir.resolve("batch"));
		Files.copy(CELLS, folder.resolve("a.tif"));
		Files.copy(CELL_PROMPTS, folder.resolve("a_prompts.zip"));
		assertEquals(0, CommandLineRun.run("track", folder.toString(), "-m", TOY, "-o", folder.toString(), "-q")
			.code());
		final CommandLineRun again = CommandLineRun.run("track", folder.toString(), "-m", TOY, "-o", folder.toString(),
			"--overwrite", "-q");
		assertEquals(0, again.code(), again.err());
		try (Stream<Path> files = Files.list(folder)) {
			assertEquals(2 + OutputSet.FORMATS.size(), files.count(), "the input, its prompts and one set of results");
		}
	}

	@Test
	void aTinyTiffIsRefusedForItsSizeNotAsCutShort() throws Exception {
		final Path tiny = dir.resolve("tiny.tif");
		final short[][] pages = new short[5][];
		for (int i = 0; i < pages.length; i++) pages[i] = new short[] { (short) i };
		TiffBytes.write(tiny, 1, 1, pages, "ImageJ=1.54p\nimages=5\nframes=5\n");
		final CommandLineRun r = track(tiny, CELL_PROMPTS, "tiny");
		assertEquals(BAD, r.code());
		assertTrue(r.err().contains("is 1 x 1 pixels; tracking needs an image of at least 2 x 2"), r.err());
	}

	@Test
	void aFloat64TiffNamesItsSampleFormat() throws Exception {
		final Path doubles = dir.resolve("doubles.tif");
		final ByteBuffer page = ByteBuffer.allocate(8 * 16 * 16).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < 256; i++) page.putDouble(i);
		TiffBytes.write(doubles, 16, 16, 64, 3, new byte[][] { page.array() }, null, 1);
		final CommandLineRun r = track(doubles, CELL_PROMPTS, "doubles");
		assertEquals(BAD, r.code());
		assertTrue(r.err().contains("holds 64-bit floating-point pixels"), r.err());
		assertFalse(r.out().contains("Unsupported format"), r.out());
	}

	@Test
	void removingAModelThatIsNotInstalledSaysSo() {
		final CommandLineRun r = CommandLineRun.run("models", "remove", "tiny", "--to", dir.resolve("models")
			.toString());
		assertEquals(0, r.code());
		assertTrue(r.out().contains("is not installed") && !r.out().contains("Removed"), r.out());
	}

	@Test
	void aDamagedWeightsFileIsNamedAsGiven() throws Exception {
		final byte[] weights = Files.readAllBytes(TestData.CHECKPOINT_BUNDLE.resolve("model.safetensors"));
		final Path damaged = Files.write(dir.resolve("my-download.safetensors"), Arrays.copyOf(weights, 100_000));
		final CommandLineRun r = CommandLineRun.run("models", "install", "tiny", "--from", damaged.toString(), "--to",
			dir.resolve("models").toString());
		assertEquals(ExitStatus.MODEL.code(), r.code());
		assertTrue(r.err().contains(damaged.toString()), r.err());
		assertFalse(r.err().contains(".install-"), "no hidden staging path: " + r.err());
	}

	@Test
	void aLabelImageOfThisPluginIsNotTrackedAgain() throws Exception {
		assertEquals(0, track(CELLS, CELL_PROMPTS, "first").code());
		final CommandLineRun r = track(dir.resolve("first/cells-16bit-labels.tif"), CELL_PROMPTS, "again");
		assertEquals(BAD, r.code());
		assertTrue(r.err().contains("is a label image made by SAM 2 Tracker, not a time-lapse to track"), r.err());
	}

	@Test
	void objectsThatAreLostAreNamedWithTheFrameTheyWereLastSeenOn() throws Exception {
		// A click on empty background: the toy tracker finds nothing to follow.
		final Path csv = Files.writeString(dir.resolve("lost.csv"), "object,frame,x,y\n1,1,3,3\n");
		final CommandLineRun r = track(CELLS, csv, "lost");
		assertEquals(0, r.code(), r.err());
		assertTrue(r.err().contains("Object 1 was not found on any frame") || r.err().contains("Object 1 was lost"), r
			.err());
	}

	private CommandLineRun track(final Path input, final Path prompts, final String out) {
		return CommandLineRun.run("track", input.toString(), "-p", prompts.toString(), "-m", TOY, "-o", dir.resolve(out)
			.toString());
	}
}
