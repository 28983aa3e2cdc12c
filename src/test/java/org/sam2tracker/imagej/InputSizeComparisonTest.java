package org.sam2tracker.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.FrameRange;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PointMode;
import org.sam2tracker.run.PromptSet;
import org.sam2tracker.run.TrackingListener;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.testing.CellsClip;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.track.Direction;

/**
 * The input size comparison on the cells clip with the checkpoint fixture (own size 256, graphs for 128): both
 * runs are real, and the masks it compares are those an ordinary run at each size gives.
 */
class InputSizeComparisonTest {

	private static final TrackingListener QUIET = new TrackingListener() {};

	@Test
	void comparesEachObjectOnEachFrameWithWhatOrdinaryRunsGive() throws Exception {
		final ImagePlus imp = CellsClip.open("cells-8bit.tif");
		final PromptSet prompts = PromptSet.of(clicks(imp, 1, 3));
		final TrackingOptions options = TrackingOptions.builder(TestData.CHECKPOINT_BUNDLE).inputSize(128).build();
		final InputSizeComparison.Outcome outcome = new InputSizeComparison(imp, options, prompts, 4).run(QUIET,
			() -> false);
		assertEquals(256, outcome.ownSize());
		assertEquals(128, outcome.inputSize());
		assertEquals(new FrameRange(1, 4), outcome.range());
		assertTrue(outcome.secondsOwn() > 0 && outcome.secondsSized() > 0);
		final Map<String, Long> own = areas(imp, options.toBuilder().inputSize(0), prompts);
		final Map<String, Long> sized = areas(imp, options.toBuilder(), prompts);
		for (final InputSizeComparison.Agreement a : outcome.agreements()) {
			final String key = a.objectId() + "@" + a.position();
			assertEquals(own.getOrDefault(key, 0L), a.pixelsOwn(), key);
			assertEquals(sized.getOrDefault(key, 0L), a.pixelsSized(), key);
			assertTrue(a.iou() >= 0 && a.iou() <= 1, key);
		}
		assertEquals(own.size(), outcome.agreements().stream().filter(a -> a.pixelsOwn() > 0).count());
		assertEquals(sized.size(), outcome.agreements().stream().filter(a -> a.pixelsSized() > 0).count());
		assertTrue(outcome.lines().get(0).startsWith("Input size 128 against the model's 256 on frames 1-4"),
			outcome.lines().get(0));
		assertEquals(outcome.agreements().size(), outcome.table().rows().size());
	}

	@Test
	void agreementIsIntersectionOverUnionPerObjectAndFrame() {
		final ImagePlus a = labels(new int[][] { { 1, 1, 1, 1, 2, 0 }, { 0, 0, 0, 0, 0, 0 } });
		final ImagePlus b = labels(new int[][] { { 0, 0, 1, 1, 1, 1 }, { 0, 0, 0, 0, 0, 3 } });
		final List<InputSizeComparison.Agreement> found = InputSizeComparison.agreements(TrackingAxis.of(a),
			new FrameRange(1, 2), a, b);
		assertEquals(List.of(new InputSizeComparison.Agreement(1, 1, 1, 2.0 / 6, 4, 4), new InputSizeComparison
			.Agreement(1, 1, 2, 0, 1, 0), new InputSizeComparison.Agreement(2, 1, 3, 0, 0, 1)), found);
	}

	@Test
	void refusesToCompareTheModelsOwnSizeBeforeAnyWork() {
		final ImagePlus imp = CellsClip.open("cells-8bit.tif");
		final TrackingOptions options = TrackingOptions.builder(TestData.CHECKPOINT_BUNDLE).build();
		final BadInputException e = assertThrows(BadInputException.class, () -> new InputSizeComparison(imp, options,
			PromptSet.of(clicks(imp, 1)), 4).check());
		assertTrue(e.getMessage().contains("choose an input size other than the model's own"), e.getMessage());
	}

	private static List<ObjectPrompt> clicks(final ImagePlus imp, final int... cells) throws Exception {
		final List<RoiPrompts.NamedRoi> rois = new ArrayList<>();
		for (final Roi roi : CellsClip.clicks(1, cells)) rois.add(new RoiPrompts.NamedRoi(roi, roi.getName()));
		return new RoiPrompts(imp, PointMode.EACH, new FrameRange(1, TrackingAxis.of(imp).length())).read(rois);
	}

	/** Pixels per object and frame of an ordinary forward run over frames 1 to 4. */
	private static Map<String, Long> areas(final ImagePlus imp, final TrackingOptions.Builder options,
		final PromptSet prompts) throws Exception
	{
		final TrackingResult r = new TrackingJob(imp, options.range(1, 4).direction(Direction.FORWARD).build(),
			prompts).run(QUIET, () -> false);
		final Map<String, Long> areas = new TreeMap<>();
		for (int t = 1; t <= 4; t++) {
			final short[] pixels = (short[]) r.labels().getStack().getPixels(TrackingAxis.of(r.labels()).stackIndex(1,
				t, 1));
			for (final short p : pixels) if (p != 0) areas.merge(p + "@" + t, 1L, Long::sum);
		}
		return areas;
	}

	/** A 16-bit label time-lapse of one row per frame. */
	private static ImagePlus labels(final int[][] frames) {
		final ImagePlus imp = IJ.createImage("labels", "16-bit black", frames[0].length, 1, frames.length);
		for (int t = 0; t < frames.length; t++) {
			final short[] pixels = (short[]) imp.getStack().getPixels(t + 1);
			for (int x = 0; x < frames[t].length; x++) pixels[x] = (short) frames[t][x];
		}
		imp.setDimensions(1, 1, frames.length);
		return imp;
	}
}
