package org.sam2tracker.run;

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
}
