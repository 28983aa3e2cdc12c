package org.sam2tracker.imagej;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;
import ij.process.LUT;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.IntensityMapping;

/**
 * Turns planes of one channel into the bytes the model sees, following an {@link IntensityMapping}. Ranges that
 * hold for the whole run (series percentiles, display range, fixed) are found once, up front.
 */
final class GreyLevels {

	/** At most this many planes are read to find series percentiles; a virtual stack is sampled evenly. */
	static final int MAX_SAMPLED_PLANES = 256;

	private final IntensityMapping mapping;
	private final boolean eightBit;
	private final double[][] ranges; // per channel (index channel - 1): {min, max}, null for per-frame
	private final int sampledPlanes;

	private GreyLevels(final IntensityMapping mapping, final boolean eightBit, final double[][] ranges,
		final int sampledPlanes)
	{
		this.mapping = mapping;
		this.eightBit = eightBit;
		this.ranges = ranges;
		this.sampledPlanes = sampledPlanes;
	}

	static GreyLevels of(final ImagePlus imp, final TrackingAxis axis, final IntensityMapping mapping,
		final int first, final int last) throws BadInputException
	{
		final int bitDepth = imp.getBitDepth();
		final double[][] ranges = new double[axis.channels()][];
		if (bitDepth == 8 || bitDepth == 24) return new GreyLevels(mapping, true, ranges, 0);
		int sampled = 0;
		for (int c = 1; c <= axis.channels(); c++) {
			switch (mapping.mode()) {
				case FIXED -> ranges[c - 1] = new double[] { mapping.min(), mapping.max() };
				case DISPLAY -> ranges[c - 1] = displayRange(imp, c);
				case SERIES -> {
					final List<ImageProcessor> planes = samplePlanes(imp.getStack(), axis, c, first, last);
					sampled = planes.size();
					ranges[c - 1] = Percentiles.of(planes, mapping.lowPercentile(), mapping.highPercentile());
					if (Double.isNaN(ranges[c - 1][0])) {
						throw new BadInputException(imp.getTitle() + " has no finite pixel value in channel " + c +
							" (every pixel is NaN or infinite), so there is nothing to track. Choose another channel, " +
							"or check how the image was made.");
					}
				}
				case FRAME -> ranges[c - 1] = null;
			}
		}
		return new GreyLevels(mapping, false, ranges, sampled);
	}

	/** The plane of a channel as bytes 0-255. */
	byte[] toBytes(final ImageProcessor ip, final int channel) {
		if (eightBit) return (byte[]) ip.convertToByteProcessor(false).getPixels();
		double[] range = ranges[channel - 1];
		if (range == null) range = Percentiles.of(List.of(ip), mapping.lowPercentile(), mapping.highPercentile());
		final double min = range[0];
		final double scale = range[1] > range[0] ? 255.0 / (range[1] - range[0]) : 0;
		final int n = ip.getPixelCount();
		final byte[] out = new byte[n];
		for (int i = 0; i < n; i++) {
			final double v = Math.rint((ip.getf(i) - min) * scale);
			out[i] = (byte) (v <= 0 || Double.isNaN(v) ? 0 : v >= 255 ? 255 : (int) v);
		}
		return out;
	}

	/**
	 * Warnings for the log: a channel whose series holds one value only is a blank image to the model, which
	 * will find nothing in it.
	 */
	List<String> warnings(final String title) {
		final List<String> out = new ArrayList<>();
		for (int c = 0; c < ranges.length; c++) {
			if (ranges[c] != null && mapping.mode() == IntensityMapping.Mode.SERIES && ranges[c][0] == ranges[c][1]) {
				final double v = ranges[c][0];
				out.add("Warning: channel " + (c + 1) + " of " + title + " holds one value only (" + (v == Math.rint(v)
					? Long.toString((long) v) : Double.toString(v)) + ") on the frames sampled: the model sees a blank " +
					"image and will likely find nothing. Check the channel.");
			}
		}
		return out;
	}

	/** What was used, for the log. */
	String describe() {
		if (eightBit) return "8-bit values used as they are";
		final StringBuilder s = new StringBuilder(mapping.describe());
		if (mapping.mode() == IntensityMapping.Mode.SERIES) s.append(" (").append(sampledPlanes).append(
			" planes per channel)");
		for (int c = 0; c < ranges.length; c++) {
			if (ranges[c] == null) continue;
			s.append(String.format(Locale.ROOT, "; channel %d: %.6g to %.6g", c + 1, ranges[c][0], ranges[c][1]));
		}
		return s.toString();
	}

	private static double[] displayRange(final ImagePlus imp, final int channel) {
		if (imp instanceof CompositeImage composite) {
			final LUT lut = composite.getChannelLut(channel);
			return new double[] { lut.min, lut.max };
		}
		return new double[] { imp.getDisplayRangeMin(), imp.getDisplayRangeMax() };
	}

	private static List<ImageProcessor> samplePlanes(final ImageStack stack, final TrackingAxis axis,
		final int channel, final int first, final int last)
	{
		final List<Integer> indices = new ArrayList<>();
		for (int plane = 1; plane <= axis.planes(); plane++) {
			for (int p = first; p <= last; p++) indices.add(axis.stackIndex(channel, p, plane));
		}
		final int limit = Math.min(indices.size(), MAX_SAMPLED_PLANES);
		final List<ImageProcessor> planes = new ArrayList<>();
		for (int k = 0; k < limit; k++) {
			final int i = (int) ((long) k * indices.size() / limit);
			planes.add(stack.getProcessor(indices.get(i)));
		}
		return planes;
	}
}
