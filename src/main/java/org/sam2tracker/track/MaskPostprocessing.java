package org.sam2tracker.track;

import java.util.ArrayDeque;

/**
 * Optional clean-up of a frame's final masks, after tracking (it never feeds back into memory):
 * non-overlap gives each pixel to the object with the highest logit there, and hole filling closes background
 * holes inside a mask up to a given area. Both are off in the reference's defaults.
 */
public record MaskPostprocessing(boolean nonOverlap, int maxHoleArea) {

	public static final MaskPostprocessing NONE = new MaskPostprocessing(false, 0);

	/** The frame's masks at the frame's size, one per object, cleaned up as configured. */
	public boolean[][] masks(final FrameResult result) {
		final int n = result.objects().size();
		final int w = result.width();
		final int h = result.height();
		final int l = result.lowResSize();
		final float[][] logits = new float[n][];
		for (int o = 0; o < n; o++) logits[o] = Bilinear.resize(result.objects().get(o).lowResLogits(), l, l, w, h);
		final boolean[][] masks = new boolean[n][w * h];
		for (int p = 0; p < w * h; p++) {
			int best = -1;
			for (int o = 0; o < n; o++) {
				if (logits[o][p] > 0 && (best < 0 || logits[o][p] > logits[best][p])) best = o;
				if (!nonOverlap) masks[o][p] = logits[o][p] > 0;
			}
			if (nonOverlap && best >= 0) masks[best][p] = true;
		}
		if (maxHoleArea > 0) {
			for (final boolean[] mask : masks) fillHoles(mask, w, h, maxHoleArea);
		}
		return masks;
	}

	/** Fills 4-connected background regions that do not touch the border and have at most maxArea pixels. */
	static void fillHoles(final boolean[] mask, final int w, final int h, final int maxArea) {
		final boolean[] seen = new boolean[mask.length];
		final ArrayDeque<Integer> queue = new ArrayDeque<>();
		final int[] region = new int[mask.length];
		for (int start = 0; start < mask.length; start++) {
			if (mask[start] || seen[start]) continue;
			int size = 0;
			boolean border = false;
			queue.add(start);
			seen[start] = true;
			while (!queue.isEmpty()) {
				final int p = queue.poll();
				region[size++] = p;
				final int x = p % w;
				final int y = p / w;
				if (x == 0 || y == 0 || x == w - 1 || y == h - 1) border = true;
				if (x > 0) visit(p - 1, mask, seen, queue);
				if (x < w - 1) visit(p + 1, mask, seen, queue);
				if (y > 0) visit(p - w, mask, seen, queue);
				if (y < h - 1) visit(p + w, mask, seen, queue);
			}
			if (!border && size <= maxArea) {
				for (int i = 0; i < size; i++) mask[region[i]] = true;
			}
		}
	}

	private static void visit(final int p, final boolean[] mask, final boolean[] seen, final ArrayDeque<Integer> queue) {
		if (!mask[p] && !seen[p]) {
			seen[p] = true;
			queue.add(p);
		}
	}
}
