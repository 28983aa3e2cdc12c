package org.sam2tracker.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.PointRoi;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.StackConverter;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sam2tracker.results.Spot;
import org.sam2tracker.results.Track;
import org.sam2tracker.testing.CellsClip;
import org.sam2tracker.testing.CellsTracking;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.track.Direction;
import org.sam2tracker.run.IntensityMapping;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PointMode;
import org.sam2tracker.run.TrackingListener;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.run.FrameRange;
import org.sam2tracker.run.RunParameters;

/** Every kind of image a user may run on: bit depths, RGB, channels, Z and T, virtual stacks, ranges. */
class InputTypesTest {

	private static final TrackingOptions FORWARD = TrackingOptions.builder(TestData.TOY_BUNDLE).direction(
		Direction.FORWARD).build();
	private static ImagePlus sixteen;
	private static TrackingResult sixteenResult;

	@BeforeAll
	static void trackTheSixteenBitClip() throws Exception {
		sixteen = CellsClip.open("cells-16bit.tif");
		sixteenResult = CellsTracking.run(sixteen, FORWARD, 1, 3);
	}

	@Test
	void thirtyTwoBitFollowsTheSameCells() throws Exception {
		final ImagePlus imp = sixteen.duplicate();
		new StackConverter(imp).convertToGray32();
		assertEquals(32, imp.getBitDepth());
		final TrackingResult result = CellsTracking.run(imp, FORWARD, 1, 3);
		assertSimilar(sixteenResult.labels(), result.labels(), 0.97);
	}

	@Test
	void rgbOfGreyIsTrackedLikeTheGrey() throws Exception {
		final ImagePlus grey = CellsClip.open("cells-8bit.tif");
		final ImagePlus rgb = grey.duplicate();
		new StackConverter(rgb).convertToRGB();
		assertEquals(24, rgb.getBitDepth());
		CellsTracking.assertSameLabels(CellsTracking.run(grey, FORWARD, 1, 3).labels(), CellsTracking.run(
			rgb, FORWARD, 1, 3).labels());
	}

	@Test
	void aChosenChannelOfACompositeIsTrackedAlone() throws Exception {
		final CompositeImage two = twoChannels();
		final TrackingResult first = CellsTracking.run(two, FORWARD.toBuilder().channel(1).build(), 1, 3);
		CellsTracking.assertSameLabels(sixteenResult.labels(), first.labels());
		assertEquals(1, first.labels().getNChannels());
		// The second channel is dark: nothing bright to follow there.
		final TrackingResult second = CellsTracking.run(two, FORWARD.toBuilder().channel(2).build(), 1, 3);
		assertTrue(second.spots().stream().allMatch(s -> s.frame() == 1) || second.spots().isEmpty());
	}

	@Test
	void mergedChannelsUseTheirDisplayColours() throws Exception {
		// Channel 2 is dark, both LUTs grey: the merge is channel 1 in grey, so the labels are those of channel 1.
		final TrackingResult merged = CellsTracking.run(twoChannels(), FORWARD.toBuilder().channel(RunParameters.MERGE_CHANNELS).build(),
			1, 3);
		CellsTracking.assertSameLabels(sixteenResult.labels(), merged.labels());
		// Measured on the merged colours (8-bit), not the raw 16-bit values.
		assertTrue(merged.spots().stream().allMatch(s -> s.meanIntensity() <= 255));
	}

