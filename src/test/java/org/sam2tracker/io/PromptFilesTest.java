package org.sam2tracker.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PointMode;
import org.sam2tracker.run.PromptException;

/** The prompt file formats, with the README's own examples, and what a bad file is told. */
class PromptFilesTest {

	private static final ImagePlus IMAGE = IJ.createHyperStack("movie", 300, 200, 1, 1, 50, 16);

	@TempDir
	Path dir;

	@Test
	void theReadmeCsvExample() throws Exception {
		final List<ObjectPrompt> prompts = read("p.csv", """
			object,frame,z,x,y,label,x0,y0,x1,y1
			1,1,1,120.5,80,1,,,,
			1,1,1,100,95,0,,,,
			2,1,1,,,,180,40,230,90
			""");
		assertEquals(2, prompts.size());
		assertArrayEquals(new float[] { 120.5f, 80, 100, 95 }, prompts.get(0).prompt().points());
		assertArrayEquals(new int[] { 1, 0 }, prompts.get(0).prompt().labels());
		assertEquals(2, prompts.get(1).objectId());
		assertArrayEquals(new float[] { 180, 40, 230, 90 }, prompts.get(1).prompt().box());
		assertEquals(0, prompts.get(1).prompt().pointCount());
	}

	@Test
	void theReadmeJsonExample() throws Exception {
		final List<ObjectPrompt> prompts = read("p.json", """
			{"objects": [
			  {"id": 1, "prompts": [{"frame": 1, "points": [[120.5, 80], [100, 95]], "labels": [1, 0]}]},
			  {"id": 2, "prompts": [{"frame": 1, "box": [180, 40, 230, 90]}, {"frame": 40, "points": [[210, 70]]}]}]}
			""");
		assertEquals(3, prompts.size());
		assertArrayEquals(new int[] { 1, 0 }, prompts.get(0).prompt().labels());
		assertArrayEquals(new float[] { 180, 40, 230, 90 }, prompts.get(1).prompt().box());
		assertEquals(40, prompts.get(2).position());
		assertEquals(2, prompts.get(2).objectId());
		assertNull(prompts.get(2).prompt().box());
	}

	@Test
	void columnsMayComeInAnyOrderAndCommentsAreSkipped() throws Exception {
		final List<ObjectPrompt> prompts = read("p.csv", "# from the microscope\ny,x,frame,object\n20,10,3,7\n");
		assertEquals(7, prompts.get(0).objectId(), "the object number is the label");
		assertEquals(3, prompts.get(0).position());
		assertArrayEquals(new float[] { 10, 20 }, prompts.get(0).prompt().points());
	}

	@Test
	void badFilesAreToldWhereAndWhy() {
		assertMessage("p.csv", "frame,x,y\n1,2,3\n", "no 'object' column");
		assertMessage("p.csv", "object,frame,x,y\n1,51,2,3\n", "p.csv line 2: frame 51 is not in the image");
		assertMessage("p.csv", "object,frame,x,y\n1,1,2,300\n", "p.csv line 2: The click at (2.0, 300.0) lies outside");
		assertMessage("p.csv", "object,frame,x,y,label\n1,1,2,3,5\n", "has the label 5");
		assertMessage("p.csv", "object,frame,x,y\n1,1,abc,3\n", "x 'abc' is not a number");
		assertMessage("p.csv", "object,frame,x,y,label\n1,1,2,3,0\n", "only background clicks");
		assertMessage("p.csv", "object,frame,x0,y0,x1,y1\n1,1,50,50,10,10\n", "has no area");
		assertMessage("p.csv", "object,frame,x0,y0,x1,y1\n1,1,5,5,10,10\n1,1,6,6,12,12\n", "a second box on the same frame as p.csv line 2");
		assertMessage("p.csv", "object,frame\n", "needs x and y columns");
		assertMessage("p.csv", "object,frame,x,y\n", "holds no prompts");
		assertMessage("p.json", "{\"objects\": [", "is not valid JSON");
		assertMessage("p.json", "{\"objects\": [{\"id\": 1, \"prompts\": [{\"frame\": 1, \"points\": [[1, 2]], " +
			"\"labels\": [1, 0]}]}]}", "1 points but 2 labels");
		assertMessage("p.json", "{\"things\": []}", "no \"objects\" list");
		assertMessage("p.txt", "x", "not a prompt file");
		assertTrue(assertThrows(PromptException.class, () -> PromptFiles.read(dir.resolve("none.csv"), IMAGE,
			PointMode.EACH, note -> {})).getMessage().contains("does not exist"));
	}

	private void assertMessage(final String name, final String content, final String expected) {
		final PromptException e = assertThrows(PromptException.class, () -> read(name, content));
		assertTrue(e.getMessage().contains(expected), e.getMessage());
	}

	private List<ObjectPrompt> read(final String name, final String content) throws Exception {
		final Path file = dir.resolve(name);
		Files.writeString(file, content);
		return PromptFiles.read(file, IMAGE, PointMode.EACH, note -> {}).prompts();
	}
}
