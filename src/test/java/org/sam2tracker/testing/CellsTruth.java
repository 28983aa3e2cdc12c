package org.sam2tracker.testing;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;

/** The synthetic cells clip's ground truth (labels.tif): where each cell is, for prompts made from it. */
public final class CellsTruth {

	private static final ImagePlus TRUTH = IJ.openImage(TestData.ROOT.resolve("clips/cells/labels.tif").toString());

	private CellsTruth() {}

	/** The centroid (x, y) of a cell's pixels on a frame (1-based), in pixel indices. */
	public static float[] centroid(final int frame, final int cell) {
		final ImageProcessor ip = TRUTH.getStack().getProcessor(frame);
		double sx = 0, sy = 0;
		int n = 0;
		for (int p = 0; p < ip.getPixelCount(); p++) {
			if ((int) ip.getf(p) != cell) continue;
			sx += p % ip.getWidth();
			sy += p / ip.getWidth();
			n++;
		}
		if (n == 0) throw new IllegalArgumentException("cell " + cell + " is not on frame " + frame);
		return new float[] { (float) (sx / n), (float) (sy / n) };
	}
}
