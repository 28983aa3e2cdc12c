package org.sam2tracker.cli;

/** What the command line's exit status means, for scripts. */
public final class ExitCodes {

	/** Everything asked for was done. */
	public static final int OK = 0;
	/** A batch went through, but some inputs failed (each was reported). */
	public static final int SOME_FAILED = 1;
	/** Bad input: options, an image, prompts, or outputs that exist already. */
	public static final int BAD_INPUT = 2;
	/** The model cannot be found, read or opened. */
	public static final int MODEL = 3;
	/** The device asked for cannot be used. */
	public static final int DEVICE = 4;
	/** Cancelled (Ctrl-C or a termination signal); nothing partial was left under a final name. */
	public static final int CANCELLED = 130;

	private ExitCodes() {}
}
