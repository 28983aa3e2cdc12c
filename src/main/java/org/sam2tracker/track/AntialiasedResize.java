package org.sam2tracker.track;

/**
 * Resizes 8-bit planes with antialiased bilinear interpolation, bit for bit as torchvision's {@code resize} of a
 * uint8 tensor (and, in turn, Pillow-SIMD): one pass along the width, then one along the height, each with a
 * triangle filter widened by the shrink factor, 16-bit integer weights and rounding back to 8 bits. Like the
 * reference, the weights' precision grows (up to 22 bits) as long as the largest weight still fits in 16 bits: a
 * frame shrunk 2 times or more has small weights, and a fixed 15 bits would round them too coarsely.
 */
public final class AntialiasedResize {

	private AntialiasedResize() {}

	/** Resizes one plane of {@code width x height} bytes to {@code outWidth x outHeight}. */
	public static byte[] resize(final byte[] plane, final int width, final int height, final int outWidth,
		final int outHeight)
	{
		byte[] current = plane;
		int w = width;
		if (outWidth != width) {
			current = alongRows(current, w, height, outWidth);
			w = outWidth;
		}
		if (outHeight != height) {
			current = alongColumns(current, w, height, outHeight);
		}
		return current == plane ? plane.clone() : current;
	}

	private static byte[] alongRows(final byte[] in, final int width, final int height, final int outWidth) {
		final Kernel k = Kernel.of(width, outWidth);
		final byte[] out = new byte[outWidth * height];
		final int half = 1 << (k.precision - 1);
		for (int y = 0; y < height; y++) {
			final int base = y * width;
			for (int o = 0; o < outWidth; o++) {
				int sum = half;
				final int from = base + k.start[o];
				final int offset = o * k.taps;
				for (int t = 0; t < k.count[o]; t++) sum += (in[from + t] & 0xff) * k.weights[offset + t];
				out[y * outWidth + o] = clamp(sum >> k.precision);
			}
		}
		return out;
	}

	/** Row by row, so that memory is read in order: each output row sums whole input rows. */
	private static byte[] alongColumns(final byte[] in, final int width, final int height, final int outHeight) {
		final Kernel k = Kernel.of(height, outHeight);
		final byte[] out = new byte[width * outHeight];
		final int[] sums = new int[width];
		final int half = 1 << (k.precision - 1);
		for (int o = 0; o < outHeight; o++) {
			java.util.Arrays.fill(sums, half);
			final int offset = o * k.taps;
			for (int t = 0; t < k.count[o]; t++) {
				final int row = (k.start[o] + t) * width;
				final int weight = k.weights[offset + t];
				for (int x = 0; x < width; x++) sums[x] += (in[row + x] & 0xff) * weight;
			}
			final int outRow = o * width;
			for (int x = 0; x < width; x++) out[outRow + x] = clamp(sums[x] >> k.precision);
		}
		return out;
	}

	private static byte clamp(final int v) {
		return (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
	}

	/** Filter taps along one axis: first source index, tap count and integer weights per output index. */
	private static final class Kernel {

		/**
		 * The reference's bound: 8-bit values times weights of up to 22 bits still sum within 32 bits (the weights
		 * of a line sum to one, so a sum is at most 255 x 2^22 plus the rounding half).
		 */
		static final int MAX_PRECISION = 22;

		final int[] start;
		final int[] count;
		final int[] weights;
		final int taps;
		final int precision;

		private Kernel(final int[] start, final int[] count, final int[] weights, final int taps, final int precision) {
			this.start = start;
			this.count = count;
			this.weights = weights;
			this.taps = taps;
			this.precision = precision;
		}

		static Kernel of(final int inSize, final int outSize) {
			final double scale = (double) inSize / outSize;
			final double filterScale = Math.max(scale, 1.0);
			final double support = filterScale; // the triangle filter has support 1
			final int taps = (int) Math.ceil(support) * 2 + 1;
			final int[] start = new int[outSize];
			final int[] count = new int[outSize];
			final double[] w = new double[outSize * taps];
			double max = 0;
			for (int o = 0; o < outSize; o++) {
				final double center = (o + 0.5) * scale;
				final int min = Math.max((int) (center - support + 0.5), 0);
				final int n = Math.min((int) (center + support + 0.5), inSize) - min;
				double total = 0;
				for (int t = 0; t < n; t++) {
					final double x = Math.abs((t + min - center + 0.5) / filterScale);
					final double value = x < 1 ? 1 - x : 0;
					w[o * taps + t] = value;
					total += value;
				}
				for (int t = 0; t < n; t++) {
					if (total != 0) w[o * taps + t] /= total;
					max = Math.max(max, w[o * taps + t]);
				}
				start[o] = min;
				count[o] = n;
			}
			// The largest precision, up to 22 bits, whose rounded largest weight still fits in a signed 16-bit integer.
			int precision = 0;
			while (precision < MAX_PRECISION && (int) (0.5 + max * (1 << (precision + 1))) < (1 << 15)) precision++;
			final int[] weights = new int[w.length];
			for (int i = 0; i < w.length; i++) {
				weights[i] = (int) (w[i] < 0 ? -0.5 + w[i] * (1 << precision) : 0.5 + w[i] * (1 << precision));
			}
			return new Kernel(start, count, weights, taps, precision);
		}
	}
}
