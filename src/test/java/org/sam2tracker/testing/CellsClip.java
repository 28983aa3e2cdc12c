package org.sam2tracker.testing;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.PointRoi;
import ij.gui.Roi;

import java.util.ArrayList;
import java.util.List;

/** The synthetic cells clip and its ground truth, with prompts made from the truth. */
public final class CellsClip {

	public static final int FRAMES = 32;

	private CellsClip() {}

	public static ImagePlus open(final String file) {
		final ImagePlus imp = IJ.openImage(TestData.ROOT.resolve("clips/cells/" + file).toString());
		if (imp == null) throw new IllegalStateException("cannot open " + file);
		return imp;
	}

	public static ImagePlus truth() {
		return open("labels.tif");
	}

	/** The ground-truth label of every pixel on a frame (1-based). */
	public static int[] truth(final ImagePlus truth, final int frame) {
		final var ip = truth.getStack().getProcessor(frame);
		final int[] out = new int[ip.getPixelCount()];
		for (int i = 0; i < out.length; i++) out[i] = (int) ip.getf(i);
		return out;
	}

	/** The centroid (x, y) of a cell on a frame. */
	public static float[] centroid(final int frame, final int cell) {
		return CellsTruth.centroid(frame, cell);
	}


	/** One point ROI per cell at its centroid on a frame, each tied to that frame. */
	public static List<Roi> clicks(final int frame, final int... cells) {
		final List<Roi> rois = new ArrayList<>();
		for (final int cell : cells) {
			final float[] c = centroid(frame, cell);
			final PointRoi roi = new PointRoi(c[0], c[1]);
			roi.setPosition(0, 0, frame);
			roi.setName("cell " + cell);
			rois.add(roi);
		}
		return rois;
	}

	/** Intersection over union of the pixels labelled {@code a} in one plane and {@code b} in another. */
	public static double iou(final int[] labelsA, final int a, final int[] labelsB, final int b) {
		long inter = 0, union = 0;
		for (int p = 0; p < labelsA.length; p++) {
			final boolean x = labelsA[p] == a;
			final boolean y = labelsB[p] == b;
			if (x && y) inter++;
			if (x || y) union++;
		}
		return union == 0 ? 1 : (double) inter / union;
	}

	public static int[] plane(final ImagePlus labels, final int index) {
		final var ip = labels.getStack().getProcessor(index);
		final int[] out = new int[ip.getPixelCount()];
		for (int i = 0; i < out.length; i++) out[i] = (int) ip.getf(i);
		return out;
	}
}
