package org.sam2tracker.track;

/**
 * Brings a binary mask prompt to the model's resolution as the reference does: antialiased bilinear
 * interpolation in float (PyTorch's {@code interpolate(antialias=True)}), width first, then height, and a
 * threshold at 0.5.
 */
final class MaskResize {

	private MaskResize() {}

	static float[] toModel(final boolean[] mask, final int width, final int height, final int size) {
		float[] plane = new float[width * height];
		for (int i = 0; i < plane.length; i++) plane[i] = mask[i] ? 1f : 0f;
		if (width != size || height != size) {
			plane = pass(plane, width, height, size, true);
			plane = pass(plane, size, height, size, false);
			for (int i = 0; i < plane.length; i++) plane[i] = plane[i] >= 0.5f ? 1f : 0f;
		}
		return plane;
	}

	private static float[] pass(final float[] in, final int width, final int height, final int outSize,
		final boolean horizontal)
	{
		final int inSize = horizontal ? width : height;
		final float scale = (float) inSize / outSize;
		final float support = Math.max(scale, 1f);
		final float invScale = scale >= 1f ? 1f / scale : 1f;
		final int outWidth = horizontal ? outSize : width;
		final int outHeight = horizontal ? height : outSize;
		final float[] out = new float[outWidth * outHeight];
		final int taps = (int) Math.ceil(support) * 2 + 1;
		final float[] w = new float[taps];
		for (int o = 0; o < outSize; o++) {
			final float center = scale * (o + 0.5f);
			final int min = Math.max((int) (center - support + 0.5f), 0);
			final int n = Math.min((int) (center + support + 0.5f), inSize) - min;
			float total = 0;
			for (int t = 0; t < n; t++) {
				final float x = Math.abs((t + min - center + 0.5f) * invScale);
				w[t] = x < 1f ? 1f - x : 0f;
				total += w[t];
			}
			for (int t = 0; t < n; t++) w[t] = total != 0 ? w[t] / total : w[t];
			if (horizontal) {
				for (int y = 0; y < height; y++) {
					float sum = 0;
					for (int t = 0; t < n; t++) sum += in[y * width + min + t] * w[t];
					out[y * outWidth + o] = sum;
				}
			}
			else {
				for (int x = 0; x < width; x++) {
					float sum = 0;
					for (int t = 0; t < n; t++) sum += in[(min + t) * width + x] * w[t];
					out[o * outWidth + x] = sum;
				}
			}
		}
		return out;
	}
}
