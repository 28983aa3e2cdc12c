package org.sam2tracker.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import org.sam2tracker.run.ResultNames;

/**
 * The label image of a run: the input's width, height, Z and T (no channels), 16-bit, or 32-bit when there
 * are more labels than 16 bits hold. Planes are written as frames finish; a plane written twice keeps the last.
 */
final class LabelImageBuilder {

	private final TrackingAxis axis;
	private final int width;
	private final int height;
	private int maxLabel;
	private final ImageStack stack;

	LabelImageBuilder(final ImagePlus input, final int maxLabel) {
		this.axis = TrackingAxis.of(input);
		this.width = input.getWidth();
		this.height = input.getHeight();
		this.maxLabel = maxLabel;
		this.stack = new ImageStack(width, height);
		final boolean wide = maxLabel > 65535;
		for (int i = 0; i < axis.slices() * axis.frames(); i++) {
			stack.addSlice(wide ? new FloatProcessor(width, height) : new ShortProcessor(width, height));
		}
	}

	/** Writes the masks of one plane; objects later in the list win where masks overlap. */
	void write(final int position, final int plane, final boolean[][] masks, final int[] labels) {
		final ImageProcessor ip = stack.getProcessor(index(position, plane));
		final int n = width * height;
		for (int p = 0; p < n; p++) {
			int value = 0;
			for (int o = 0; o < masks.length; o++) {
				if (masks[o][p]) value = labels[o];
			}
			ip.setf(p, value);
		}
	}

	/**
	 * Paints masks onto one plane where it is background, leaving every other object's pixels as they are (the
	 * daughters of a division, added after the plane was written).
	 */
	void paint(final int position, final int plane, final boolean[][] masks, final int[] labels) {
		final ImageProcessor ip = stack.getProcessor(index(position, plane));
		for (int p = 0; p < width * height; p++) {
			if (ip.getf(p) != 0) continue;
			for (int o = 0; o < masks.length; o++) {
				if (masks[o][p]) ip.setf(p, labels[o]);
			}
		}
	}

	/** Clears one object from one plane. */
	void erase(final int position, final int plane, final int label) {
		final ImageProcessor ip = stack.getProcessor(index(position, plane));
		for (int p = 0; p < width * height; p++) if ((int) ip.getf(p) == label) ip.setf(p, 0);
	}

	/** Makes room for labels up to {@code largest} (new objects of a division); false when 16 bits cannot hold it. */
	boolean grow(final int largest) {
		if (largest > 65535 && stack.getProcessor(1) instanceof ShortProcessor) return false;
		maxLabel = Math.max(maxLabel, largest);
		return true;
	}

	int maxLabel() {
		return maxLabel;
	}

	/** The labels of one plane as integers. */
	int[] labels(final int position, final int plane) {
		final ImageProcessor ip = stack.getProcessor(index(position, plane));
		final int[] out = new int[width * height];
		for (int p = 0; p < out.length; p++) out[p] = (int) ip.getf(p);
		return out;
	}

	ImagePlus image(final ImagePlus input) {
		final ImagePlus labels = new ImagePlus(titleFor(input.getTitle()), stack);
		labels.setDimensions(1, axis.slices(), axis.frames());
		if (axis.slices() > 1 && axis.frames() > 1) labels.setOpenAsHyperStack(true);
		final Calibration cal = input.getCalibration().copy();
		cal.disableDensityCalibration();
		labels.setCalibration(cal);
		labels.setLut(LabelLut.lut());
		// Saved with the TIFF, so that a label image is known for one wherever it is opened again.
		labels.setProp(ImageChecks.MADE_BY, ImageChecks.LABEL_IMAGE);
		labels.setDisplayRange(0, Math.max(1, maxLabel));
		return labels;
	}

	private int index(final int position, final int plane) {
		final int z = axis.alongZ() ? position : plane;
		final int t = axis.alongZ() ? 1 : position;
		return (t - 1) * axis.slices() + z;
	}

	/** "cells.tif" becomes "cells-labels", by the rule that names result files. */
	static String titleFor(final String inputTitle) {
		return ResultNames.base(inputTitle) + "-labels";
	}
}
