package org.sam2tracker.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * DET, TRA and SEG on hand-made cases whose scores are worked out by hand from the definitions: a perfect result,
 * a missed detection, divisions without parents, a merge, a false positive, a division taken as one track, a
 * track that jumps to another cell, and Jaccard indices.
 */
class TrackingMeasuresTest {

	/** Frames of 1 x 8 pixels; each frame's objects given as label -> first pixel, 2 pixels wide. */
	private static int[] frame(final int... labelAndStart) {
		final int[] f = new int[8];
		for (int i = 0; i < labelAndStart.length; i += 2) {
			f[labelAndStart[i + 1]] = labelAndStart[i];
			f[labelAndStart[i + 1] + 1] = labelAndStart[i];
		}
		return f;
	}

	private static Map<Integer, CtcTracking.Track> tracks(final int[]... lbep) {
		final Map<Integer, CtcTracking.Track> m = new HashMap<>();
		for (final int[] t : lbep) m.put(t[0], new CtcTracking.Track(t[0], t[1], t[2], t[3]));
		return m;
	}

	/** One cell, label 1 at pixels 0-1, on frames 0 to 2. */
	private static final CtcTracking ONE_CELL = new CtcTracking(List.of(frame(1, 0), frame(1, 0), frame(1, 0)), tracks(
		new int[] { 1, 0, 2, 0 }));

	/** Cell 1 on frames 0-1 divides into 2 (pixels 0-1) and 3 (pixels 4-5) on frames 2-3. */
	private static final CtcTracking DIVISION = new CtcTracking(List.of(frame(1, 0), frame(1, 0), frame(2, 0, 3, 4),
		frame(2, 0, 3, 4)), tracks(new int[] { 1, 0, 1, 0 }, new int[] { 2, 2, 3, 1 }, new int[] { 3, 2, 3, 1 }));

	@Test
	void aPerfectResultScoresOne() {
		final TrackingMeasures.Counts c = TrackingMeasures.compare(DIVISION, DIVISION);
		assertEquals(new TrackingMeasures.Counts(0, 0, 0, 0, 0, 0, 6, 5), c);
		assertEquals(1.0, c.tra());
		assertEquals(1.0, c.det());
	}

	@Test
	void aMissedDetectionCostsTheVertexAndBothItsEdges() {
		// The result finds the cell on frames 0 and 2 only, as two tracks.
		final CtcTracking result = new CtcTracking(List.of(frame(1, 0), frame(), frame(2, 0)), tracks(new int[] { 1, 0, 0,
			0 }, new int[] { 2, 2, 2, 0 }));
		final TrackingMeasures.Counts c = TrackingMeasures.compare(ONE_CELL, result);
		assertEquals(new TrackingMeasures.Counts(0, 1, 0, 0, 2, 0, 3, 2), c);
		assertEquals(1 - 13.0 / 33.0, c.tra(), 1e-12); // AOGM 10 + 2 x 1.5; from nothing 3 x 10 + 2 x 1.5
		assertEquals(1 - 10.0 / 30.0, c.det(), 1e-12);
	}

	@Test
	void daughtersWithoutTheirParentMissTwoEdges() {
		final CtcTracking result = new CtcTracking(DIVISION.frames(), tracks(new int[] { 1, 0, 1, 0 }, new int[] { 2, 2, 3,
			0 }, new int[] { 3, 2, 3, 0 }));
		final TrackingMeasures.Counts c = TrackingMeasures.compare(DIVISION, result);
		assertEquals(new TrackingMeasures.Counts(0, 0, 0, 0, 2, 0, 6, 5), c);
		assertEquals(1 - 3.0 / (60 + 7.5), c.tra(), 1e-12);
		assertEquals(1.0, c.det());
	}

	@Test
	void oneObjectOverTwoCellsNeedsASplitAndAnExtraObjectIsAFalsePositive() {
		final CtcTracking reference = new CtcTracking(List.of(frame(1, 0, 2, 2)), tracks(new int[] { 1, 0, 0, 0 },
			new int[] { 2, 0, 0, 0 }));
		final int[] merged = new int[8];
		for (int p = 0; p < 4; p++) merged[p] = 7;
		merged[6] = 8; // and a stray object elsewhere
		final CtcTracking result = new CtcTracking(List.of(merged), tracks(new int[] { 7, 0, 0, 0 }, new int[] { 8, 0, 0,
			0 }));
		final TrackingMeasures.Counts c = TrackingMeasures.compare(reference, result);
		assertEquals(new TrackingMeasures.Counts(1, 0, 1, 0, 0, 0, 2, 0), c);
		assertEquals(1 - 6.0 / 20.0, c.det(), 1e-12);
	}

	@Test
	void aDivisionFollowedAsOneTrackHasAnEdgeOfTheWrongKind() {
		// Reference: cell 1 on frames 0-1, its only daughter 2 on frames 2-3 (same place).
		final CtcTracking reference = new CtcTracking(List.of(frame(1, 0), frame(1, 0), frame(2, 0), frame(2, 0)),
			tracks(new int[] { 1, 0, 1, 0 }, new int[] { 2, 2, 3, 1 }));
		final CtcTracking result = new CtcTracking(List.of(frame(5, 0), frame(5, 0), frame(5, 0), frame(5, 0)), tracks(
			new int[] { 5, 0, 3, 0 }));
		final TrackingMeasures.Counts c = TrackingMeasures.compare(reference, result);
		assertEquals(new TrackingMeasures.Counts(0, 0, 0, 0, 0, 1, 4, 3), c);
		assertEquals(1 - 1.0 / (40 + 4.5), c.tra(), 1e-12);
	}

	@Test
	void aTrackThatJumpsToAnotherCellHasARedundantAndTwoMissingEdges() {
		// Two cells, 1 at pixels 0-1 and 2 at pixels 4-5, on frames 0-1; the result's track 1 jumps to cell 2.
		final CtcTracking reference = new CtcTracking(List.of(frame(1, 0, 2, 4), frame(1, 0, 2, 4)), tracks(new int[] {
			1, 0, 1, 0 }, new int[] { 2, 0, 1, 0 }));
		final CtcTracking result = new CtcTracking(List.of(frame(1, 0, 2, 4), frame(3, 0, 1, 4)), tracks(new int[] { 1,
			0, 1, 0 }, new int[] { 2, 0, 0, 0 }, new int[] { 3, 1, 1, 0 }));
		final TrackingMeasures.Counts c = TrackingMeasures.compare(reference, result);
		assertEquals(new TrackingMeasures.Counts(0, 0, 0, 1, 2, 0, 4, 2), c);
		assertEquals(1 - 4.0 / (40 + 3), c.tra(), 1e-12);
	}

	@Test
	void segIsTheMeanJaccardIndexOfEachReferenceObjectsMatch() {
		final int[] truth = new int[20];
		for (int p = 0; p < 10; p++) truth[p] = 1; // 10 pixels
		truth[15] = 2;
		truth[16] = 2;
		final int[] result = new int[20];
		for (int p = 4; p < 12; p++) result[p] = 9; // covers 6 of object 1's 10 pixels, 8 pixels in all
		result[16] = 4; // covers 1 of object 2's 2 pixels: not more than half, no match
		final List<int[]> frames = new ArrayList<>(List.of(new int[20], result));
		assertEquals((6.0 / 12.0 + 0) / 2, TrackingMeasures.seg(List.of(truth), List.of(1), frames), 1e-12);
	}
}
