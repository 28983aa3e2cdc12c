package org.sam2tracker.track;

/**
 * The frames of a time-lapse (or the slices of a z-stack), read when asked: a stack need not fit in memory.
 * All frames have the same size.
 */
public interface FrameSource {

	int frameCount();

	int width();

	int height();

	/** Frame {@code t}, counted from 0. */
	RgbFrame frame(int t);
}
