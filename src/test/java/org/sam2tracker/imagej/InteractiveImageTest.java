package org.sam2tracker.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.testing.CellsClip;
import org.sam2tracker.testing.ImageFingerprint;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.track.Direction;

/**
 * The interactive loop on a real ImagePlus of the cells clip with the toy blob tracker (a model whose masks follow the cells): a click shows its mask as an
 * overlay on that frame only, propagation fills the others, a correction changes only later frames, undo brings
 * them back, and the label image holds the object where the ground truth has its cell.
 */
class InteractiveImageTest {

	private static Sam2Model model;

	@BeforeAll
	static void open() throws Exception {
		model = Sam2Model.open(TestData.TOY_BUNDLE, Device.CPU, 2);
	}

	@AfterAll
	static void close() {
		model.close();
	}

	@Test
	void aClickShowsItsMaskPropagationFillsTheClipAndACorrectionChangesOnlyLaterFrames() throws Exception {
		final ImagePlus cells = CellsClip.open("cells-16bit.tif");
		final String before = ImageFingerprint.of(cells);
		try (InteractiveImage image = new InteractiveImage(cells, TrackingOptions.builder(TestData.TOY_BUNDLE)
			.build(), model, 1, CellsClip.FRAMES))
		{
			final float[] cell = CellsClip.centroid(1, 2);
			assertTrue(image.click(1, 1, cell[0], cell[1], true).present());
			assertMaskUnder(image.overlay(1), cell);
			assertEquals(0, image.overlay(2).size(), "nothing on frame 2 before propagating");

			final List<Integer> shown = new ArrayList<>();
			assertTrue(image.propagate(Direction.FORWARD, shown::add, () -> false));
			assertEquals(CellsClip.FRAMES - 1, shown.size());
			assertEquals(2, shown.get(0));
			for (int frame = 2; frame <= CellsClip.FRAMES; frame++) {
				assertMaskUnder(image.overlay(frame), CellsClip.centroid(frame, 2));
			}
			final ImagePlus tracked = image.labelImage();
			assertEquals(CellsClip.FRAMES, tracked.getStackSize());
			final ImagePlus truth = CellsClip.truth();
			for (int frame = 1; frame <= CellsClip.FRAMES; frame++) {
				final float[] c = CellsClip.centroid(frame, 2);
				assertEquals(1, tracked.getStack().getProcessor(frame).get(Math.round(c[0]), Math.round(c[1])),
					"frame " + frame + ": the object covers its cell's centre");
				assertEquals(2, CellsClip.truth(truth, frame)[Math.round(c[1]) * cells.getWidth() + Math.round(c[0])]);
			}

			// A negative click on the object itself on frame 12: earlier frames keep their masks.
			final float[] there = CellsClip.centroid(12, 2);
			image.click(12, 1, there[0], there[1], false);
			assertTrue(image.isCurrent(11));
			assertFalse(image.isCurrent(13));
			image.propagate(Direction.FORWARD, p -> {}, () -> false);
			final ImagePlus corrected = image.labelImage();
			for (int frame = 1; frame < 12; frame++) {
				assertArrayEquals((short[]) tracked.getStack().getPixels(frame), (short[]) corrected.getStack()
					.getPixels(frame), "frame " + frame + " was before the correction");
			}
			assertFalse(java.util.Arrays.equals((short[]) tracked.getStack().getPixels(12), (short[]) corrected
				.getStack().getPixels(12)), "the correction changed its frame");

			assertTrue(image.undo());
			final ImagePlus undone = image.labelImage();
			for (int frame = 1; frame <= CellsClip.FRAMES; frame++) {
				assertArrayEquals((short[]) tracked.getStack().getPixels(frame), (short[]) undone.getStack().getPixels(
					frame), "frame " + frame + " after the undo");
			}
			assertTrue(image.redo());
			assertArrayEquals((short[]) corrected.getStack().getPixels(12), (short[]) image.labelImage().getStack()
				.getPixels(12));
		}
		assertEquals(before, ImageFingerprint.of(cells), "the input image is only read");
	}

	@Test
	void clicksOutsideTheTrackedFramesAreRefusedByPosition() throws Exception {
		final ImagePlus cells = CellsClip.open("cells-8bit.tif");
		try (InteractiveImage image = new InteractiveImage(cells, TrackingOptions.builder(TestData.TOY_BUNDLE)
			.range(5, 10).build(), model, 1, 4))
		{
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> image.click(12, 1,
				50, 50, true));
			assertTrue(e.getMessage().contains("Position 12 is outside the frames 5"), e.getMessage());
		}
	}

	private static void assertMaskUnder(final Overlay overlay, final float[] point) {
		assertEquals(1, overlay.size());
		final ImageRoi roi = (ImageRoi) overlay.get(0);
		final int rgb = roi.getProcessor().get(Math.round(point[0]), Math.round(point[1])) & 0xffffff;
		assertTrue(rgb != 0, "the mask covers " + point[0] + ", " + point[1]);
	}
}
