package org.sam2tracker.imagej;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.run.FrameRange;
import org.sam2tracker.run.LaterSeeds;
import org.sam2tracker.run.PromptKey;
import org.sam2tracker.run.TrackingListener;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.FeatureStore;
import org.sam2tracker.track.FrameResult;
import org.sam2tracker.track.MaskPostprocessing;
import org.sam2tracker.track.ObjectResult;
import org.sam2tracker.track.Prompt;
import org.sam2tracker.track.TrackingSession;

/**
 * Cells that appear: after a forward run, the labels a seed stack gives on later positions are looked at in order;
 * one that lies for at most {@code maxShare} of its pixels on tracked objects becomes a new
 * object there, prompted with its outline and tracked forward on its own (its pixels taken only where no other
 * object is); any other label is an object already tracked and is left to its track.
 */
final class AppearancePass {

	private final Sam2Model model;
	private final ImagePlusFrames frames;
	private final int plane;
	private final FrameRange range;
	private final LabelImageBuilder labels;
	private final MaskPostprocessing postprocessing;
	private final FeatureStore store;
	private final double maxShare;

	AppearancePass(final Sam2Model model, final ImagePlusFrames frames, final int plane, final FrameRange range,
		final LabelImageBuilder labels, final MaskPostprocessing postprocessing, final FeatureStore store,
		final double maxShare)
	{
		this.maxShare = maxShare;
		this.model = model;
		this.frames = frames;
		this.plane = plane;
		this.range = range;
		this.labels = labels;
		this.postprocessing = postprocessing;
		this.store = store;
	}

	/**
	 * @param starts filled with each new object's first position
	 * @return the positions whose labels changed
	 */
	Set<Integer> follow(final LaterSeeds seeds, final Map<Integer, Integer> starts,
		final Map<Integer, Map<Integer, Double>> scores, final Set<PromptKey> prompted, final TrackingListener listener,
		final BooleanSupplier cancelled)
	{
		final Set<Integer> changed = new TreeSet<>();
		for (final Map.Entry<Integer, int[]> seed : seeds.labels().entrySet()) {
			final int position = seed.getKey();
			if (!range.contains(position) || cancelled.getAsBoolean()) continue;
			final int[] tracked = labels.labels(position, plane);
			final Map<Integer, int[]> counts = new TreeMap<>(); // label -> {size, on tracks}
			for (int p = 0; p < tracked.length; p++) {
				final int v = seed.getValue()[p];
				if (v == 0) continue;
				final int[] c = counts.computeIfAbsent(v, k -> new int[2]);
				c[0]++;
				if (tracked[p] != 0) c[1]++;
			}
			for (final Map.Entry<Integer, int[]> c : counts.entrySet()) {
				if (c.getValue()[1] > maxShare * c.getValue()[0]) continue;
				final int object = labels.maxLabel() + 1;
				if (!labels.grow(object)) {
					listener.log("A cell appears on " + position + ", but it would need a label beyond 65535: not followed.");
					continue;
				}
				final boolean[] mask = new boolean[tracked.length];
				for (int p = 0; p < mask.length; p++) mask[p] = seed.getValue()[p] == c.getKey();
				listener.log("A cell appears on frame " + position + " (label " + c.getKey() + " of the seeds): object " +
					object + ".");
				final TrackingSession session = new TrackingSession(model, frames, 2, store);
				final int t = position - range.first();
				paint(session.addPrompt(t, object, Prompt.mask(mask)), scores);
				if (position < range.last()) session.propagate(t + 1, Direction.FORWARD, -1, r -> paint(r, scores),
					cancelled);
				prompted.add(new PromptKey(object, position, plane));
				starts.put(object, position);
				for (int q = position; q <= range.last(); q++) changed.add(q);
			}
		}
		return changed;
	}

	private void paint(final FrameResult result, final Map<Integer, Map<Integer, Double>> scores) {
		final int position = frames.position(result.frame());
		final int[] ids = result.objects().stream().mapToInt(ObjectResult::objectId).toArray();
		labels.paint(position, plane, postprocessing.masks(result), ids);
		for (final ObjectResult o : result.objects()) scores.computeIfAbsent(position, k -> new TreeMap<>()).put(o
			.objectId(), (double) o.score());
	}
}
