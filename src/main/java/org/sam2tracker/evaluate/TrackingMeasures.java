package org.sam2tracker.evaluate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * DET, TRA and SEG of a result against a ground truth.
 * <p>
 * Matching, per time point: a reference object is matched to the result object that covers more than half of
 * its pixels (so to at most one). A reference object matched to none is a false negative (FN); a result object
 * matched to none a false positive (FP); a result object matched to k &gt; 1 reference objects needs k - 1
 * splits (NS). Edges are the links of the two graphs: a track's consecutive time points, and a parent's last
 * time point to its daughter's first. A result edge whose two ends are each matched to exactly one reference
 * object is checked against the reference: no such edge there is a redundant edge (ED), an edge of the other
 * kind (a track link where the reference divides, or the reverse) a wrong semantics (EC). A reference edge
 * without a result edge between its two matched ends is a missing edge (EA).
 * <p>
 * AOGM = 5 NS + 10 FN + 1 FP + 1 ED + 1.5 EA + 1 EC; TRA = 1 - min(AOGM, AOGM0) / AOGM0, with AOGM0 = 10 per
 * reference object + 1.5 per reference edge (building the reference from nothing). DET is the same with the
 * vertex terms only. SEG is the mean, over the reference objects of the segmentation truth, of the Jaccard index
 * with the result object matched to each (0 when none).
 */
public final class TrackingMeasures {

	public static final double NS = 5;
	public static final double FN = 10;
	public static final double FP = 1;
	public static final double ED = 1;
	public static final double EA = 1.5;
	public static final double EC = 1;

	/** The operations that make the result the reference, and the reference's size. */
	public record Counts(int ns, int fn, int fp, int ed, int ea, int ec, int referenceVertices, int referenceEdges) {

		public double aogm() {
			return NS * ns + FN * fn + FP * fp + ED * ed + EA * ea + EC * ec;
		}

		public double tra() {
			final double empty = FN * referenceVertices + EA * referenceEdges;
			return empty == 0 ? 1 : 1 - Math.min(aogm(), empty) / empty;
		}

		public double det() {
			final double empty = FN * referenceVertices;
			return empty == 0 ? 1 : 1 - Math.min(NS * ns + FN * fn + FP * fp, empty) / empty;
		}
	}

	private TrackingMeasures() {}

	/** The counts of the result against the reference (the ground truth of tracking, TRA). */
	public static Counts compare(final CtcTracking reference, final CtcTracking result) {
		if (reference.timePoints() != result.timePoints()) {
			throw new IllegalArgumentException("the reference has " + reference.timePoints() + " time points, the " +
				"result " + result.timePoints());
		}
		final List<Level> levels = new ArrayList<>();
		int ns = 0, fn = 0, fp = 0, vertices = 0;
		for (int t = 0; t < reference.timePoints(); t++) {
			final Level level = new Level(reference.frames().get(t), result.frames().get(t));
			levels.add(level);
			vertices += level.referenceMatch.size();
			for (final int r : level.referenceMatch.values()) if (r == 0) fn++;
			for (final Set<Integer> refs : level.resultMatch.values()) {
				if (refs.isEmpty()) fp++;
				else ns += refs.size() - 1;
			}
		}
		int ed = 0, ec = 0;
		for (final CtcTracking.Track track : result.tracks().values()) {
			for (final int[] edge : edges(track, result)) {
				final Set<Integer> from = levels.get(edge[0]).resultRefs(edge[1]);
				final Set<Integer> to = levels.get(edge[2]).resultRefs(edge[3]);
				if (from.size() != 1 || to.size() != 1) continue; // false positives and splits are counted as such
				final int kind = referenceEdge(reference, edge[0], from.iterator().next(), edge[2], to.iterator().next());
				if (kind == NONE) ed++;
				else if (kind != edge[4]) ec++;
			}
		}
		int ea = 0, edges = 0;
		for (final CtcTracking.Track track : reference.tracks().values()) {
			for (final int[] edge : edges(track, reference)) {
				edges++;
				final int from = levels.get(edge[0]).referenceMatch.getOrDefault(edge[1], 0);
				final int to = levels.get(edge[2]).referenceMatch.getOrDefault(edge[3], 0);
				if (!resultEdge(result, levels, edge[0], from, edge[2], to)) ea++;
			}
		}
		return new Counts(ns, fn, fp, ed, ea, ec, vertices, edges);
	}

