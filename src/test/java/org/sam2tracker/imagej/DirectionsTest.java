package org.sam2tracker.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.testing.CellsClip;
import org.sam2tracker.testing.CellsTracking;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.track.Direction;

/** The prompted frame always carries its masks, whichever way a run goes, even at either end of the clip. */
class DirectionsTest {

	private static ImagePlus cells;

	@BeforeAll
	static void open() {
		cells = CellsClip.open("cells-16bit.tif");
	}

	@Test
	void backwardFromAPromptOnTheFirstFrameGivesThatFrame() throws Exception {
		final TrackingResult result = CellsTracking.run(cells, options(Direction.BACKWARD), 1, 3);
		assertEquals(1, result.framesTotal());
		assertEquals(1, result.framesDone());
		final int[] first = firstPlane(result);
		assertTrue(CellsTracking.count(first, 1) > 0, "object 1 on frame 1");
		assertTrue(CellsTracking.count(first, 2) > 0, "object 2 on frame 1");
		assertEquals(2, result.spots().size(), "one spot each, on the prompted frame");
	}

	@Test
	void bothWaysFromTheFirstFrameVisitItOnce() throws Exception {
		final TrackingResult result = CellsTracking.run(cells, options(Direction.BOTH), 1);
		assertEquals(CellsClip.FRAMES, result.framesTotal());
		assertEquals(CellsClip.FRAMES, result.framesDone());
		assertEquals(CellsClip.FRAMES, result.spots().stream().filter(s -> s.label() == 1).count());
	}

	private static int[] firstPlane(final TrackingResult result) {
		final short[] pixels = (short[]) result.labels().getStack().getPixels(1);
		final int[] labels = new int[pixels.length];
		for (int i = 0; i < pixels.length; i++) labels[i] = pixels[i] & 0xffff;
		return labels;
	}

	private static TrackingOptions options(final Direction direction) {
		return TrackingOptions.builder(TestData.TOY_BUNDLE).direction(direction).build();
	}
}
