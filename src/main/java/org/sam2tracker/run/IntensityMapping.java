package org.sam2tracker.run;

import java.util.Locale;

/**
 * How grey values of 16 and 32-bit images become the 0-255 the model sees. The default stretches between
 * percentiles of the whole series: a stretch per frame makes the intensity flicker, and the masks with it.
 * 8-bit and RGB images are passed on unchanged.
 */
public record IntensityMapping(Mode mode, double saturated, double min, double max) {

	public enum Mode {
		/** Percentiles over the whole series (every frame in range, or an even sample of a virtual stack). */
		SERIES("series"),
		/** Percentiles of each frame on its own. */
		FRAME("frame"),
		/** The image's display range (per channel). */
		DISPLAY("display"),
		/** A fixed minimum and maximum. */
		FIXED("fixed");

		private final String key;

		Mode(final String key) {
			this.key = key;
		}

		public String key() {
			return key;
		}
	}

	public static final double DEFAULT_SATURATED = 0.2;
	public static final IntensityMapping DEFAULT = new IntensityMapping(Mode.SERIES, DEFAULT_SATURATED, 0, 0);

	public IntensityMapping {
		if (!(saturated >= 0 && saturated < 100)) {
			throw new IllegalArgumentException("The saturated share must be between 0 and 100 percent, not " +
				saturated + ".");
		}
		if (mode == Mode.FIXED && !(max > min)) {
			throw new IllegalArgumentException("A fixed intensity range needs max > min; got min " + min +
				" and max " + max + ".");
		}
	}

	/** Lower and upper percentiles: the saturated share is split between both ends, as in Enhance Contrast. */
	public double lowPercentile() {
		return saturated / 2;
	}

	public double highPercentile() {
		return 100 - saturated / 2;
	}

	public String describe() {
		return switch (mode) {
			case SERIES -> String.format(Locale.ROOT, "stretched between the %.3g and %.4g percentiles of the " +
				"whole series", lowPercentile(), highPercentile());
			case FRAME -> String.format(Locale.ROOT, "stretched between the %.3g and %.4g percentiles of each frame",
				lowPercentile(), highPercentile());
			case DISPLAY -> "stretched over the display range";
			case FIXED -> String.format(Locale.ROOT, "stretched between %s and %s", min, max);
		};
	}
}
