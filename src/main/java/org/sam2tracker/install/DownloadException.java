package org.sam2tracker.install;

/**
 * A model file that could not be installed. The message is a complete sentence for the user: what went wrong, and
 * how to fix it. Nothing half-installed is left under the target's name.
 */
public final class DownloadException extends Exception {

	private static final long serialVersionUID = 1L;

	public DownloadException(final String message) {
		super(message);
	}

	public DownloadException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
