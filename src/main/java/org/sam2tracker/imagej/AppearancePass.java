package org.sam2tracker.imagej;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import org.sam2tracker.run.LaterSeeds;
import org.sam2tracker.run.PromptKey;
import org.sam2tracker.run.TrackingListener;

/**
 * Cells that appear: after a forward run, the labels a seed stack gives on later positions are looked at in order;
 * one that lies for at most {@code maxShare} of its pixels on tracked objects becomes a new
 * object there, prompted with its outline and tracked forward on its own (its pixels taken only where no other
 * object is); any other label is an object already tracked and is left to its track.
 */
final class AppearancePass {

	private final PlanePass pass;
	private final double maxShare;

	AppearancePass(final PlanePass pass, final double maxShare) {
		this.pass = pass;
		this.maxShare = maxShare;
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
			if (!pass.range().contains(position) || cancelled.getAsBoolean()) continue;
			final int[] tracked = pass.labels().labels(position, pass.plane());
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
				final int object = pass.labels().maxLabel() + 1;
				if (!pass.labels().grow(object)) {
					listener.log("A cell appears on " + position + ", but it would need a label beyond 65535: not followed.");
					continue;
				}
				final boolean[] mask = new boolean[tracked.length];
				for (int p = 0; p < mask.length; p++) mask[p] = seed.getValue()[p] == c.getKey();
				listener.log("A cell appears on frame " + position + " (label " + c.getKey() + " of the seeds): object " +
					object + ".");
				pass.paint(pass.track(position, Map.of(object, mask), scores, prompted, cancelled), scores);
				starts.put(object, position);
				for (int q = position; q <= pass.range().last(); q++) changed.add(q);
			}
		}
		return changed;
	}
}
