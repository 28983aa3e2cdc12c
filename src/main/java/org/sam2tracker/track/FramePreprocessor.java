package org.sam2tracker.track;

/**
 * Turns a frame into the image encoder's input: resized to size x size as 8-bit RGB (aspect ratio not kept),
 * then normalised per channel, in the planar [3, size, size] layout of {@code pixel_values}.
 */
public final class FramePreprocessor {

	private final int size;
	private final float[] offset = new float[3];
	private final float[] divisor = new float[3];

	public FramePreprocessor(final int size, final float[] mean, final float[] std) {
		this.size = size;
		for (int c = 0; c < 3; c++) {
			// (v - mean * 255) / (std * 255): the reference's fused rescale and normalise, to the last bit.
			offset[c] = mean[c] * 255f;
			divisor[c] = std[c] * 255f;
		}
	}

	/** The frame resized to size x size: three 8-bit planes, R, G and B. */
	public byte[][] resize(final RgbFrame frame) {
		final int n = frame.width() * frame.height();
		final byte[][] planes = new byte[3][];
		final byte[] rgb = frame.rgb();
		for (int c = 0; c < 3; c++) {
			final byte[] plane = new byte[n];
			for (int i = 0; i < n; i++) plane[i] = rgb[3 * i + c];
			planes[c] = AntialiasedResize.resize(plane, frame.width(), frame.height(), size, size);
		}
		return planes;
	}

	public float[] pixelValues(final RgbFrame frame) {
		final byte[][] planes = resize(frame);
		final int n = size * size;
		final float[] out = new float[3 * n];
		for (int c = 0; c < 3; c++) {
			final byte[] plane = planes[c];
			for (int i = 0; i < n; i++) out[c * n + i] = ((plane[i] & 0xff) - offset[c]) / divisor[c];
		}
		return out;
	}

	public int size() {
		return size;
	}
}
