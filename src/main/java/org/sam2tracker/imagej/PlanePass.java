package org.sam2tracker.imagej;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.run.FrameRange;
import org.sam2tracker.run.PromptKey;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.FeatureStore;
import org.sam2tracker.track.FrameResult;
import org.sam2tracker.track.MaskPostprocessing;
import org.sam2tracker.track.ObjectResult;
import org.sam2tracker.track.Prompt;
import org.sam2tracker.track.TrackingSession;

/**
 * What a pass over one plane after the main run works with: the model and the plane's frames, for sessions of new
 * objects, and the label image they are painted into, where no other object is.
 */
record PlanePass(Sam2Model model, ImagePlusFrames frames, int plane, FrameRange range, LabelImageBuilder labels,
	MaskPostprocessing postprocessing, FeatureStore store)
{

	/**
	 * New objects prompted with their masks at a position and tracked forward from the next one, in a session of
	 * their own (their own memories, the cached features), each later frame painted where no object is; the prompts
	 * are added to {@code prompted}. Returns the prompt frame's result, which the caller paints or not.
	 */
	FrameResult track(final int position, final Map<Integer, boolean[]> masks,
		final Map<Integer, Map<Integer, Double>> scores, final Set<PromptKey> prompted, final BooleanSupplier cancelled)
	{
		final TrackingSession session = new TrackingSession(model, frames, 2, store);
		final int t = position - range.first();
		FrameResult here = null;
		for (final Map.Entry<Integer, boolean[]> m : masks.entrySet()) {
			here = session.addPrompt(t, m.getKey(), Prompt.mask(m.getValue()));
			prompted.add(new PromptKey(m.getKey(), position, plane));
		}
		if (position < range.last()) session.propagate(t + 1, Direction.FORWARD, -1, r -> paint(r, scores), cancelled);
		return here;
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
