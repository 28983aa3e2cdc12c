package org.sam2tracker.track;

/**
 * One object's work on one frame: whether the frame conditions the object (a new prompt where it has not been
 * tracked) or is tracked from its memory, the direction it is tracked in, the prompt that applies (clicks in
 * model pixels, or a mask), and the output once the graphs have run.
 */
final class FrameJob {

	final TrackedObject object;
	/** The object's place in the session's order, which is also its place in the frame's result. */
	final int index;
	final boolean initial;
	final boolean reverse;
	final float[] coords;
	final int[] labels;
	final float[] mask;
	StoredOutput output;

	FrameJob(final TrackedObject object, final int index, final boolean initial, final boolean reverse,
		final float[] coords, final int[] labels, final float[] mask)
	{
		this.object = object;
		this.index = index;
		this.initial = initial;
		this.reverse = reverse;
		this.coords = coords;
		this.labels = labels;
		this.mask = mask;
	}

	boolean fromPrompt() {
		return labels != null || mask != null;
	}

	/** Points this job gives the decoder: its clicks, or without clicks one point that is not a point. */
	int decoderPoints() {
		return labels == null ? 1 : labels.length;
	}
}