	/**
	 * SEG: the mean Jaccard index of each reference object (on the time points the segmentation truth covers)
	 * with the result object matched to it, 0 for one matched to none.
	 *
	 * @param timePoints the time points of {@code reference}'s frames in the result
	 */
	public static double seg(final List<int[]> reference, final List<Integer> timePoints, final List<int[]> result) {
		double sum = 0;
		int objects = 0;
		for (int i = 0; i < reference.size(); i++) {
			final Level level = new Level(reference.get(i), result.get(timePoints.get(i)));
			for (final Map.Entry<Integer, Integer> m : level.referenceMatch.entrySet()) {
				objects++;
				if (m.getValue() == 0) continue;
				final long both = level.overlap(m.getKey(), m.getValue());
				sum += (double) both / (level.referenceSize.get(m.getKey()) + level.resultSize.get(m.getValue()) - both);
			}
		}
		return objects == 0 ? 1 : sum / objects;
	}

	private static final int NONE = -1;
	private static final int TRACK_LINK = 0;
	private static final int PARENT_LINK = 1;

	/** A track's edges as {from time, from label, to time, to label, kind}: the parent link first, if any. */
	private static List<int[]> edges(final CtcTracking.Track track, final CtcTracking tracking) {
		final List<int[]> out = new ArrayList<>();
		final CtcTracking.Track parent = tracking.tracks().get(track.parent());
		if (track.parent() > 0 && parent != null) {
			out.add(new int[] { parent.end(), parent.label(), track.begin(), track.label(), PARENT_LINK });
		}
		for (int t = track.begin(); t < track.end(); t++) {
			out.add(new int[] { t, track.label(), t + 1, track.label(), TRACK_LINK });
		}
		return out;
	}

	/** The kind of the reference's edge between two of its objects, or NONE. */
	private static int referenceEdge(final CtcTracking reference, final int t0, final int from, final int t1,
		final int to)
	{
		if (from == 0 || to == 0) return NONE; // an end the result has no object for
		if (from == to) return t0 + 1 == t1 ? TRACK_LINK : NONE;
		final CtcTracking.Track parent = reference.tracks().get(from);
		final CtcTracking.Track child = reference.tracks().get(to);
		if (parent == null || child == null) return NONE;
		return parent.end() == t0 && child.begin() == t1 && child.parent() == from ? PARENT_LINK : NONE;
	}

	/** Whether the result links its objects matched one to one to the two reference objects. */
	private static boolean resultEdge(final CtcTracking result, final List<Level> levels, final int t0,
		final int from, final int t1, final int to)
	{
		if (from == 0 || to == 0) return false;
		if (levels.get(t0).resultRefs(from).size() != 1 || levels.get(t1).resultRefs(to).size() != 1) return false;
		if (from == to) return t0 + 1 == t1;
		final CtcTracking.Track parent = result.tracks().get(from);
		final CtcTracking.Track child = result.tracks().get(to);
		return parent != null && child != null && parent.end() == t0 && child.begin() == t1 && child.parent() == from;
	}

	/** One time point: each reference object's match (0 for none), each result object's matched references. */
	private static final class Level {

		final Map<Integer, Integer> referenceMatch = new HashMap<>();
		final Map<Integer, Set<Integer>> resultMatch = new HashMap<>();
		final Map<Integer, Long> referenceSize = new HashMap<>();
		final Map<Integer, Long> resultSize = new HashMap<>();
		private final Map<Long, Long> overlaps = new HashMap<>();

		Level(final int[] reference, final int[] result) {
			if (reference.length != result.length) throw new IllegalArgumentException("frames of different sizes");
			for (int p = 0; p < reference.length; p++) {
				final int g = reference[p];
				final int r = result[p];
				if (g != 0) referenceSize.merge(g, 1L, Long::sum);
				if (r != 0) resultSize.merge(r, 1L, Long::sum);
				if (g != 0 && r != 0) overlaps.merge(key(g, r), 1L, Long::sum);
			}
			for (final int g : new TreeSet<>(referenceSize.keySet())) referenceMatch.put(g, 0);
			for (final int r : resultSize.keySet()) resultMatch.put(r, new TreeSet<>());
			for (final Map.Entry<Long, Long> o : overlaps.entrySet()) {
				final int g = (int) (o.getKey() >>> 32);
				final int r = (int) (long) o.getKey();
				if (2 * o.getValue() > referenceSize.get(g)) {
					referenceMatch.put(g, r);
					resultMatch.get(r).add(g);
				}
			}
		}

		/** The reference objects a result label is matched to; a label absent here counts as one unmatched end. */
		Set<Integer> resultRefs(final int label) {
			final Set<Integer> refs = resultMatch.get(label);
			return refs != null ? refs : Set.of(0);
		}

		long overlap(final int g, final int r) {
			return overlaps.getOrDefault(key(g, r), 0L);
		}

		private static long key(final int g, final int r) {
			return ((long) g << 32) | (r & 0xffffffffL);
		}
	}
}
