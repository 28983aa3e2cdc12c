package org.sam2tracker.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.testing.CellsClip;
import org.sam2tracker.testing.CellsTracking;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.track.Direction;

/**
 * 32-bit images with NaN and infinite pixels: such pixels are left out of the intensity range, an image with no
 * finite pixel is refused, and one that holds a single value is tracked with a warning that names it.
 */
class NonFinitePixelsTest {

	private static final TrackingOptions FORWARD = TrackingOptions.builder(TestData.TOY_BUNDLE).direction(
		Direction.FORWARD).range(1, 3).build();

	@Test
	void infinitePixelsAreLeftOutOfTheRangeAndTheCellsAreStillTracked() throws Exception {
		final ImagePlus withNaN = floats(CellsClip.open("cells-16bit.tif"), Float.NaN);
		final ImagePlus spoiled = floats(CellsClip.open("cells-16bit.tif"), Float.POSITIVE_INFINITY);
		final List<String> log = new ArrayList<>();
		final TrackingResult result = CellsTracking.runLogged(spoiled, FORWARD, log::add, 1, 3);
		final List<String> cleanLog = new ArrayList<>();
		CellsTracking.runLogged(withNaN, FORWARD, cleanLog::add, 1, 3);
		assertEquals(intensityLine(cleanLog), intensityLine(log), "infinite pixels are left out, as NaN ones are");
		assertEquals(6, result.spots().size(), "both cells on all 3 frames");
	}

	@Test
	void anImageWithNoFinitePixelIsRefusedByName() {
		final ImagePlus imp = constant(Float.POSITIVE_INFINITY);
		final BadInputException e = assertThrows(BadInputException.class, () -> CellsTracking.run(imp, FORWARD, 1));
		assertTrue(e.getMessage().contains("constant has no finite pixel value in channel 1"), e.getMessage());
	}

	@Test
	void anImageOfOneValueIsTrackedWithAWarning() throws Exception {
		final List<String> log = new ArrayList<>();
		CellsTracking.runLogged(constant(777), FORWARD, log::add, 1, 3);
		assertTrue(log.stream().anyMatch(l -> l.startsWith("Warning: channel 1 of constant holds one value only " +
			"(777)")), String.join("\n", log));
	}

	private static String intensityLine(final List<String> log) {
		return log.stream().filter(l -> l.startsWith("Intensity:")).findFirst().orElseThrow();
	}

	/** The clip as 32-bit, with a block of 40 x 30 pixels (2.4% of each frame) set to {@code block}. */
	private static ImagePlus floats(final ImagePlus imp, final float block) {
		final ImageStack stack = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int i = 1; i <= imp.getStackSize(); i++) {
			final ImageProcessor fp = imp.getStack().getProcessor(i).convertToFloat();
			for (int y = 150; y < 180; y++) for (int x = 200; x < 240; x++) fp.setf(x, y, block);
			stack.addSlice(fp);
		}
		final ImagePlus out = new ImagePlus("spoiled", stack);
		out.setDimensions(1, 1, imp.getStackSize());
		return out;
	}

	private static ImagePlus constant(final float value) {
		final ImageStack stack = new ImageStack(256, 192);
		for (int t = 0; t < CellsClip.FRAMES; t++) {
			final FloatProcessor fp = new FloatProcessor(256, 192);
			fp.set(value);
			stack.addSlice(fp);
		}
		final ImagePlus imp = new ImagePlus("constant", stack);
		imp.setDimensions(1, 1, CellsClip.FRAMES);
		return imp;
	}
}
