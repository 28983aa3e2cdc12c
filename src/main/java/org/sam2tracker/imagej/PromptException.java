package org.sam2tracker.imagej;

/** A prompt that cannot be used. The message names the ROI and says how to fix it. */
public final class PromptException extends Exception {

	private static final long serialVersionUID = 1L;

	public PromptException(final String message) {
		super(message);
	}
}
