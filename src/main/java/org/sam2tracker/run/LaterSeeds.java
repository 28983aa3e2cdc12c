package org.sam2tracker.run;

import java.util.Map;
import java.util.TreeMap;

/**
 * The labels a seed stack gives on positions after its first labelled one (1-based position to the plane's labels,
 * flat): cells that enter or appear later. A label there whose pixels lie for at most {@link #MAX_SHARE_ON_TRACKS}
 * on tracked objects becomes a new object from that position on; any other is taken to be an object already
 * tracked, and left to its track.
 */
public record LaterSeeds(Map<Integer, int[]> labels) {

	public static final LaterSeeds NONE = new LaterSeeds(Map.of());

	public LaterSeeds {
		labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
	}

	public boolean isEmpty() {
		return labels.isEmpty();
	}
}
