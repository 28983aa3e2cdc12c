package org.sam2tracker.results;

import java.util.List;

/**
 * The spots table: one row per object per plane where it is visible. Column names are shared by the Fiji
 * tables and every file written, so a macro reads the same names as a CSV reader.
 */
public final class SpotTable {

	public static final String LABEL = "Label";
	public static final String FRAME = "Frame";
	public static final String SLICE = "Slice";
	public static final String X = "X";
	public static final String Y = "Y";
	public static final String Z = "Z";
	public static final String X_PIXELS = "X_px";
	public static final String Y_PIXELS = "Y_px";
	public static final String AREA = "Area";
	public static final String AREA_PIXELS = "Area_px";
	public static final String BOUNDS_X = "BX";
	public static final String BOUNDS_Y = "BY";
	public static final String WIDTH = "Width";
	public static final String HEIGHT = "Height";
	public static final String MEAN = "Mean";
	public static final String SCORE = "Score";
	public static final String PROMPT = "Prompt";

	public static final List<String> COLUMNS = List.of(LABEL, FRAME, SLICE, X, Y, Z, X_PIXELS, Y_PIXELS, AREA,
		AREA_PIXELS, BOUNDS_X, BOUNDS_Y, WIDTH, HEIGHT, MEAN, SCORE, PROMPT);

	private SpotTable() {}

	/** X, Y and Z are calibrated (Z from the slice's position); Area is calibrated; bounds are in pixels. */
	public static Table of(final List<Spot> spots, final Calibration cal) {
		return new Table(COLUMNS, spots.stream().map(s -> new double[] { s.label(), s.frame(), s.slice(),
			cal.x(s), cal.y(s), cal.z(s), s.xPixels(), s.yPixels(), cal.area(s), s.areaPixels(),
			s.boundsX(), s.boundsY(), s.boundsWidth(), s.boundsHeight(), s.meanIntensity(), s.score(),
			s.promptFrame() ? 1 : 0 }).toList());
	}
}
