package org.sam2tracker.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sam2tracker.results.Spot;
import org.sam2tracker.results.SpotTable;
import org.sam2tracker.results.Table;
import org.sam2tracker.results.Track;
import org.sam2tracker.testing.CellsClip;
import org.sam2tracker.testing.CellsTracking;
import org.sam2tracker.testing.ImageFingerprint;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.track.Direction;
import org.sam2tracker.run.TrackingOptions;

/**
 * The toy blob tracker follows the synthetic cells from clicks on frame 1, end to end through an ImagePlus:
 * the label image matches the ground truth frame by frame, labels stay with their cells, and the tables agree
 * with the label image.
 */
class CellsTrackingTest {

	private static ImagePlus input;
	private static ImagePlus truth;
	private static TrackingResult result;
	private static String inputBefore;

	@BeforeAll
	static void track() throws Exception {
		input = CellsClip.open("cells-16bit.tif");
		truth = CellsClip.truth();
		inputBefore = ImageFingerprint.of(input);
		result = CellsTracking.run(input, TrackingOptions.builder(TestData.TOY_BUNDLE).direction(Direction.FORWARD)
			.build(), 1, 2, 3, 4);
	}

	@Test
	void labelsMatchTheGroundTruthFrameByFrame() {
		for (int t = 1; t <= CellsClip.FRAMES; t++) {
			final int[] got = CellsClip.plane(result.labels(), t);
			final int[] gt = CellsClip.truth(truth, t);
			// Cell 3 drifts alone through the whole clip.
			assertTrue(CellsClip.iou(got, 3, gt, 3) > 0.9, "cell 3 on frame " + t);
			// Cells 1 and 2 are apart until they touch at frame 5; cell 4 until it swims out at frame 8.
			if (t <= 4) {
				assertTrue(CellsClip.iou(got, 1, gt, 1) > 0.9, "cell 1 on frame " + t);
				assertTrue(CellsClip.iou(got, 2, gt, 2) > 0.9, "cell 2 on frame " + t);
			}
			if (t <= 7) assertTrue(CellsClip.iou(got, 4, gt, 4) > 0.9, "cell 4 on frame " + t);
		}
	}

	@Test
	void aCellOutsideTheImageHasNoLabel() {
		for (int t = 10; t <= 24; t++) {
			final int[] gt = CellsClip.truth(truth, t);
			final int[] got = CellsClip.plane(result.labels(), t);
			assertEquals(0, CellsTracking.count(gt, 4), "the truth has cell 4 outside on frame " + t);
			assertEquals(0, CellsTracking.count(got, 4), "label 4 on frame " + t);
			assertTrue(result.spots().stream().noneMatch(s -> s.label() == 4 && s.frame() == 10));
		}
	}

	@Test
	void theLabelImageHasTheInputsLayoutCalibrationAndLut() {
		final ImagePlus labels = result.labels();
		assertEquals(16, labels.getBitDepth());
		assertEquals(input.getWidth(), labels.getWidth());
		assertEquals(input.getHeight(), labels.getHeight());
		assertEquals(1, labels.getNChannels());
		assertEquals(input.getNSlices(), labels.getNSlices());
		assertEquals(input.getNFrames(), labels.getNFrames());
		assertEquals(0.65, labels.getCalibration().pixelWidth, 1e-9);
		assertEquals("micron", labels.getCalibration().getUnit());
		assertEquals(input.getCalibration().frameInterval, labels.getCalibration().frameInterval, 1e-9);
		assertEquals("cells-16bit-labels", labels.getTitle());
		assertEquals(0, labels.getDisplayRangeMin());
		assertEquals(4, labels.getDisplayRangeMax());
		assertTrue(result.complete());
	}

	@Test
	void theInputIsNotChanged() {
		assertEquals(inputBefore, ImageFingerprint.of(input));
		assertEquals(null, input.getOverlay());
	}

