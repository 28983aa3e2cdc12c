package org.sam2tracker.output;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.sam2tracker.results.Lineage;

/**
 * The tracks of a Cell Tracking Challenge result. A CTC track must be present on every time point from its
 * first to its last, so an object that leaves and comes back is cut into segments: the first keeps the object's
 * label, each later one takes a new label after the largest in the image, and names the segment before it as
 * its parent. A daughter's first segment names the last segment of the object it divided from.
 */
final class CtcTracks {

	/**
	 * One line of res_track.txt; {@code source} is the label the segment has in the label image, which the masks
	 * replace by {@code label}. Time points count from 0.
	 */
	record Track(int label, int source, int begin, int end, int parent) {

		String line() {
			return label + " " + begin + " " + end + " " + parent;
		}
	}

	private CtcTracks() {}

	/**
	 * @param presence for each label in the image, the time points where it shows
	 * @param lineage divisions: a daughter's first segment names its parent's last as parent (a parent's label is
	 *        below its daughters', so its segments are known when theirs are made)
	 */
	static List<Track> of(final SortedMap<Integer, BitSet> presence, final Lineage lineage) {
		int next = presence.isEmpty() ? 0 : presence.lastKey();
		final List<Track> tracks = new ArrayList<>();
		final Map<Integer, Integer> lastSegment = new java.util.HashMap<>();
		for (final Map.Entry<Integer, BitSet> e : presence.entrySet()) {
			final int source = e.getKey();
			final BitSet times = e.getValue();
			int previous = lastSegment.getOrDefault(lineage.parent(source), 0);
			for (int begin = times.nextSetBit(0); begin >= 0;) {
				final int end = times.nextClearBit(begin) - 1;
				final int label = !lastSegment.containsKey(source) ? source : ++next;
				tracks.add(new Track(label, source, begin, end, previous));
				lastSegment.put(source, label);
				previous = label;
				begin = times.nextSetBit(end + 1);
			}
		}
		tracks.sort(Comparator.comparingInt(Track::label));
		return tracks;
	}
}
