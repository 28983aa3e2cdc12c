package org.sam2tracker.imagej;

import ij.IJ;
import ij.plugin.LutLoader;
import ij.process.LUT;

import java.awt.Color;
import java.io.File;

/**
 * A LUT that gives neighbouring labels clearly different colours: Fiji's glasbey_on_dark when it is installed,
 * otherwise a built-in one of well-spread hues on black.
 */
public final class LabelLut {

	private LabelLut() {}

	public static LUT lut() {
		final String dir = IJ.getDirectory("luts");
		if (dir != null) {
			final File file = new File(dir, "glasbey_on_dark.lut");
			if (file.isFile()) {
				final LUT lut = LutLoader.openLut(file.getPath());
				if (lut != null) return lut;
			}
		}
		return builtIn();
	}

	/** Black for 0, then hues a golden angle apart, each in one of three brightness and saturation steps. */
	static LUT builtIn() {
		final byte[] r = new byte[256];
		final byte[] g = new byte[256];
		final byte[] b = new byte[256];
		for (int i = 1; i < 256; i++) {
			final float hue = (float) ((i * 0.618033988749895) % 1.0);
			final float saturation = 0.55f + 0.15f * (i % 3);
			final float brightness = 1.0f - 0.15f * ((i / 3) % 3);
			final Color c = Color.getHSBColor(hue, saturation, brightness);
			r[i] = (byte) c.getRed();
			g[i] = (byte) c.getGreen();
			b[i] = (byte) c.getBlue();
		}
		return new LUT(r, g, b);
	}

	/** The colour a label shows in a label image with this LUT and a display range of 0 to {@code maxLabel}. */
	public static Color colour(final LUT lut, final int label, final int maxLabel) {
		// ImageJ's 16-bit display: index = value * 256 / (max - min + 1), rounded, at most 255.
		final int index = (int) Math.min(255, Math.round(label * 256.0 / (maxLabel + 1)));
		return new Color(lut.getRGB(index));
	}
}
