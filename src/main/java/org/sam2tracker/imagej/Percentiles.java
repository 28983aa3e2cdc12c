package org.sam2tracker.imagej;

import ij.process.ImageProcessor;

import java.util.List;

/**
 * Percentiles of grey values over one or many planes, from a fine histogram between the overall minimum and
 * maximum (exact for 16-bit data, within 1/65536 of the range otherwise). NaN and infinite pixels are not values
 * of the sample and are left out; with no finite pixel at all, both percentiles are NaN.
 */
final class Percentiles {

	private static final int BINS = 65536;

	private Percentiles() {}

	/** {low, high} values at the given percentiles (0-100) of every pixel of the planes. */
	static double[] of(final List<ImageProcessor> planes, final double lowPercent, final double highPercent) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (final ImageProcessor ip : planes) {
			final int n = ip.getPixelCount();
			for (int i = 0; i < n; i++) {
				final float v = ip.getf(i);
				if (!Float.isFinite(v)) continue;
				if (v < min) min = v;
				if (v > max) max = v;
			}
		}
		if (min > max) return new double[] { Double.NaN, Double.NaN };
		if (!(max > min)) return new double[] { min, min };
		final long[] histogram = new long[BINS];
		final double scale = (BINS - 1) / (max - min);
		long total = 0;
		for (final ImageProcessor ip : planes) {
			final int n = ip.getPixelCount();
			for (int i = 0; i < n; i++) {
				final float v = ip.getf(i);
				if (!Float.isFinite(v)) continue;
				histogram[(int) Math.round((v - min) * scale)]++;
				total++;
			}
		}
		return new double[] { min + bin(histogram, total, lowPercent) / scale, min + bin(histogram, total,
			highPercent) / scale };
	}

	private static int bin(final long[] histogram, final long total, final double percent) {
		final double target = percent / 100 * total;
		long seen = 0;
		for (int b = 0; b < histogram.length; b++) {
			seen += histogram[b];
			if (seen >= target && seen > 0) return b;
		}
		return histogram.length - 1;
	}
}
