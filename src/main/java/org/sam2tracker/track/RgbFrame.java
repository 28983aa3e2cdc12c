package org.sam2tracker.track;

/**
 * One frame as the model sees it: 8-bit RGB, interleaved (r, g, b, r, g, b, ...), row by row.
 * Grey images are given with r = g = b.
 */
public record RgbFrame(int width, int height, byte[] rgb) {

	public RgbFrame {
		if (width <= 0 || height <= 0) throw new IllegalArgumentException("a frame needs a positive size, not " +
			width + " x " + height);
		if (rgb.length != 3 * width * height) throw new IllegalArgumentException("an RGB frame of " + width + " x " +
			height + " needs " + 3 * width * height + " bytes, not " + rgb.length);
	}

	/** A grey frame (one byte per pixel) as RGB. */
	public static RgbFrame fromGrey(final int width, final int height, final byte[] grey) {
		if (grey.length != width * height) throw new IllegalArgumentException("a grey frame of " + width + " x " +
			height + " needs " + width * height + " bytes, not " + grey.length);
		final byte[] rgb = new byte[3 * grey.length];
		for (int i = 0; i < grey.length; i++) {
			rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = grey[i];
		}
		return new RgbFrame(width, height, rgb);
	}
}
