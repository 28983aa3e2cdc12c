package org.sam2tracker.imagej;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.awt.Color;

import org.sam2tracker.run.FrameRange;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.track.FrameSource;
import org.sam2tracker.track.RgbFrame;

/**
 * The frames of one run through an image, read from its stack only when asked (a virtual stack stays on disk):
 * one plane across the tracked axis, positions {@code first..last} along it, one channel or all channels merged
 * in their display colours. The image itself is only read.
 */
public final class ImagePlusFrames implements FrameSource {

	private final ImageStack stack;
	private final TrackingAxis axis;
	private final int channel;
	private final int plane;
	private final int first;
	private final int count;
	private final GreyLevels levels;
	private final Color[] colours;

	ImagePlusFrames(final ImagePlus imp, final TrackingAxis axis, final int channel, final int plane,
		final FrameRange range, final GreyLevels levels)
	{
		this.stack = imp.getStack();
		this.axis = axis;
		this.channel = channel;
		this.plane = plane;
		this.first = range.first();
		this.count = range.length();
		this.levels = levels;
		this.colours = channelColours(imp, axis.channels());
	}

	@Override
	public int frameCount() {
		return count;
	}

	@Override
	public int width() {
		return stack.getWidth();
	}

	@Override
	public int height() {
		return stack.getHeight();
	}

	/** The position along the tracked axis (1-based, in the whole image) of frame {@code t} of this source. */
	public int position(final int t) {
		return first + t;
	}

	@Override
	public RgbFrame frame(final int t) {
		if (channel != RunParameters.MERGE_CHANNELS) {
			final ImageProcessor ip = processor(channel, t);
			if (ip instanceof ColorProcessor rgb) return rgbFrame(rgb);
			return RgbFrame.fromGrey(width(), height(), levels.toBytes(ip, channel));
		}
		final int n = width() * height();
		final int[] sum = new int[3 * n];
		for (int c = 1; c <= axis.channels(); c++) {
			final byte[] grey = levels.toBytes(processor(c, t), c);
			final Color colour = colours[c - 1];
			final int[] rgb = { colour.getRed(), colour.getGreen(), colour.getBlue() };
			for (int i = 0; i < n; i++) {
				final int v = grey[i] & 0xff;
				for (int k = 0; k < 3; k++) sum[3 * i + k] += v * rgb[k];
			}
		}
		final byte[] out = new byte[3 * n];
		for (int i = 0; i < out.length; i++) out[i] = (byte) Math.min(255, (sum[i] + 127) / 255);
		return new RgbFrame(width(), height(), out);
	}

	/**
	 * The values measured for frame {@code t}: the tracked channel's raw values, the mean of red, green and
	 * blue for RGB, and the mean of the merged colours when channels are merged.
	 */
	public float[] intensity(final int t) {
		if (channel == RunParameters.MERGE_CHANNELS) return meanOfRgb(frame(t).rgb());
		final ImageProcessor ip = processor(channel, t);
		if (ip instanceof ColorProcessor) return meanOfRgb(rgbFrame((ColorProcessor) ip).rgb());
		final float[] values = new float[ip.getPixelCount()];
		for (int i = 0; i < values.length; i++) values[i] = ip.getf(i);
		return values;
	}

	private ImageProcessor processor(final int c, final int t) {
		return stack.getProcessor(axis.stackIndex(c, position(t), plane));
	}

	private static RgbFrame rgbFrame(final ColorProcessor ip) {
		final int[] pixels = (int[]) ip.getPixels();
		final byte[] rgb = new byte[3 * pixels.length];
		for (int i = 0; i < pixels.length; i++) {
			rgb[3 * i] = (byte) (pixels[i] >> 16);
			rgb[3 * i + 1] = (byte) (pixels[i] >> 8);
			rgb[3 * i + 2] = (byte) pixels[i];
		}
		return new RgbFrame(ip.getWidth(), ip.getHeight(), rgb);
	}

	private static float[] meanOfRgb(final byte[] rgb) {
		final float[] values = new float[rgb.length / 3];
		for (int i = 0; i < values.length; i++) {
			values[i] = ((rgb[3 * i] & 0xff) + (rgb[3 * i + 1] & 0xff) + (rgb[3 * i + 2] & 0xff)) / 3f;
		}
		return values;
	}

	/** Each channel's display colour: the top of its LUT; grey when the image has no channel LUTs. */
	private static Color[] channelColours(final ImagePlus imp, final int channels) {
		final Color[] colours = new Color[channels];
		for (int c = 1; c <= channels; c++) {
			colours[c - 1] = imp instanceof CompositeImage composite ? new Color(composite.getChannelLut(c).getRGB(
				255)) : Color.WHITE;
		}
		return colours;
	}
}
