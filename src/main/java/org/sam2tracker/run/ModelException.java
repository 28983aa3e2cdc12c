package org.sam2tracker.run;

/** The model cannot be found, read or opened. */
public final class ModelException extends RunException {

	private static final long serialVersionUID = 1L;

	public ModelException(final String message, final Throwable cause) {
		super(message, cause);
	}

	@Override
	public ExitStatus exitStatus() {
		return ExitStatus.MODEL;
	}
}
