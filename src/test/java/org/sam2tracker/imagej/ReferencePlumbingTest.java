package org.sam2tracker.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.PointRoi;
import ij.gui.Roi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sam2tracker.testing.Npy;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.MaskPostprocessing;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PointMode;
import org.sam2tracker.run.TrackingListener;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.run.FrameRange;
import org.sam2tracker.testing.CellsClip;

/**
 * The whole path from ROIs on an ImagePlus to the label image, on the SAM 2.1 fixture bundle, gives the masks
 * that transformers' Sam2Video made for the same prompts (test-data/reference).
 */
class ReferencePlumbingTest {

	private static final MaskPostprocessing AS_REFERENCE = new MaskPostprocessing(false, 0);

	@Test
	void oneClickOnAnRgbStack() throws Exception {
		final ImagePlus bedroom = bedroom();
		final PointRoi click = new PointRoi(176, 108);
		click.setPosition(1);
		final TrackingResult result = run(bedroom, PointMode.EACH, List.of(click), 0);
		final Path scenario = TestData.ROOT.resolve("reference/01-one-click");
		assertMatchesReference(result.labels(), scenario, 1, 1, 1);
	}

	@Test
	void negativeClickBoxAndBoxWithClickThroughGroupedRois() throws Exception {
		final ImagePlus cells = CellsClip.open("cells-8bit.tif");
		final PointRoi object1 = new PointRoi(147.2, 141.8);
		object1.setCounter(1); // counter 1 of the multi-point tool: a background click
		object1.addPoint(97.3, 139.1);
		// The first point went into counter 0 before the counter changed; make the order explicit.
		object1.setCounters(new int[] { 0, 1 });
		object1.setPosition(0, 0, 1);
		final Roi object2 = new Roi(80, 124, 35, 30);
		object2.setPosition(0, 0, 1);
		final Roi object3Box = new Roi(126, 73, 28, 29);
		object3Box.setGroup(3);
		object3Box.setPosition(0, 0, 1);
		final PointRoi object3Click = new PointRoi(140.4, 87.6);
		object3Click.setGroup(3);
		object3Click.setPosition(0, 0, 1);
		final TrackingResult result = run(cells, PointMode.ROI, List.of(object1, object2, object3Box, object3Click),
			12);
		assertMatchesReference(result.labels(), TestData.ROOT.resolve("reference/02-three-objects"), 3, 3, 3);
	}

	private static TrackingResult run(final ImagePlus imp, final PointMode mode, final List<Roi> rois, final int last)
		throws Exception
	{
		final List<RoiPrompts.NamedRoi> named = rois.stream().map(r -> new RoiPrompts.NamedRoi(r, "roi")).toList();
		final int end = last == 0 ? TrackingAxis.of(imp).length() : last;
		final List<ObjectPrompt> prompts = new RoiPrompts(imp, mode, new FrameRange(1, end)).read(named);
		final TrackingOptions options = TrackingOptions.builder(TestData.REFERENCE_BUNDLE).direction(
			Direction.FORWARD).postprocessing(AS_REFERENCE).range(1, end).build();
		return new TrackingJob(imp, options, prompts).run(TrackingListener.NONE, () -> false);
	}

	/** Each object's label against the reference's final masks of the propagation step, frame by frame. */
	private static void assertMatchesReference(final ImagePlus labels, final Path scenario, final int step,
		final int objects, final int expectedObjects) throws IOException
	{
		final Npy frames = Npy.read(scenario.resolve("step" + step + "-frames.npy"));
		final Npy masks = Npy.read(scenario.resolve("step" + step + "-masks.npy.gz"));
		assertEquals(expectedObjects, masks.shape()[1]);
		final int h = (int) masks.shape()[2];
		final int w = (int) masks.shape()[3];
		final int[] all = masks.ints();
		final int[] frameOf = frames.ints();
		double worst = 1;
		for (int e = 0; e < frameOf.length; e++) {
			final int[] ours = CellsClip.plane(labels, frameOf[e] + 1);
			for (int o = 0; o < objects; o++) {
				long inter = 0, union = 0, other = 0;
				for (int p = 0; p < w * h; p++) {
					final boolean theirs = all[(e * objects + o) * w * h + p] != 0;
					final boolean mine = ours[p] == o + 1;
					if (theirs && mine) inter++;
					if (theirs || mine) union++;
					// A later object covers an earlier one where masks overlap: those pixels are not a mismatch.
					if (theirs && !mine && ours[p] > o + 1) other++;
				}
				final double iou = union == 0 ? 1 : (double) (inter + other) / union;
				worst = Math.min(worst, iou);
			}
		}
		assertTrue(frameOf.length >= 8, "frames compared: " + frameOf.length);
		assertTrue(worst >= 0.995, "smallest IoU with the reference " + worst);
	}

	private static ImagePlus bedroom() {
		ImageStack stack = null;
		for (int t = 0; t < 8; t++) {
			final ImagePlus frame = IJ.openImage(TestData.ROOT.resolve(String.format("clips/bedroom/%05d.png", t))
				.toString());
			if (stack == null) stack = new ImageStack(frame.getWidth(), frame.getHeight());
			stack.addSlice(frame.getProcessor().convertToColorProcessor());
		}
		final ImagePlus imp = new ImagePlus("bedroom", stack);
		imp.setDimensions(1, 1, 8);
		return imp;
	}
}
