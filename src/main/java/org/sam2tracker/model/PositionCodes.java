package org.sam2tracker.model;

/**
 * The fixed position codes of SAM 2.1's memory attention, computed as transformers' Sam2Video computes them (in
 * float32 there; in double here and rounded, which differs by about 1e-7): the sine codes of a feature grid, the
 * one-dimensional sine code of an object pointer's frame distance, and the axial rotary codes. The exported
 * graph holds the same values as constants.
 */
final class PositionCodes {

	private static final double TEMPERATURE = 10000;

	private PositionCodes() {}

	/**
	 * Sine codes of an h x h grid, [h*h tokens][2 * features]: the y codes then the x codes, each alternating sine
	 * and cosine (Sam2VideoPositionEmbeddingSine with normalize, scale 2 pi).
	 */
	static float[] grid(final int h, final int features) {
		final int channels = 2 * features;
		final float[] out = new float[h * h * channels];
		final float scale = (float) (2 * Math.PI);
		final float[] dimT = new float[features];
		for (int k = 0; k < features; k++) {
			dimT[k] = (float) Math.pow(TEMPERATURE, (float) (2 * (k / 2)) / features);
		}
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < h; x++) {
				final float yEmbed = (y + 1) / (h + 1e-6f) * scale;
				final float xEmbed = (x + 1) / (h + 1e-6f) * scale;
				final int base = (y * h + x) * channels;
				for (int k = 0; k < features; k++) {
					final float py = yEmbed / dimT[k];
					final float px = xEmbed / dimT[k];
					out[base + k] = (float) (k % 2 == 0 ? Math.sin(py) : Math.cos(py));
					out[base + features + k] = (float) (k % 2 == 0 ? Math.sin(px) : Math.cos(px));
				}
			}
		}
		return out;
	}

	/** The sine code of one position, [dim]: sines then cosines (get_1d_sine_pe). */
	static float[] line(final float position, final int dim) {
		final int half = dim / 2;
		final float[] out = new float[dim];
		for (int k = 0; k < half; k++) {
			final float dimT = (float) Math.pow(TEMPERATURE, (float) (2 * (k / 2)) / half);
			final float e = position / dimT;
			out[k] = (float) Math.sin(e);
			out[half + k] = (float) Math.cos(e);
		}
		return out;
	}

	/**
	 * Axial rotary angles of an h x h grid, [h*h tokens][dim]: x angles then y angles, each repeated for the two
	 * members of a rotated pair (Sam2VideoVisionRotaryEmbedding, theta 10000). {@code cos} is false for sines.
	 */
	static float[] rotary(final int h, final int dim, final boolean cos) {
		final int quarter = dim / 4;
		final float[] freqs = new float[quarter];
		for (int i = 0; i < quarter; i++) freqs[i] = (float) (1.0 / Math.pow(TEMPERATURE, (float) (4 * i) / dim));
		final float[] out = new float[h * h * dim];
		for (int t = 0; t < h * h; t++) {
			final int x = t % h;
			final int y = t / h;
			for (int i = 0; i < quarter; i++) {
				final double ax = x * freqs[i];
				final double ay = y * freqs[i];
				final float vx = (float) (cos ? Math.cos((float) ax) : Math.sin((float) ax));
				final float vy = (float) (cos ? Math.cos((float) ay) : Math.sin((float) ay));
				out[t * dim + 2 * i] = vx;
				out[t * dim + 2 * i + 1] = vx;
				out[t * dim + 2 * quarter + 2 * i] = vy;
				out[t * dim + 2 * quarter + 2 * i + 1] = vy;
			}
		}
		return out;
	}
}
