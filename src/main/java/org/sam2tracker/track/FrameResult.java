package org.sam2tracker.track;

import java.util.List;

/** Every object's result on one frame, in the order the objects were first prompted. */
public record FrameResult(int frame, int width, int height, int lowResSize, List<ObjectResult> objects) {

	public FrameResult {
		objects = List.copyOf(objects);
	}

	/** The object's mask at the frame's size: its logits resampled bilinearly, then > 0. */
	public boolean[] mask(final int index) {
		final float[] up = Bilinear.resize(objects.get(index).lowResLogits(), lowResSize, lowResSize, width, height);
		final boolean[] mask = new boolean[up.length];
		for (int i = 0; i < up.length; i++) mask[i] = up[i] > 0;
		return mask;
	}
}
