package org.sam2tracker.track;

import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** One object's inputs and kept outputs. */
final class TrackedObject {

	final int id;
	/** Outputs of conditioning frames, in the order they were made. */
	final LinkedHashMap<Integer, StoredOutput> conditioning = new LinkedHashMap<>();
	/** Outputs of tracked frames that later frames may still use. */
	final Map<Integer, StoredOutput> tracked = new HashMap<>();
	/** Frames this object has been tracked on (not conditioning frames). */
	final BitSet trackedFrames = new BitSet();
	/** Clicks per frame, in model pixels: coordinates and labels (boxes as corners labelled 2 and 3 first). */
	final Map<Integer, float[]> pointCoords = new HashMap<>();
	final Map<Integer, int[]> pointLabels = new HashMap<>();
	/** Mask prompts per frame, binary, at model resolution. */
	final Map<Integer, float[]> masks = new HashMap<>();

	TrackedObject(final int id) {
		this.id = id;
	}

	/**
	 * A copy that shares the kept outputs: an output is never changed once its frame has run, so sharing it is
	 * as good as copying it, and an undo costs no memory beyond the maps.
	 */
	TrackedObject copy() {
		final TrackedObject copy = new TrackedObject(id);
		copy.conditioning.putAll(conditioning);
		copy.tracked.putAll(tracked);
		copy.trackedFrames.or(trackedFrames);
		copy.pointCoords.putAll(pointCoords);
		copy.pointLabels.putAll(pointLabels);
		copy.masks.putAll(masks);
		return copy;
	}
}
