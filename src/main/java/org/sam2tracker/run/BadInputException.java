package org.sam2tracker.run;

/** What the user gave cannot be used: an option, an image, prompts, or the place for the results. */
public class BadInputException extends RunException {

	private static final long serialVersionUID = 1L;

	public BadInputException(final String message) {
		super(message, null);
	}

	public BadInputException(final String message, final Throwable cause) {
		super(message, cause);
	}

	@Override
	public ExitStatus exitStatus() {
		return ExitStatus.BAD_INPUT;
	}
}
