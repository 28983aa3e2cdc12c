package org.sam2tracker.imagej;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ImageProcessor;
import ij.process.LUT;

/**
 * Outlines of every label on every plane, drawn over the input in the label's colour. Outlines from an earlier
 * run are replaced; the user's own overlay ROIs are kept. Only the overlay changes, never the pixels.
 */
public final class OutlineOverlay {

	private OutlineOverlay() {}

	public static void apply(final ImagePlus input, final ImagePlus labels, final int maxLabel) {
		final Overlay overlay = new Overlay();
		final Overlay previous = input.getOverlay();
		if (previous != null) {
			for (final Roi roi : previous.toArray()) {
				if (roi.getProperty(RoiPrompts.OWN_ROI_PROPERTY) == null) overlay.add(roi);
			}
		}
		final LUT lut = labels.getProcessor().getLut();
		final ThresholdToSelection outline = new ThresholdToSelection();
		for (int t = 1; t <= labels.getNFrames(); t++) {
			for (int z = 1; z <= labels.getNSlices(); z++) {
				final ImageProcessor ip = labels.getStack().getProcessor(labels.getStackIndex(1, z, t)).duplicate();
				final int[] present = presentLabels(ip, maxLabel);
				for (final int label : present) {
					ip.setThreshold(label, label, ImageProcessor.NO_LUT_UPDATE);
					final Roi roi = outline.convert(ip);
					if (roi == null) continue;
					roi.setStrokeColor(LabelLut.colour(lut, label, maxLabel));
					roi.setName("label " + label);
					roi.setProperty(RoiPrompts.OWN_ROI_PROPERTY, "outline");
					if (input.isHyperStack()) roi.setPosition(0, z, t);
					else if (input.getStackSize() > 1) roi.setPosition(input.getStackIndex(1, z, t));
					overlay.add(roi);
				}
			}
		}
		input.setOverlay(overlay);
	}

	private static int[] presentLabels(final ImageProcessor ip, final int maxLabel) {
		final boolean[] seen = new boolean[maxLabel + 1];
		for (int i = 0; i < ip.getPixelCount(); i++) {
			final int v = (int) ip.getf(i);
			if (v > 0 && v <= maxLabel) seen[v] = true;
		}
		return java.util.stream.IntStream.rangeClosed(1, maxLabel).filter(l -> seen[l]).toArray();
	}
}
