package org.sam2tracker.model;

/** The device that was demanded cannot be used (a GPU that cannot start). The message says why and what to do. */
public final class DeviceException extends BundleException {

	private static final long serialVersionUID = 1L;

	public DeviceException(final String message) {
		super(message);
	}
}
