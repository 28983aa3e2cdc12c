package org.sam2tracker.io;

import java.util.List;

import org.sam2tracker.imagej.TrackingAxis;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PromptException;
import org.sam2tracker.run.PromptKey;
import org.sam2tracker.run.PromptMerger;

/**
 * The pieces of a prompt file (clicks and boxes, each with its object, frame and slice, 1-based as in ImageJ)
 * handed to the shared {@link PromptMerger}: in a z-stack tracked along Z the slice is the position and the frame
 * is 1. Frames and slices are checked against the image here, since only a file names them by number.
 */
final class PromptAssembler {

	private final TrackingAxis axis;
	private final PromptMerger merger;

	PromptAssembler(final TrackingAxis axis, final int width, final int height) {
		this.axis = axis;
		this.merger = new PromptMerger(width, height);
	}

	void click(final String where, final int object, final int frame, final int slice, final double x,
		final double y, final int label) throws PromptException
	{
		merger.click(key(where, object, frame, slice), x, y, label, where);
	}

	void box(final String where, final int object, final int frame, final int slice, final double x0,
		final double y0, final double x1, final double y1) throws PromptException
	{
		merger.box(key(where, object, frame, slice), x0, y0, x1, y1, where);
	}

	void mask(final String where, final int object, final int frame, final int slice, final boolean[] mask)
		throws PromptException
	{
		merger.mask(key(where, object, frame, slice), mask, where);
	}

	List<ObjectPrompt> prompts(final String file) throws PromptException {
		if (merger.keys().isEmpty()) throw new PromptException(file + " holds no prompts.");
		return merger.prompts();
	}

	PromptKey key(final String where, final int object, final int frame, final int slice)
		throws PromptException
	{
		if (frame < 1 || frame > axis.frames()) {
			throw new PromptException(where + ": frame " + frame + " is not in the image, which has " + axis.frames() +
				" frame" + (axis.frames() == 1 ? "" : "s") + ".");
		}
		if (slice < 1 || slice > axis.slices()) {
			throw new PromptException(where + ": slice " + slice + " is not in the image, which has " + axis.slices() +
				" slice" + (axis.slices() == 1 ? "" : "s") + ".");
		}
		return new PromptKey(object, axis.alongZ() ? slice : frame, axis.alongZ() ? 1 : slice);
	}
}
