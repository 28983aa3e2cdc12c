package org.sam2tracker.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.process.ByteProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PointMode;
import org.sam2tracker.run.PromptException;
import org.sam2tracker.run.PromptKey;

/**
 * One contract, run against every prompt file format: the same prompts written as CSV, JSON or an ImageJ RoiSet
 * read back into the same objects, frames, clicks and boxes, and a click outside the image is refused by the one
 * shared validation, naming the file.
 */
class PromptReadersContractTest {

	/** What every prompt reader must do; each format writes the same prompts its own way. */
	abstract static class Contract {

		@TempDir
		Path dir;

		/** Object 1: a click at (10, 20) and a background click at (30, 40) on frame 2; object 2: a box on frame 3. */
		abstract Path writeTwoObjects(Path folder) throws Exception;

		/** One click at (500, 20), outside the 100 x 80 image. */
		abstract Path writeOutside(Path folder) throws Exception;

		@Test
		void readsTheSameObjectsFramesClicksAndBoxes() throws Exception {
			final List<ObjectPrompt> prompts = PromptFiles.read(writeTwoObjects(dir), image(), PointMode.EACH, note -> {})
				.prompts();
			assertEquals(2, prompts.size(), prompts.toString());
			assertEquals(new PromptKey(1, 2, 1), prompts.get(0).key());
			assertArrayEquals(new float[] { 10, 20, 30, 40 }, prompts.get(0).prompt().points());
			assertArrayEquals(new int[] { 1, 0 }, prompts.get(0).prompt().labels());
			assertNull(prompts.get(0).prompt().box());
			assertEquals(new PromptKey(2, 3, 1), prompts.get(1).key());
			assertArrayEquals(new float[] { 50, 50, 70, 60 }, prompts.get(1).prompt().box());
			assertEquals(0, prompts.get(1).prompt().pointCount());
		}

		@Test
		void refusesAClickOutsideTheImageNamingTheFile() throws Exception {
			final Path file = writeOutside(dir);
			final String message = assertThrows(PromptException.class, () -> PromptFiles.read(file, image(),
				PointMode.EACH, note -> {})).getMessage();
			assertTrue(message.contains(file.getFileName().toString()), message);
			assertTrue(message.contains("outside the image of 100 x 80 pixels"), message);
		}

		/** A 100 x 80 time-lapse of 4 frames. */
		static ImagePlus image() {
			final ImageStack stack = new ImageStack(100, 80);
			for (int t = 0; t < 4; t++) stack.addSlice(new ByteProcessor(100, 80));
			final ImagePlus imp = new ImagePlus("t", stack);
			imp.setDimensions(1, 1, 4);
			return imp;
		}
	}

	@Nested
	class Csv extends Contract {

		@Override
		Path writeTwoObjects(final Path folder) throws Exception {
			return Files.writeString(folder.resolve("two_prompts.csv"), "object,frame,z,x,y,label,x0,y0,x1,y1\n" +
				"1,2,1,10,20,1,,,,\n1,2,1,30,40,0,,,,\n2,3,1,,,,50,50,70,60\n");
		}

		@Override
		Path writeOutside(final Path folder) throws Exception {
			return Files.writeString(folder.resolve("outside.csv"), "object,frame,x,y\n1,1,500,20\n");
		}
	}

	@Nested
	class Json extends Contract {

		@Override
		Path writeTwoObjects(final Path folder) throws Exception {
			return Files.writeString(folder.resolve("two_prompts.json"), "{\"objects\": [" +
				"{\"id\": 1, \"prompts\": [{\"frame\": 2, \"points\": [[10, 20], [30, 40]], \"labels\": [1, 0]}]}," +
				"{\"id\": 2, \"prompts\": [{\"frame\": 3, \"z\": 1, \"box\": [50, 50, 70, 60]}]}]}");
		}

		@Override
		Path writeOutside(final Path folder) throws Exception {
			return Files.writeString(folder.resolve("outside.json"), "{\"objects\": [{\"id\": 1, \"prompts\": [" +
				"{\"frame\": 1, \"points\": [[500, 20]]}]}]}");
		}
	}

	@Nested
	class RoiSet extends Contract {

		@Override
		Path writeTwoObjects(final Path folder) throws Exception {
			final PointRoi clicks = new PointRoi();
			clicks.addPoint(10, 20);
			clicks.setCounter(1);
			clicks.addPoint(30, 40);
			clicks.setPosition(0, 0, 2);
			final Roi box = new Roi(50, 50, 20, 10);
			box.setPosition(0, 0, 3);
			final Path file = folder.resolve("two_prompts.zip");
			RoiSetFile.write(List.of(clicks, box), file);
			return file;
		}

		@Override
		Path writeOutside(final Path folder) throws Exception {
			final PointRoi click = new PointRoi(500, 20);
			click.setPosition(0, 0, 1);
			final Path file = folder.resolve("outside.zip");
			RoiSetFile.write(List.of(click), file);
			return file;
		}
	}
}
