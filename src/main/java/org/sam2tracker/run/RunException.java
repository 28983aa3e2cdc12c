package org.sam2tracker.run;

import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.DeviceException;

/**
 * A run that cannot start or go on. The message names the problem and how to fix it, in the user's words; the
 * subclass says what kind of problem it is, and so how a command line ends ({@link #exitStatus()}).
 */
public abstract class RunException extends Exception {

	private static final long serialVersionUID = 1L;

	protected RunException(final String message, final Throwable cause) {
		super(message, cause);
	}

	/** How a run that stops on this problem ends. */
	public abstract ExitStatus exitStatus();

	/** A model that cannot be used, as the problem of a run: a device problem when the device is at fault. */
	public static RunException of(final BundleException e) {
		return e instanceof DeviceException ? new DeviceUnavailableException(e.getMessage(), e) : new ModelException(e
			.getMessage(), e);
	}
}
