package org.sam2tracker.install;

/** An install that did not happen; the message says why and what to do, and nothing was left half-installed. */
public final class InstallException extends Exception {

	private static final long serialVersionUID = 1L;

	public InstallException(final String message) {
		super(message);
	}

	public InstallException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
