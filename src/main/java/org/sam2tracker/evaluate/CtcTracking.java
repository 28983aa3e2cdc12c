package org.sam2tracker.evaluate;

import java.util.List;
import java.util.Map;

/**
 * A tracking in the Cell Tracking Challenge's terms: one label image per time point (flat, all of one size; 0 is
 * background) and the track table of {@code res_track.txt} or {@code man_track.txt}: each label's first and last
 * time point and its parent (0 for none). A track's label is on every time point from its first to its last.
 */
public record CtcTracking(List<int[]> frames, Map<Integer, Track> tracks) {

	/** One line of the track table: {@code L B E P}. */
	public record Track(int label, int begin, int end, int parent) {}

	public CtcTracking {
		frames = List.copyOf(frames);
		tracks = Map.copyOf(tracks);
		for (final int[] f : frames) {
			if (f.length != frames.get(0).length) throw new IllegalArgumentException("label frames of different sizes");
		}
	}

	public int timePoints() {
		return frames.size();
	}
}