	@Test
	void aTimeLapseWithSlicesIsFollowedInEachPromptedSlice() throws Exception {
		// Slice 1 is the clip, slice 2 the clip mirrored left to right; cell 3 is clicked in both.
		final ImageStack stack = new ImageStack(sixteen.getWidth(), sixteen.getHeight());
		for (int t = 1; t <= CellsClip.FRAMES; t++) {
			final ImageProcessor ip = sixteen.getStack().getProcessor(t);
			stack.addSlice(ip.duplicate());
			final ImageProcessor mirrored = ip.duplicate();
			mirrored.flipHorizontal();
			stack.addSlice(mirrored);
		}
		final ImagePlus zt = new ImagePlus("zt", stack);
		zt.setDimensions(1, 2, CellsClip.FRAMES);
		zt.setOpenAsHyperStack(true);
		final float[] c = CellsClip.centroid(1, 3);
		final PointRoi inSlice1 = new PointRoi(c[0], c[1]);
		inSlice1.setPosition(0, 1, 1);
		final PointRoi inSlice2 = new PointRoi(zt.getWidth() - 1 - c[0], c[1]);
		inSlice2.setPosition(0, 2, 1);
		final List<ObjectPrompt> prompts = new RoiPrompts(zt, PointMode.EACH, new FrameRange(1, CellsClip.FRAMES)).read(List.of(
			new RoiPrompts.NamedRoi(inSlice1, "a"), new RoiPrompts.NamedRoi(inSlice2, "b")));
		final TrackingResult result = new TrackingJob(zt, FORWARD, prompts).run(TrackingListener.NONE, () -> false);
		final ImagePlus labels = result.labels();
		assertEquals(2, labels.getNSlices());
		assertEquals(CellsClip.FRAMES, labels.getNFrames());
		for (final int t : new int[] { 1, 16, 32 }) {
			final int[] plain = CellsClip.plane(sixteenResult.labels(), t);
			final int[] slice1 = CellsClip.plane(labels, labels.getStackIndex(1, 1, t));
			final int[] slice2 = CellsClip.plane(labels, labels.getStackIndex(1, 2, t));
			assertTrue(CellsClip.iou(slice1, 1, plain, 2) > 0.97, "slice 1, frame " + t);
			assertTrue(CellsClip.iou(mirror(slice2, zt.getWidth()), 2, plain, 2) > 0.97, "slice 2, frame " + t);
			assertEquals(0, CellsTracking.count(slice1, 2), "each object stays in its slice");
		}
		assertTrue(result.spots().stream().filter(s -> s.label() == 2).allMatch(s -> s.slice() == 2));
	}

	@Test
	void aZStackIsFollowedAlongZ() throws Exception {
		final ImagePlus z = sixteen.duplicate();
		z.setDimensions(1, CellsClip.FRAMES, 1);
		z.getCalibration().pixelDepth = 0.5;
		assertTrue(TrackingAxis.of(z).alongZ());
		final float[] c = CellsClip.centroid(1, 3);
		final PointRoi click = new PointRoi(c[0], c[1]);
		click.setPosition(1);
		final List<ObjectPrompt> prompts = new RoiPrompts(z, PointMode.EACH, new FrameRange(1, CellsClip.FRAMES)).read(List.of(
			new RoiPrompts.NamedRoi(click, "click")));
		final TrackingResult result = new TrackingJob(z, FORWARD, prompts).run(TrackingListener.NONE, () -> false);
		assertEquals(CellsClip.FRAMES, result.labels().getNSlices());
		assertEquals(1, result.labels().getNFrames());
		for (int s = 1; s <= CellsClip.FRAMES; s++) {
			assertTrue(CellsClip.iou(CellsClip.plane(result.labels(), s), 1, CellsClip.plane(sixteenResult.labels(), s),
				2) > 0.97, "slice " + s);
		}
		assertTrue(result.spots().stream().allMatch(s -> s.frame() == 1));
		final Track track = result.tracks().get(0);
		assertEquals(1, track.firstFrame());
		assertEquals(CellsClip.FRAMES, track.lastFrame());
		assertTrue(Double.isNaN(track.meanSpeed()), "a z-stack has no speed");
		assertTrue(track.pathLength() >= (CellsClip.FRAMES - 1) * 0.5, "the path runs through Z");
	}

	@Test
	void aVirtualStackGivesWhatTheLoadedStackGives() throws Exception {
		final ImagePlus virtual = IJ.openVirtual(TestData.ROOT.resolve("clips/cells/cells-16bit.tif").toString());
		assertTrue(virtual.getStack().isVirtual());
		CellsTracking.assertSameLabels(sixteenResult.labels(), CellsTracking.run(virtual, FORWARD, 1, 3)
			.labels());
	}

