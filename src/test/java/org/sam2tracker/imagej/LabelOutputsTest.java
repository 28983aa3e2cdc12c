package org.sam2tracker.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.process.ImageProcessor;

import java.awt.Color;

import org.junit.jupiter.api.Test;

/** The label image's type, title and colours, and the outline overlay drawn from it. */
class LabelOutputsTest {

	@Test
	void moreLabelsThanSixteenBitsHoldMakeA32BitImage() {
		final ImagePlus input = IJ.createImage("big.tif", "8-bit black", 8, 8, 1, 1, 2);
		final LabelImageBuilder wide = new LabelImageBuilder(input, 70000);
		final boolean[] mask = new boolean[64];
		mask[9] = true;
		wide.write(2, 1, new boolean[][] { mask }, new int[] { 70000 });
		final ImagePlus labels = wide.image(input);
		assertEquals(32, labels.getBitDepth());
		assertEquals(70000, wide.labels(2, 1)[9]);
		assertEquals(70000, labels.getDisplayRangeMax());
		assertEquals(16, new LabelImageBuilder(input, 65535).image(input).getBitDepth());
	}

	@Test
	void laterObjectsWinWhereMasksOverlap() {
		final ImagePlus input = IJ.createImage("o", "8-bit black", 4, 1, 1);
		final LabelImageBuilder b = new LabelImageBuilder(input, 2);
		b.write(1, 1, new boolean[][] { { true, true, false, false }, { false, true, true, false } }, new int[] { 1, 2 });
		assertEquals(java.util.List.of(1, 2, 2, 0), java.util.Arrays.stream(b.labels(1, 1)).boxed().toList());
	}

	@Test
	void titlesFollowTheInput() {
		assertEquals("cells-labels", LabelImageBuilder.titleFor("cells.tif"));
		assertEquals("embryo-labels", LabelImageBuilder.titleFor("embryo.ome.tif"));
		assertEquals("run 1.2-labels", LabelImageBuilder.titleFor("run 1.2"), "a number is not an extension");
		assertEquals("image-labels", LabelImageBuilder.titleFor(""));
	}

	@Test
	void theBuiltInLutGivesNeighbouringLabelsDifferentColours() {
		final var lut = LabelLut.builtIn();
		assertEquals(0, lut.getRGB(0) & 0xffffff, "background is black");
		for (int label = 1; label < 40; label++) {
			assertNotEquals(LabelLut.colour(lut, label, 40), LabelLut.colour(lut, label + 1, 40), "labels " + label +
				" and " + (label + 1));
		}
	}

	@Test
	void outlinesHaveTheLabelsColoursAndFramesAndReplaceEarlierOutlines() {
		final ImagePlus input = IJ.createHyperStack("in", 20, 20, 2, 1, 3, 16);
		final ImagePlus labelImage = IJ.createHyperStack("labels", 20, 20, 1, 1, 3, 16);
		final ImageProcessor frame2 = labelImage.getStack().getProcessor(2);
		frame2.setValue(1);
		frame2.fillRect(2, 2, 5, 5);
		frame2.setValue(3);
		frame2.fillRect(10, 10, 4, 3);
		labelImage.setLut(LabelLut.builtIn());
		labelImage.setDisplayRange(0, 3);
		final Roi users = new Roi(0, 0, 3, 3);
		input.setOverlay(new Overlay(users));

		OutlineOverlay.apply(input, labelImage, 3);
		OutlineOverlay.apply(input, labelImage, 3);

		final Overlay overlay = input.getOverlay();
		assertEquals(3, overlay.size(), "the user's ROI and one outline per label, not doubled by a second run");
		assertTrue(overlay.contains(users));
		final Roi one = overlay.get(1);
		assertEquals(new java.awt.Rectangle(2, 2, 5, 5), one.getBounds());
		assertEquals(2, one.getTPosition());
		assertEquals(0, one.getCPosition(), "drawn on every channel");
		assertEquals(LabelLut.colour(LabelLut.builtIn(), 1, 3), one.getStrokeColor());
		final Color three = overlay.get(2).getStrokeColor();
		assertEquals(LabelLut.colour(LabelLut.builtIn(), 3, 3), three);
		// The colour ImageJ shows for label 3 in the label image itself.
		labelImage.setT(2);
		assertEquals(new Color(labelImage.getBufferedImage().getRGB(11, 11)), three);
	}
}
