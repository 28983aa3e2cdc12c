package org.sam2tracker.imagej;

import java.util.Map;
import java.util.TreeMap;

import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.run.FrameRange;
import org.sam2tracker.track.FeatureStore;
import org.sam2tracker.track.FrameResult;
import org.sam2tracker.track.MaskPostprocessing;
import org.sam2tracker.track.ObjectResult;
import org.sam2tracker.track.TrackingSession;

/**
 * What a pass over one plane after the main run works with: the model and the plane's frames, for sessions of new
 * objects, and the label image they are painted into, where no other object is.
 */
record PlanePass(Sam2Model model, ImagePlusFrames frames, int plane, FrameRange range, LabelImageBuilder labels,
	MaskPostprocessing postprocessing, FeatureStore store)
{

	/** A session of new objects on this plane: their own memories, the cached features. */
	TrackingSession session() {
		return new TrackingSession(model, frames, 2, store);
	}

	/** Paints a frame's results where the plane is background, and keeps each object's score there. */
	void paint(final FrameResult result, final Map<Integer, Map<Integer, Double>> scores) {
		final int position = frames.position(result.frame());
		final int[] ids = result.objects().stream().mapToInt(ObjectResult::objectId).toArray();
		labels.paint(position, plane, postprocessing.masks(result), ids);
		for (final ObjectResult o : result.objects()) scores.computeIfAbsent(position, k -> new TreeMap<>()).put(o
			.objectId(), (double) o.score());
	}
}
