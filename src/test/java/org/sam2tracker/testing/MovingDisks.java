package org.sam2tracker.testing;

import org.sam2tracker.track.FrameSource;
import org.sam2tracker.track.RgbFrame;

/**
 * A synthetic time-lapse of any length, made on the fly: bright disks on a dark background, each moving on
 * its own slow circle. Ground truth is known exactly: {@link #inside(int, int, int, int)}.
 */
public final class MovingDisks implements FrameSource {

	private final int frames;
	private final int width;
	private final int height;
	private final int disks;
	private final double radius;

	public MovingDisks(final int frames, final int width, final int height, final int disks, final double radius) {
		this.frames = frames;
		this.width = width;
		this.height = height;
		this.disks = disks;
		this.radius = radius;
	}

	@Override
	public int frameCount() {
		return frames;
	}

	@Override
	public int width() {
		return width;
	}

	@Override
	public int height() {
		return height;
	}

	/** Centre of disk d on frame t. */
	public double[] centre(final int d, final int t) {
		final double cx = width * (d + 0.5) / disks;
		final double cy = height / 2.0;
		final double angle = 2 * Math.PI * (t / 120.0 + d / (double) disks);
		final double swing = Math.min(width / (2.0 * disks), height / 2.0) - radius - 2;
		return new double[] { cx + 0.5 * swing * Math.cos(angle), cy + swing * Math.sin(angle) };
	}

	public boolean inside(final int d, final int t, final int x, final int y) {
		final double[] c = centre(d, t);
		final double dx = x + 0.5 - c[0];
		final double dy = y + 0.5 - c[1];
		return dx * dx + dy * dy <= radius * radius;
	}

	@Override
	public RgbFrame frame(final int t) {
		final byte[] grey = new byte[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int v = 20 + ((x * 7 + y * 13 + t * 5) % 11); // faint texture so that frames differ
				for (int d = 0; d < disks; d++) {
					if (inside(d, t, x, y)) v = 220;
				}
				grey[y * width + x] = (byte) v;
			}
		}
		return RgbFrame.fromGrey(width, height, grey);
	}
}
