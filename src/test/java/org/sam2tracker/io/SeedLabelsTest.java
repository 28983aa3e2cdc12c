package org.sam2tracker.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PointMode;
import org.sam2tracker.run.PromptException;
import org.sam2tracker.run.PromptKey;

/**
 * A label image as the prompt file: one mask prompt per label, keeping its number, on the first frame with labels
 * (a one-plane file is the first frame); files of another size, RGB, with no label or a wrong number of planes are
 * refused naming the file and what to give.
 */
class SeedLabelsTest {

	@TempDir
	Path dir;

	/** A time-lapse of 3 frames of 10 x 8. */
	private static ImagePlus image() {
		final ImageStack s = new ImageStack(10, 8);
		for (int t = 0; t < 3; t++) s.addSlice(new ByteProcessor(10, 8));
		final ImagePlus imp = new ImagePlus("t", s);
		imp.setDimensions(1, 1, 3);
		return imp;
	}

	private Path save(final String name, final ImageStack stack) {
		final Path file = dir.resolve(name);
		final ImagePlus imp = new ImagePlus(name, stack);
		if (stack.getSize() > 1) new FileSaver(imp).saveAsTiffStack(file.toString());
		else new FileSaver(imp).saveAsTiff(file.toString());
		return file;
	}

	@Test
	void everyLabelOfTheFirstLabelledFrameIsAMaskPromptUnderItsNumber() throws Exception {
		final ImageStack stack = new ImageStack(10, 8);
		stack.addSlice(new ShortProcessor(10, 8)); // frame 1: no labels
		final ShortProcessor frame2 = new ShortProcessor(10, 8);
		frame2.set(1, 1, 7);
		frame2.set(2, 1, 7);
		frame2.set(8, 6, 300);
		stack.addSlice(frame2);
		stack.addSlice(new ShortProcessor(10, 8));
		final List<String> notes = new ArrayList<>();
		final List<ObjectPrompt> prompts = PromptFiles.read(save("seeds.tif", stack), image(), PointMode.EACH,
			notes::add).prompts();
		assertEquals(List.of(new PromptKey(7, 2, 1), new PromptKey(300, 2, 1)), prompts.stream().map(ObjectPrompt::key)
			.toList());
		final boolean[] seven = new boolean[80];
		seven[11] = true;
		seven[12] = true;
		assertArrayEquals(seven, prompts.get(0).prompt().mask());
		assertTrue(notes.contains("seeds.tif: 2 objects seeded on frame 2."), notes.toString());
	}

	@Test
	void seedsThatCannotBeUsedAreRefusedSayingWhy() {
		final ImageStack wide = new ImageStack(12, 8);
		wide.addSlice(new ShortProcessor(12, 8));
		assertMessage(save("wide.tif", wide), "is 12 x 8 pixels, the image 10 x 8");
		final ImageStack rgb = new ImageStack(10, 8);
		rgb.addSlice(new ColorProcessor(10, 8));
		assertMessage(save("rgb.tif", rgb), "is not a label image: it is RGB");
		final ImageStack empty = new ImageStack(10, 8);
		empty.addSlice(new ShortProcessor(10, 8));
		assertMessage(save("empty.tif", empty), "holds no labels");
		final ImageStack two = new ImageStack(10, 8);
		two.addSlice(new ShortProcessor(10, 8));
		two.addSlice(new ShortProcessor(10, 8));
		assertMessage(save("two.tif", two), "has 2 planes; give one (the first frame) or 3");
	}

	private static void assertMessage(final Path file, final String expected) {
		final PromptException e = assertThrows(PromptException.class, () -> PromptFiles.read(file, image(),
			PointMode.EACH, n -> {}));
		assertTrue(e.getMessage().contains(expected), e.getMessage());
		assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
	}
}
