package org.sam2tracker.results;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Measures every label on one plane of a label image, against the plane of the tracked channel. Only labels
 * that cover at least one pixel make a spot: the tables never disagree with the label image.
 */
public final class SpotMeasurer {

	private SpotMeasurer() {}

	/**
	 * @param labels the plane's labels, row by row (0 is background)
	 * @param intensity the tracked channel's values at the same pixels
	 * @param scores object score per label (index = label), NaN where unknown
	 * @param prompted whether the label carried a prompt on this plane
	 */
	public static List<Spot> measure(final int frame, final int slice, final int[] labels, final float[] intensity,
		final int width, final int maxLabel, final double[] scores, final IntPredicate prompted)
	{
		final int n = maxLabel + 1;
		final long[] count = new long[n];
		final double[] sumX = new double[n];
		final double[] sumY = new double[n];
		final double[] sumI = new double[n];
		final int[] minX = new int[n];
		final int[] minY = new int[n];
		final int[] maxX = new int[n];
		final int[] maxY = new int[n];
		java.util.Arrays.fill(minX, Integer.MAX_VALUE);
		java.util.Arrays.fill(minY, Integer.MAX_VALUE);
		for (int p = 0; p < labels.length; p++) {
			final int l = labels[p];
			if (l <= 0) continue;
			if (l > maxLabel) throw new IllegalArgumentException("label " + l + " exceeds the largest label " +
				maxLabel);
			final int x = p % width;
			final int y = p / width;
			count[l]++;
			sumX[l] += x + 0.5;
			sumY[l] += y + 0.5;
			sumI[l] += intensity[p];
			minX[l] = Math.min(minX[l], x);
			minY[l] = Math.min(minY[l], y);
			maxX[l] = Math.max(maxX[l], x);
			maxY[l] = Math.max(maxY[l], y);
		}
		final List<Spot> spots = new ArrayList<>();
		for (int l = 1; l < n; l++) {
			if (count[l] == 0) continue;
			final double score = l < scores.length ? scores[l] : Double.NaN;
			spots.add(new Spot(l, frame, slice, sumX[l] / count[l], sumY[l] / count[l], count[l], minX[l], minY[l],
				maxX[l] - minX[l] + 1, maxY[l] - minY[l] + 1, sumI[l] / count[l], score, prompted.test(l)));
		}
		return spots;
	}
}