	@Test
	void everyIntensityMappingRuns() throws Exception {
		for (final IntensityMapping mapping : List.of(new IntensityMapping(IntensityMapping.Mode.FRAME, 0.2, 0, 0),
			new IntensityMapping(IntensityMapping.Mode.FIXED, 0, 256, 3011), new IntensityMapping(
				IntensityMapping.Mode.DISPLAY, 0, 0, 0)))
		{
			final ImagePlus imp = sixteen.duplicate();
			imp.setDisplayRange(256, 3011);
			final TrackingResult result = CellsTracking.run(imp, FORWARD.toBuilder().intensity(mapping).build(), 1, 3);
			assertSimilar(sixteenResult.labels(), result.labels(), 0.9);
		}
	}

	@Test
	void aFixedRangeThatHidesTheCellsFindsNothing() throws Exception {
		// Everything below 20000 is black: the cells vanish and so do the masks.
		final TrackingResult result = CellsTracking.run(sixteen, FORWARD.toBuilder().intensity(new IntensityMapping(
			IntensityMapping.Mode.FIXED, 0, 20000, 30000)).build(), 1, 3);
		assertTrue(result.spots().isEmpty());
	}

	@Test
	void aFrameRangeLeavesTheOtherFramesEmpty() throws Exception {
		final List<ObjectPrompt> prompts = new RoiPrompts(sixteen, PointMode.EACH, new FrameRange(5, 20)).read(CellsClip.clicks(5, 3)
			.stream().map(r -> new RoiPrompts.NamedRoi(r, "click")).toList());
		final TrackingResult result = new TrackingJob(sixteen, FORWARD.toBuilder().range(5, 20).build(), prompts).run(
			TrackingListener.NONE, () -> false);
		assertEquals(CellsClip.FRAMES, result.labels().getNFrames());
		for (int t = 1; t <= CellsClip.FRAMES; t++) {
			final long n = CellsTracking.count(CellsClip.plane(result.labels(), t), 1);
			if (t < 5 || t > 20) assertEquals(0, n, "frame " + t);
			else assertTrue(n > 0, "frame " + t);
		}
		assertEquals(16, result.framesTotal());
	}

	@Test
	void backwardAndBothDirectionsReachTheFirstFrame() throws Exception {
		for (final Direction direction : new Direction[] { Direction.BACKWARD, Direction.BOTH }) {
			final List<ObjectPrompt> prompts = new RoiPrompts(sixteen, PointMode.EACH, new FrameRange(1, CellsClip.FRAMES)).read(
				CellsClip.clicks(16, 3).stream().map(r -> new RoiPrompts.NamedRoi(r, "click"))
					.toList());
			final TrackingResult result = new TrackingJob(sixteen, FORWARD.toBuilder().direction(direction).build(), prompts).run(
				TrackingListener.NONE, () -> false);
			final ImagePlus truth = CellsClip.truth();
			for (int t = 1; t <= CellsClip.FRAMES; t++) {
				final boolean covered = direction == Direction.BOTH || t <= 16;
				final double iou = CellsClip.iou(CellsClip.plane(result.labels(), t), 1, CellsClip.truth(truth, t), 3);
				if (covered) assertTrue(iou > 0.9, direction + ", frame " + t + ": " + iou);
				else assertEquals(0, CellsTracking.count(CellsClip.plane(result.labels(), t), 1));
			}
		}
	}

