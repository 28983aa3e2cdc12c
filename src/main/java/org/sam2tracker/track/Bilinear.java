package org.sam2tracker.track;

/**
 * Bilinear resampling of a single-channel float image with half-pixel centres and no antialiasing: the
 * interpolation SAM 2 uses to bring mask logits to the model's and the frame's resolution (PyTorch's
 * {@code interpolate(mode="bilinear", align_corners=False)}).
 */
public final class Bilinear {

	private Bilinear() {}

	public static float[] resize(final float[] src, final int srcWidth, final int srcHeight, final int dstWidth,
		final int dstHeight)
	{
		if (src.length != srcWidth * srcHeight) {
			throw new IllegalArgumentException("image of " + src.length + " pixels is not " + srcWidth + " x " + srcHeight);
		}
		final Taps x = taps(srcWidth, dstWidth);
		final Taps y = taps(srcHeight, dstHeight);
		final float[] dst = new float[dstWidth * dstHeight];
		for (int j = 0; j < dstHeight; j++) {
			final int row0 = y.first[j] * srcWidth;
			final int row1 = y.second[j] * srcWidth;
			final float wy0 = y.firstWeight[j];
			final float wy1 = y.secondWeight[j];
			for (int i = 0; i < dstWidth; i++) {
				final int c0 = x.first[i];
				final int c1 = x.second[i];
				final float wx0 = x.firstWeight[i];
				final float wx1 = x.secondWeight[i];
				dst[j * dstWidth + i] = wy0 * (wx0 * src[row0 + c0] + wx1 * src[row0 + c1]) +
					wy1 * (wx0 * src[row1 + c0] + wx1 * src[row1 + c1]);
			}
		}
		return dst;
	}

	/** For each output index along one axis: the two source indices and their weights. */
	private record Taps(int[] first, int[] second, float[] firstWeight, float[] secondWeight) {}

	private static Taps taps(final int in, final int out) {
		final int[] first = new int[out];
		final int[] second = new int[out];
		final float[] w0 = new float[out];
		final float[] w1 = new float[out];
		final float scale = (float) in / out;
		for (int d = 0; d < out; d++) {
			final float source = Math.max(scale * (d + 0.5f) - 0.5f, 0f);
			final int i0 = (int) source;
			first[d] = i0;
			second[d] = i0 < in - 1 ? i0 + 1 : i0;
			w1[d] = source - i0;
			w0[d] = 1f - w1[d];
		}
		return new Taps(first, second, w0, w1);
	}
}
