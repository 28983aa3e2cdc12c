package org.sam2tracker.imagej;

import ij.ImagePlus;

import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.FrameRange;
import org.sam2tracker.run.TrackingOptions;

/**
 * Which axis a run follows and what lies across it. A time-lapse is followed along T, separately at each Z
 * that carries a prompt; an image with one time point and several slices is followed along Z (a z-stack,
 * "volumetric mode"). Positions are 1-based, as in ImageJ.
 */
public record TrackingAxis(int channels, int slices, int frames, boolean alongZ) {

	public static TrackingAxis of(final ImagePlus imp) {
		final int c = imp.getNChannels();
		final int z = imp.getNSlices();
		final int t = imp.getNFrames();
		return new TrackingAxis(c, z, t, t == 1 && z > 1);
	}

	/** Frames along the tracked axis. */
	public int length() {
		return alongZ ? slices : frames;
	}

	/** Positions across the tracked axis: slices of a time-lapse, or one for a z-stack. */
	public int planes() {
		return alongZ ? 1 : slices;
	}

	/** The positions a run with these options covers along this axis: the one place a range is worked out. */
	public FrameRange range(final TrackingOptions options) throws BadInputException {
		return FrameRange.of(options.first(), options.last(), length(), axisName());
	}

	public String axisName() {
		return alongZ ? "slice" : "frame";
	}

	/** The stack index (1-based) of a channel, a position along the axis and a plane across it. */
	public int stackIndex(final int channel, final int position, final int plane) {
		final int z = alongZ ? position : plane;
		final int t = alongZ ? 1 : position;
		return (t - 1) * slices * channels + (z - 1) * channels + channel;
	}
}
