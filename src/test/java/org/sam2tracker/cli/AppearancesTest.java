package org.sam2tracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.CommandLineRun;
import org.sam2tracker.testing.TestData;

/**
 * Seeds on every frame: on the cells clip, whose fourth cell swims out and comes back, the ground-truth label stack
 * as the prompt file seeds the four cells of frame 1 and, when the fourth comes back where no tracked object is,
 * a new object there; the labels of cells that are tracked (the daughters inside their mother's mask) add none.
 * Seeded on frame 1 alone, the returning cell is never picked up again.
 */
class AppearancesTest {

	private static final Path CELLS = TestData.ROOT.resolve("clips/cells");

	@TempDir
	Path dir;

	@Test
	void aCellThatComesBackWhereNoTrackIsBecomesANewObject() {
		final CommandLineRun all = track(CELLS.resolve("labels.tif"), "all");
		assertTrue(all.err().contains("labels.tif: 4 objects seeded on frame 1."), all.err());
		assertTrue(all.err().contains("A cell appears on frame 25 (label 4 of the seeds): object 5."), all.err());
		assertEquals(1, all.err().split("A cell appears", -1).length - 1, "one new object: " + all.err());
		assertTrue(all.out().contains("5 objects"), all.out());

		final ImagePlus truth = IJ.openImage(CELLS.resolve("labels.tif").toString());
		final ImageStack first = new ImageStack(truth.getWidth(), truth.getHeight());
		first.addSlice(truth.getStack().getProcessor(1));
		final Path firstOnly = dir.resolve("first.tif");
		new FileSaver(new ImagePlus("first", first)).saveAsTiff(firstOnly.toString());
		final CommandLineRun one = track(firstOnly, "one");
		assertTrue(!one.err().contains("A cell appears"), one.err());
		assertTrue(one.out().contains("4 objects"), one.out());
	}

	private CommandLineRun track(final Path seeds, final String name) {
		final CommandLineRun r = CommandLineRun.run("track", CELLS.resolve("cells-16bit.tif").toString(), "-p", seeds
			.toString(), "-m", TestData.TOY_BUNDLE.toString(), "-o", dir.resolve(name).toString(), "--device", "cpu");
		assertEquals(0, r.code(), r.err());
		return r;
	}
}
