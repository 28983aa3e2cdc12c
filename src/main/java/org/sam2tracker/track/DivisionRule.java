package org.sam2tracker.track;

import java.util.ArrayDeque;
import java.util.List;

/**
 * When an object's mask is taken to have divided: from the first frame on which it falls into two parts (8-connected
 * components) whose smaller is at least {@code sizeRatio} of the larger and at least {@code minPixels} pixels, and
 * stays so for {@code persistFrames} frames in a row. The two largest parts of that first frame are the daughters;
 * smaller crumbs are ignored. A daughter divides again at the earliest {@code minCycleFrames} after its birth:
 * sisters still touching just after a division are not a second one. The defaults suit cells: a daughter is about
 * as large as its sister, a split that closes again within three frames is a mask that flickered, not a
 * division, and no cell cycle is shorter than six frames of a time-lapse that follows it. A split whose two parts
 * together cover more than {@code maxGrowth} times the object's median size before it is a mask that took in a
 * neighbour (and will let it go again), not a division: two daughters are together about as large as their
 * mother.
 */
public record DivisionRule(int persistFrames, double sizeRatio, int minPixels, int minCycleFrames, double maxGrowth) {

	public static final DivisionRule CELLS = new DivisionRule(3, 0.4, 16, 6, 1.6);

	public DivisionRule {
		if (persistFrames < 1 || !(sizeRatio > 0 && sizeRatio <= 1) || minPixels < 1 || minCycleFrames < 0 ||
			!(maxGrowth > 1))
		{
			throw new IllegalArgumentException("a division rule needs persistFrames >= 1, 0 < sizeRatio <= 1, " +
				"minPixels >= 1, minCycleFrames >= 0 and maxGrowth > 1");
		}
	}

	/**
	 * The index, in {@code masks} (consecutive frames; null where the object is absent), of the first frame of a
	 * division by this rule, or -1.
	 */
	public int splitFrame(final List<boolean[]> masks, final int width, final int height) {
		int run = 0;
		final List<Integer> sizes = new java.util.ArrayList<>();
		for (int i = 0; i < masks.size(); i++) {
			final boolean[] mask = masks.get(i);
			final int size = mask == null ? 0 : count(mask);
			final boolean split = mask != null && parts(mask, width, height) != null && !grown(sizes, size);
			run = split ? run + 1 : 0;
			if (run == persistFrames) return i - persistFrames + 1;
			if (!split && size > 0) sizes.add(size);
		}
		return -1;
	}

	/** Whether a size is beyond maxGrowth times the median of the sizes before it. */
	private boolean grown(final List<Integer> before, final int size) {
		if (before.isEmpty()) return false;
		final List<Integer> sorted = new java.util.ArrayList<>(before);
		java.util.Collections.sort(sorted);
		return size > maxGrowth * sorted.get(sorted.size() / 2);
	}

	private static int count(final boolean[] mask) {
		int n = 0;
		for (final boolean b : mask) if (b) n++;
		return n;
	}

	/** The mask's two largest parts when they are daughters by this rule, else null. */
	public boolean[][] parts(final boolean[] mask, final int width, final int height) {
		final int[] component = new int[mask.length];
		int count = 0;
		int[] sizes = new int[8];
		final ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int p = 0; p < mask.length; p++) {
			if (!mask[p] || component[p] != 0) continue;
			count++;
			if (count >= sizes.length) sizes = java.util.Arrays.copyOf(sizes, 2 * sizes.length);
			component[p] = count;
			queue.add(p);
			while (!queue.isEmpty()) {
				final int q = queue.poll();
				sizes[count]++;
				final int x = q % width;
				final int y = q / width;
				for (int dy = -1; dy <= 1; dy++) {
					for (int dx = -1; dx <= 1; dx++) {
						final int nx = x + dx;
						final int ny = y + dy;
						if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
						final int n = ny * width + nx;
						if (mask[n] && component[n] == 0) {
							component[n] = count;
							queue.add(n);
						}
					}
				}
			}
		}
		if (count < 2) return null;
		int first = 0;
		int second = 0;
		for (int c = 1; c <= count; c++) {
			if (sizes[c] > sizes[first]) {
				second = first;
				first = c;
			}
			else if (sizes[c] > sizes[second]) second = c;
		}
		if (sizes[second] < minPixels || sizes[second] < sizeRatio * sizes[first]) return null;
		final boolean[][] out = new boolean[2][mask.length];
		for (int p = 0; p < mask.length; p++) {
			if (component[p] == first) out[0][p] = true;
			else if (component[p] == second) out[1][p] = true;
		}
		return out;
	}
}
