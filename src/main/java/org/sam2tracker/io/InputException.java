package org.sam2tracker.io;

import org.sam2tracker.run.BadInputException;

/** An input file that cannot be used: missing, unreadable, of a kind that needs a missing reader. */
public final class InputException extends BadInputException {

	private static final long serialVersionUID = 1L;

	public InputException(final String message) {
		super(message);
	}

	public InputException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