	@Test
	void spotsAgreeWithTheLabelImage() {
		final double pw = input.getCalibration().pixelWidth;
		int checked = 0;
		for (int t = 1; t <= CellsClip.FRAMES; t++) {
			final int[] labels = CellsClip.plane(result.labels(), t);
			for (int label = 1; label <= 4; label++) {
				final int l = label;
				final int frame = t;
				final long pixels = CellsTracking.count(labels, label);
				final Spot spot = result.spots().stream().filter(s -> s.label() == l && s.frame() == frame).findFirst()
					.orElse(null);
				if (pixels == 0) {
					assertEquals(null, spot, "no spot where label " + label + " has no pixel on frame " + t);
					continue;
				}
				assertEquals(pixels, spot.areaPixels());
				final double[] c = centroid(labels, label, input.getWidth());
				assertEquals(c[0], spot.xPixels(), 1e-9);
				assertEquals(c[1], spot.yPixels(), 1e-9);
				assertEquals(t == 1, spot.promptFrame());
				assertTrue(spot.score() > 0, "a visible object has a positive score");
				checked++;
			}
		}
		assertTrue(checked > 60);
		final Table table = result.spotTable();
		for (int row = 0; row < table.rows().size(); row++) {
			assertEquals(table.value(row, SpotTable.AREA_PIXELS) * pw * pw, table.value(row, SpotTable.AREA), 1e-9);
			assertEquals(table.value(row, SpotTable.X_PIXELS) * pw, table.value(row, SpotTable.X), 1e-9);
		}
	}

	@Test
	void meanIntensityIsThatOfTheRawPixels() {
		final Spot spot = result.spots().stream().filter(s -> s.label() == 3 && s.frame() == 5).findFirst()
			.orElseThrow();
		final int[] labels = CellsClip.plane(result.labels(), 5);
		final var ip = input.getStack().getProcessor(5);
		double sum = 0;
		for (int p = 0; p < labels.length; p++) if (labels[p] == 3) sum += ip.getf(p);
		assertEquals(sum / spot.areaPixels(), spot.meanIntensity(), 1e-6);
		assertTrue(spot.meanIntensity() > 1000, "cells are bright in the 16-bit data");
	}

	@Test
	void tracksSumUpTheSpots() {
		final List<Track> tracks = result.tracks();
		assertEquals(4, tracks.size());
		final Track cell3 = tracks.get(2);
		assertEquals(3, cell3.label());
		assertEquals(1, cell3.firstFrame());
		assertEquals(32, cell3.lastFrame());
		assertEquals(32, cell3.framesPresent());
		assertEquals(0, cell3.gaps());
		final List<Spot> spots = result.spots().stream().filter(s -> s.label() == 3).toList();
		double path = 0;
		final double pw = input.getCalibration().pixelWidth;
		for (int i = 1; i < spots.size(); i++) {
			path += Math.hypot(spots.get(i).xPixels() - spots.get(i - 1).xPixels(), spots.get(i).yPixels() - spots.get(
				i - 1).yPixels()) * pw;
		}
		assertEquals(path, cell3.pathLength(), 1e-9);
		assertEquals(path / (31 * input.getCalibration().frameInterval), cell3.meanSpeed(), 1e-9);
		// Cell 4 swims out: its track ends on the last frame where its label shows.
		final Track cell4 = tracks.get(3);
		int shown = 0, lastShown = 0;
		for (int t = 1; t <= CellsClip.FRAMES; t++) {
			if (CellsTracking.count(CellsClip.plane(result.labels(), t), 4) > 0) {
				shown++;
				lastShown = t;
			}
		}
		assertTrue(lastShown >= 7 && lastShown < 10);
		assertEquals(shown, cell4.framesPresent());
		assertEquals(lastShown, cell4.lastFrame());
	}

	@Test
	void theEightBitCopyGivesTheSameLabels() throws Exception {
		// cells-8bit.tif is the 16-bit clip stretched over the series' 0.1-99.9 percentiles: the default mapping.
		final TrackingResult eight = CellsTracking.run(CellsClip.open("cells-8bit.tif"), TrackingOptions.builder(
			TestData.TOY_BUNDLE).direction(Direction.FORWARD).build(), 1, 2, 3, 4);
		for (int t = 1; t <= CellsClip.FRAMES; t++) {
			final int[] a = CellsClip.plane(eight.labels(), t);
			final int[] b = CellsClip.plane(result.labels(), t);
			for (int label = 1; label <= 4; label++) {
				assertTrue(CellsClip.iou(a, label, b, label) > 0.97, "label " + label + " on frame " + t);
			}
		}
	}

	static double[] centroid(final int[] labels, final int label, final int width) {
		double sx = 0, sy = 0;
		long n = 0;
		for (int p = 0; p < labels.length; p++) {
			if (labels[p] != label) continue;
			sx += p % width + 0.5;
			sy += p / width + 0.5;
			n++;
		}
		return new double[] { sx / n, sy / n };
	}
}
