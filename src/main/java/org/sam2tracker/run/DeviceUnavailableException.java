package org.sam2tracker.run;

/** The device that was demanded (a GPU) cannot be used; the message says why. */
public final class DeviceUnavailableException extends RunException {

	private static final long serialVersionUID = 1L;

	public DeviceUnavailableException(final String message, final Throwable cause) {
		super(message, cause);
	}

	@Override
	public ExitStatus exitStatus() {
		return ExitStatus.DEVICE;
	}
}
