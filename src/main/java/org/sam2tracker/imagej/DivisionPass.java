package org.sam2tracker.imagej;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import org.sam2tracker.run.PromptKey;
import org.sam2tracker.run.TrackingListener;
import org.sam2tracker.track.DivisionRule;

/**
 * Follows the divisions of a forward run over one plane, after it: each object's masks are looked at frame by
 * frame (by the {@link DivisionRule}); from the first frame of a division the object ends, and its two parts go on
 * as two new objects, its daughters: over the frames that confirmed the division they are the parent's parts, and
 * from the last of those each is prompted with its part as a mask and tracked forward (SAM 2 keeps each object's
 * memory apart, so a daughter's run is what a run prompted there would give it). Daughters are looked at in turn,
 * a cell cycle after their birth, so granddaughters are found too. A daughter takes only pixels no other object
 * holds.
 */
final class DivisionPass {

	/** Generations followed at most, so that a mask that keeps crumbling cannot run on without end. */
	static final int MAX_GENERATIONS = 8;

	private final PlanePass pass;
	private final DivisionRule rule;

	DivisionPass(final PlanePass pass, final DivisionRule rule) {
		this.pass = pass;
		this.rule = rule;
	}

	/** What the pass did: daughter to parent, and the positions whose labels changed. */
	record Outcome(Map<Integer, Integer> parents, SortedSet<Integer> changed) {}

	/**
	 * @param starts each object's first position on this plane (where it was prompted first)
	 * @param scores per position, each object's score there; the daughters' are added
	 * @param prompted the prompted (object, position, plane) keys; the daughters' are added
	 */
	Outcome follow(final Map<Integer, Integer> starts, final Map<Integer, Map<Integer, Double>> scores,
		final Set<PromptKey> prompted, final TrackingListener listener, final BooleanSupplier cancelled)
	{
		final Map<Integer, Integer> parents = new TreeMap<>();
		final SortedSet<Integer> changed = new TreeSet<>();
		final Map<Integer, Integer> generation = new TreeMap<>();
		final ArrayDeque<Integer> queue = new ArrayDeque<>(new TreeSet<>(starts.keySet()));
		int next = pass.labels().maxLabel() + 1;
		final int w = pass.frames().width();
		final int h = pass.frames().height();
		while (!queue.isEmpty() && !cancelled.getAsBoolean()) {
			final int object = queue.poll();
			// A daughter's own division comes a cell cycle after its birth at the earliest.
			final int start = starts.get(object) + (parents.containsKey(object) ? rule.minCycleFrames() : 0);
			if (start > pass.range().last()) continue;
			final List<boolean[]> masks = new ArrayList<>();
			// Each plane read once: it is this frame's labels, then the frame before of the next.
			int[] before = start > pass.range().first() ? pass.labels().labels(start - 1, pass.plane()) : null;
			for (int position = start; position <= pass.range().last(); position++) {
				final int[] here = pass.labels().labels(position, pass.plane());
				final boolean[] mask = mask(here, object);
				// A part that lies where another object was on the frame before is that object, taken over: the
				// mask reached into a neighbour (a sister most often), not a division.
				final boolean[][] parts = mask == null ? null : rule.parts(mask, w, h);
				masks.add(parts != null && before != null && takenOver(parts, before, object) ? parts[0] : mask);
				before = here;
			}
			final int split = rule.splitFrame(masks, w, h);
			if (split < 0 || generation.getOrDefault(object, 0) >= MAX_GENERATIONS) continue;
			final int at = start + split;
			final int a = next++;
			final int b = next++;
			if (!pass.labels().grow(b)) {
				listener.log("Object " + object + " divides on " + at + ", but its daughters would need labels beyond " +
					"65535: not followed.");
				continue;
			}
			parents.put(a, object);
			parents.put(b, object);
			generation.put(a, generation.getOrDefault(object, 0) + 1);
			generation.put(b, generation.getOrDefault(object, 0) + 1);
			for (int position = at; position <= pass.range().last(); position++) {
				pass.labels().erase(position, pass.plane(), object);
				changed.add(position);
			}
			listener.log("Object " + object + " divides on frame " + at + ": daughters " + a + " and " + b + ".");
			// Over the frames that confirmed the division the daughters are the parent's two parts, each part
			// following the one it overlaps most; the model takes over from the last of them, where the sisters
			// lie farthest apart, with each part as its daughter's mask prompt.
			boolean[][] parts = null;
			final int last = at + rule.persistFrames() - 1;
			for (int position = at; position <= last; position++) {
				parts = follow(parts, rule.parts(masks.get(position - start), w, h));
				pass.labels().paint(position, pass.plane(), parts, new int[] { a, b });
				final double parentScore = scores.getOrDefault(position, Map.of()).getOrDefault(object, Double.NaN);
				scores.computeIfAbsent(position, k -> new TreeMap<>()).put(a, parentScore);
				scores.get(position).put(b, parentScore);
			}
			final Map<Integer, boolean[]> daughters = new TreeMap<>();
			daughters.put(a, parts[0]);
			daughters.put(b, parts[1]);
			pass.track(last, daughters, scores, prompted, cancelled); // the prompt frame holds the parts already
			starts.put(a, at);
			starts.put(b, at);
			queue.add(a);
			queue.add(b);
		}
		return new Outcome(parents, changed);
	}

	/** Whether one of the parts lies, for more than half of it, where another object was on the frame before. */
	private static boolean takenOver(final boolean[][] parts, final int[] before, final int object) {
		for (final boolean[] part : parts) {
			int size = 0;
			int other = 0;
			for (int p = 0; p < part.length; p++) {
				if (!part[p]) continue;
				size++;
				if (before[p] != 0 && before[p] != object) other++;
			}
			if (2 * other > size) return true;
		}
		return false;
	}

	/** This frame's two parts in the order of the previous frame's (a part goes with the one it overlaps most). */
	private static boolean[][] follow(final boolean[][] previous, final boolean[][] parts) {
		if (previous == null) return parts;
		long same = 0;
		long swapped = 0;
		for (int p = 0; p < parts[0].length; p++) {
			if (parts[0][p] && previous[0][p] || parts[1][p] && previous[1][p]) same++;
			if (parts[0][p] && previous[1][p] || parts[1][p] && previous[0][p]) swapped++;
		}
		return swapped > same ? new boolean[][] { parts[1], parts[0] } : parts;
	}

	/** The object's pixels among a plane's labels, or null where it has none. */
	private static boolean[] mask(final int[] here, final int object) {
		final boolean[] mask = new boolean[here.length];
		boolean any = false;
		for (int p = 0; p < here.length; p++) {
			if (here[p] == object) {
				mask[p] = true;
				any = true;
			}
		}
		return any ? mask : null;
	}
}
