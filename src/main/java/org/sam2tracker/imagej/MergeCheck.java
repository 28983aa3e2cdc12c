package org.sam2tracker.imagej;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sam2tracker.run.FrameRange;

/**
 * Finds merges in a label image, to report them: an object that is gone on a frame while another object covers
 * more than half of where it was on the frame before has most likely been taken in by that one (two tracks on one
 * cell, or a mask grown over a neighbour). A parent ending at its division is no merge.
 */
final class MergeCheck {

	private MergeCheck() {}

	/** One line per merge, for the log. */
	static List<String> report(final LabelImageBuilder labels, final int plane, final FrameRange range,
		final Set<Integer> divided, final String axisName)
	{
		final List<String> lines = new ArrayList<>();
		int[] before = labels.labels(range.first(), plane);
		for (int position = range.first() + 1; position <= range.last(); position++) {
			final int[] now = labels.labels(position, plane);
			final Map<Integer, Integer> sizeBefore = new HashMap<>();
			final Map<Integer, Integer> presentNow = new HashMap<>();
			for (int p = 0; p < now.length; p++) {
				if (before[p] != 0) sizeBefore.merge(before[p], 1, Integer::sum);
				if (now[p] != 0) presentNow.merge(now[p], 1, Integer::sum);
			}
			for (final Map.Entry<Integer, Integer> gone : sizeBefore.entrySet()) {
				final int b = gone.getKey();
				if (presentNow.containsKey(b) || divided.contains(b)) continue;
				final Map<Integer, Integer> takers = new HashMap<>();
				for (int p = 0; p < now.length; p++) if (before[p] == b && now[p] != 0) takers.merge(now[p], 1, Integer::sum);
				for (final Map.Entry<Integer, Integer> t : takers.entrySet()) {
					if (2 * t.getValue() > gone.getValue()) {
						lines.add("Object " + b + " was lost into object " + t.getKey() + " on " + axisName + " " + position +
							": both followed one cell from there (a merge); check them.");
					}
				}
			}
			before = now;
		}
		return lines;
	}
}
