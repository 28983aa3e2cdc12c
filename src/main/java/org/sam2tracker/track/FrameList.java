package org.sam2tracker.track;

import java.util.List;

/** A frame source over frames already in memory, all of one size. */
public record FrameList(List<RgbFrame> frames) implements FrameSource {

	public FrameList {
		frames = List.copyOf(frames);
		if (frames.isEmpty()) throw new IllegalArgumentException("a frame list needs at least one frame");
		for (final RgbFrame f : frames) {
			if (f.width() != frames.get(0).width() || f.height() != frames.get(0).height()) {
				throw new IllegalArgumentException("all frames must have one size; found " + f.width() + " x " +
					f.height() + " beside " + frames.get(0).width() + " x " + frames.get(0).height());
			}
		}
	}

	@Override
	public int frameCount() {
		return frames.size();
	}

	@Override
	public int width() {
		return frames.get(0).width();
	}

	@Override
	public int height() {
		return frames.get(0).height();
	}

	@Override
	public RgbFrame frame(final int t) {
		return frames.get(t);
	}
}
