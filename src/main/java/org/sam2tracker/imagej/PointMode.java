package org.sam2tracker.imagej;

/** How the points of a point ROI map to objects. */
public enum PointMode {

	/** Each positive point starts its own object (the usual way to mark many cells with the multi-point tool). */
	EACH("each"),
	/** All points of one ROI (or one group) are clicks on one object. */
	ROI("roi");

	private final String key;

	PointMode(final String key) {
		this.key = key;
	}

	public String key() {
		return key;
	}

	public static PointMode of(final String key) {
		for (final PointMode m : values()) {
			if (m.key.equalsIgnoreCase(key.trim())) return m;
		}
		throw new IllegalArgumentException("Unknown point mode '" + key + "': use each (one object per point) or " +
			"roi (one object per ROI).");
	}
}
