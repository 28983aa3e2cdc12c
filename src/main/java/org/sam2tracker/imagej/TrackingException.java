package org.sam2tracker.imagej;

/** A run that cannot start: bad image, bad options, or a model that cannot be used. The message says why. */
public final class TrackingException extends Exception {

	private static final long serialVersionUID = 1L;

	public TrackingException(final String message) {
		super(message);
	}

	public TrackingException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
