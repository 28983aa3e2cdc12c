package org.sam2tracker.results;

/**
 * The physical size of a pixel, a slice and a frame interval, as an image carries them. Units are names only
 * ("micron", "sec"); a pixel size of 1 with unit "pixel" means the image is not calibrated.
 */
public record Calibration(double pixelWidth, double pixelHeight, double pixelDepth, String unit,
	double frameInterval, String timeUnit)
{

	public static final Calibration PIXELS = new Calibration(1, 1, 1, "pixel", 0, "frame");

	public Calibration {
		if (!(pixelWidth > 0) || !(pixelHeight > 0) || !(pixelDepth > 0)) {
			throw new IllegalArgumentException("pixel sizes must be positive, not " + pixelWidth + " x " +
				pixelHeight + " x " + pixelDepth);
		}
		unit = unit == null || unit.isBlank() ? "pixel" : unit;
		timeUnit = timeUnit == null || timeUnit.isBlank() ? "frame" : timeUnit;
	}

	/** A spot's centroid in calibrated units. */
	public double x(final Spot s) {
		return s.xPixels() * pixelWidth;
	}

	public double y(final Spot s) {
		return s.yPixels() * pixelHeight;
	}

	/** The depth of a spot's slice, the first slice at 0. */
	public double z(final Spot s) {
		return (s.slice() - 1) * pixelDepth;
	}

	/** A spot's area in calibrated units squared. */
	public double area(final Spot s) {
		return s.areaPixels() * pixelWidth * pixelHeight;
	}

	/** The time between two frames, or NaN when the image does not say. */
	public double interval() {
		return frameInterval > 0 ? frameInterval : Double.NaN;
	}
}
