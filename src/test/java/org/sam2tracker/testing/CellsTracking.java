package org.sam2tracker.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;
import ij.gui.Roi;

import java.util.ArrayList;
import java.util.List;

import org.sam2tracker.imagej.RoiPrompts;
import org.sam2tracker.imagej.TrackingAxis;
import org.sam2tracker.imagej.TrackingJob;
import org.sam2tracker.imagej.TrackingResult;
import org.sam2tracker.run.FrameRange;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PointMode;
import org.sam2tracker.run.TrackingListener;
import org.sam2tracker.run.TrackingOptions;

/** Tracking runs on the cells clip from clicks on frame 1, and checks on the label images they give. */
public final class CellsTracking {

	private CellsTracking() {}

	/** Tracks the given cells through {@code imp}, each from a click at its centroid on frame 1. */
	public static TrackingResult run(final ImagePlus imp, final TrackingOptions options, final int... cells)
		throws Exception
	{
		return runLogged(imp, options, message -> {}, cells);
	}

	/** The same, handing the run's log lines to {@code log}. */
	public static TrackingResult runLogged(final ImagePlus imp, final TrackingOptions options,
		final java.util.function.Consumer<String> log, final int... cells) throws Exception
	{
		final List<RoiPrompts.NamedRoi> rois = new ArrayList<>();
		for (final Roi roi : CellsClip.clicks(1, cells)) {
			rois.add(new RoiPrompts.NamedRoi(roi, roi.getName()));
		}
		final List<ObjectPrompt> prompts = new RoiPrompts(imp, PointMode.EACH, new FrameRange(1, TrackingAxis.of(imp).length()))
			.read(rois);
		return new TrackingJob(imp, options, prompts).run(new TrackingListener() {

			@Override
			public void log(final String message) {
				log.accept(message);
			}
		}, () -> false);
	}

	/** How many pixels of a plane carry the label. */
	public static long count(final int[] labels, final int label) {
		long n = 0;
		for (final int l : labels) if (l == label) n++;
		return n;
	}

	/** Two label images with the same planes, pixel for pixel. */
	public static void assertSameLabels(final ImagePlus a, final ImagePlus b) {
		assertEquals(a.getStackSize(), b.getStackSize());
		for (int i = 1; i <= a.getStackSize(); i++) {
			assertArrayEquals(CellsClip.plane(a, i), CellsClip.plane(b, i), "plane " + i);
		}
	}
}
