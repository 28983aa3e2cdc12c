package org.sam2tracker.run;

/**
 * What a run's end means, for scripts: the command line exits with {@link #code()} (the headless ImageJ launcher
 * exits with 1 when any run of its macro failed). Each {@link RunException} carries the status it ends a run with.
 */
public enum ExitStatus {

	/** Everything asked for was done. */
	OK(0),
	/** A batch went through, but some inputs failed (each was reported). */
	SOME_FAILED(1),
	/** Bad input: options, an image, prompts, or outputs that exist already or cannot be written. */
	BAD_INPUT(2),
	/** The model cannot be found, read or opened. */
	MODEL(3),
	/** The device asked for cannot be used. */
	DEVICE(4),
	/** Java ran out of memory on an input (its heap ceiling was too low for it); nothing of it was written. */
	MEMORY(5),
	/** Cancelled (Esc, Ctrl-C or a termination signal); nothing partial was left under a final name. */
	CANCELLED(130);

	private final int code;

	ExitStatus(final int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}
}
