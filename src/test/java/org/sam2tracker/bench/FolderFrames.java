package org.sam2tracker.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.sam2tracker.testing.TestClips;
import org.sam2tracker.track.FrameSource;
import org.sam2tracker.track.RgbFrame;

/**
 * The first frames of a folder of 00000.jpg (or .png), ..., each read from its file when the engine asks, as the
 * plugin reads a time-lapse: a long clip then costs the benchmark no memory of its own, and the time spent
 * decoding files is counted apart so that it can be left out of the engine's figures.
 */
final class FolderFrames implements FrameSource {

	private final Path dir;
	private final int count;
	private final int width;
	private final int height;
	private long readNanos;

	FolderFrames(final Path dir, final int count) {
		for (int t = 0; t < count; t++) {
			if (!Files.isRegularFile(TestClips.frameFile(dir, t))) {
				throw new IllegalArgumentException(dir + " has no frame " + t + " (" + count + " frames are needed)");
			}
		}
		final RgbFrame first = TestClips.readFrame(TestClips.frameFile(dir, 0));
		this.dir = dir;
		this.count = count;
		this.width = first.width();
		this.height = first.height();
	}

	@Override
	public int frameCount() {
		return count;
	}

	@Override
	public int width() {
		return width;
	}

	@Override
	public int height() {
		return height;
	}

	@Override
	public RgbFrame frame(final int t) {
		final long start = System.nanoTime();
		final RgbFrame frame = TestClips.readFrame(TestClips.frameFile(dir, t));
		readNanos += System.nanoTime() - start;
		return frame;
	}

	/** Milliseconds spent reading frame files since the last reset. */
	double readMillis() {
		return readNanos / 1e6;
	}

	void resetReadTime() {
		readNanos = 0;
	}
}
