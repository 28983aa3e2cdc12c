package org.sam2tracker.model;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The work between the products of the engine's own stages, on Java arrays of token rows: layer norms, and rows
 * spread over all cores (that work is memory-bound, and on one core the image encoder's took as long as all its
 * products together).
 */
final class RowNorm {

	private RowNorm() {}

	/**
	 * Layer norm of each row of x [rows][c] (torch's: biased variance, {@code eps} inside the root) into {@code out},
	 * the rows on all cores.
	 */
	static float[] norm(final float[] x, final int c, final float[] weight, final float[] bias, final float eps,
		final float[] out)
	{
		inParallel(x.length / c, r -> {
			final int row = r * c;
			final float mean = sum(x, row, c) / c;
			final float inv = (float) (1 / Math.sqrt(squares(x, row, c, mean) / c + eps));
			for (int j = 0; j < c; j++) out[row + j] = (x[row + j] - mean) * inv * weight[j] + bias[j];
		});
		return out;
	}

	/** Runs {@code row} for 0 .. count - 1 on all cores, in one run of rows per core. */
	static void inParallel(final int count, final IntConsumer row) {
		final int parts = Math.min(count, Runtime.getRuntime().availableProcessors());
		IntStream.range(0, parts).parallel().forEach(part -> {
			final int end = (int) ((long) count * (part + 1) / parts);
			for (int i = (int) ((long) count * part / parts); i < end; i++) row.accept(i);
		});
	}

	/** The sum of x[from .. from + n - 1], in four running sums so that the additions overlap. */
	private static float sum(final float[] x, final int from, final int n) {
		float s0 = 0;
		float s1 = 0;
		float s2 = 0;
		float s3 = 0;
		int j = from;
		for (; j + 4 <= from + n; j += 4) {
			s0 += x[j];
			s1 += x[j + 1];
			s2 += x[j + 2];
			s3 += x[j + 3];
		}
		for (; j < from + n; j++) s0 += x[j];
		return (s0 + s1) + (s2 + s3);
	}

	/** The sum of the squared distances of x[from .. from + n - 1] from {@code mean}, likewise. */
	private static float squares(final float[] x, final int from, final int n, final float mean) {
		float s0 = 0;
		float s1 = 0;
		float s2 = 0;
		float s3 = 0;
		int j = from;
		for (; j + 4 <= from + n; j += 4) {
			final float a = x[j] - mean;
			final float b = x[j + 1] - mean;
			final float c = x[j + 2] - mean;
			final float d = x[j + 3] - mean;
			s0 += a * a;
			s1 += b * b;
			s2 += c * c;
			s3 += d * d;
		}
		for (; j < from + n; j++) s0 += (x[j] - mean) * (x[j] - mean);
		return (s0 + s1) + (s2 + s3);
	}
}
