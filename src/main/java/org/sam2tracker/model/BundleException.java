package org.sam2tracker.model;

/**
 * A model bundle that cannot be used: missing, damaged, or made for another version. The message names the
 * problem and how to fix it.
 */
public class BundleException extends Exception {

	private static final long serialVersionUID = 1L;

	public BundleException(final String message) {
		super(message);
	}

	public BundleException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