	@Test
	void promptsOnSeveralFramesAreAllUsed() throws Exception {
		// Cell 3 is clicked on frame 1; cell 4, which swims out at frame 8 and back at 25, is clicked on frame 27.
		final ImagePlus truth = CellsClip.truth();
		final List<RoiPrompts.NamedRoi> rois = new java.util.ArrayList<>();
		CellsClip.clicks(1, 3).forEach(r -> rois.add(new RoiPrompts.NamedRoi(r, "cell 3")));
		CellsClip.clicks(27, 4).forEach(r -> rois.add(new RoiPrompts.NamedRoi(r, "cell 4")));
		final List<ObjectPrompt> prompts = new RoiPrompts(sixteen, PointMode.EACH, new FrameRange(1, CellsClip.FRAMES)).read(rois);
		final TrackingResult result = new TrackingJob(sixteen, FORWARD, prompts).run(TrackingListener.NONE,
			() -> false);
		// The later prompt makes frame 27 a conditioning frame. (The toy tracker then follows its most recent
		// tracked frame, so only SAM 2 itself carries the later prompt on through the frames after it.)
		assertTrue(CellsClip.iou(CellsClip.plane(result.labels(), 27), 2, CellsClip.truth(truth, 27), 4) > 0.9);
		for (int t = 1; t <= CellsClip.FRAMES; t++) {
			assertTrue(CellsClip.iou(CellsClip.plane(result.labels(), t), 1, CellsClip.truth(truth, t), 3) > 0.9);
		}
		assertEquals(List.of(1, 27), result.spots().stream().filter(Spot::promptFrame).map(Spot::frame).toList());
	}

	@Test
	void aCancelledRunKeepsTheFramesDone() throws Exception {
		final int[] seen = { 0 };
		final List<ObjectPrompt> prompts = new RoiPrompts(sixteen, PointMode.EACH, new FrameRange(1, CellsClip.FRAMES)).read(
			CellsClip.clicks(1, 3).stream().map(r -> new RoiPrompts.NamedRoi(r, "click")).toList());
		final TrackingListener counter = new TrackingListener() {

			@Override
			public void frameDone(final int done, final int total) {
				seen[0] = done;
			}
		};
		final TrackingResult result = new TrackingJob(sixteen, FORWARD, prompts).run(counter, () -> seen[0] >= 10);
		assertEquals(false, result.complete());
		assertEquals(10, result.framesDone());
		assertEquals(CellsClip.FRAMES, result.framesTotal());
		for (int t = 1; t <= CellsClip.FRAMES; t++) {
			final long n = CellsTracking.count(CellsClip.plane(result.labels(), t), 1);
			if (t <= 10) assertTrue(n > 0, "frame " + t + " was done");
			else assertEquals(0, n, "frame " + t + " was not");
		}
		assertEquals(10, result.spots().size());
		assertTrue(String.valueOf(result.labels().getProperty("Info")).contains("cancelled after 10 of 32"));
	}

	private static CompositeImage twoChannels() {
		final ImageStack stack = new ImageStack(sixteen.getWidth(), sixteen.getHeight());
		for (int t = 1; t <= CellsClip.FRAMES; t++) {
			stack.addSlice(sixteen.getStack().getProcessor(t).duplicate());
			stack.addSlice(sixteen.getStack().getProcessor(t).createProcessor(sixteen.getWidth(), sixteen.getHeight()));
		}
		final ImagePlus imp = new ImagePlus("two", stack);
		imp.setDimensions(2, 1, CellsClip.FRAMES);
		final CompositeImage composite = new CompositeImage(imp, IJ.COMPOSITE);
		composite.setChannelLut(LUT.createLutFromColor(java.awt.Color.WHITE), 1);
		composite.setChannelLut(LUT.createLutFromColor(java.awt.Color.WHITE), 2);
		return composite;
	}

	private static int[] mirror(final int[] plane, final int width) {
		final int[] out = new int[plane.length];
		for (int p = 0; p < plane.length; p++) out[p] = plane[(p / width) * width + width - 1 - p % width];
		return out;
	}

	private static void assertSimilar(final ImagePlus a, final ImagePlus b, final double minIou) {
		for (int t = 1; t <= a.getStackSize(); t++) {
			final int[] x = CellsClip.plane(a, t);
			final int[] y = CellsClip.plane(b, t);
			for (int label = 1; label <= 2; label++) {
				assertTrue(CellsClip.iou(x, label, y, label) >= minIou, "label " + label + " on plane " + t);
			}
		}
		assertArrayEquals(new int[] { a.getNChannels(), a.getNSlices(), a.getNFrames() }, new int[] { b
			.getNChannels(), b.getNSlices(), b.getNFrames() });
	}
}
