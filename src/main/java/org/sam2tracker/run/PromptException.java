package org.sam2tracker.run;

/** A prompt that cannot be used. The message names where it came from (a ROI, a file's line) and the fix. */
public final class PromptException extends BadInputException {

	private static final long serialVersionUID = 1L;

	public PromptException(final String message) {
		super(message);
	}
}
