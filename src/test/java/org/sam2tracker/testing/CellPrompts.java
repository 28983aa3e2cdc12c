package org.sam2tracker.testing;

import ij.gui.PointRoi;
import ij.gui.Roi;

/** Prompts on the cells clip, from its ground truth. */
public final class CellPrompts {

	private CellPrompts() {}

	/** One multi-point ROI with a click on each of the four cells. */
	public static Roi cellClicks(final int frame) {
		final PointRoi roi = new PointRoi();
		for (int cell = 1; cell <= 4; cell++) {
			final double[] c = centroid(frame, cell);
			roi.addPoint(c[0], c[1]);
		}
		roi.setPosition(0, 0, frame);
		return roi;
	}

	public static Roi cellClick(final int frame, final int cell) {
		final double[] c = centroid(frame, cell);
		final PointRoi roi = new PointRoi(c[0], c[1]);
		roi.setPosition(0, 0, frame);
		return roi;
	}

	public static double[] centroid(final int frame, final int cell) {
		final float[] c = CellsTruth.centroid(frame, cell);
		return new double[] { c[0], c[1] };
	}
}
