package org.sam2tracker.run;

import java.util.Locale;

/**
 * What a run that ran out of Java's memory tells the user: the ceiling it met and how to raise it in the front end
 * they use, instead of Java's stack trace. A run's front end adds that nothing was written: results are written
 * only when a run completes.
 */
public final class OutOfMemory {

	private OutOfMemory() {}

	/**
	 * The message, with the front end's way of giving Java more memory ("Edit > Options > Memory & Threads" in
	 * Fiji, a -Xmx option on the command line).
	 */
	public static String message(final String howToRaise) {
		return message(Runtime.getRuntime().maxMemory(), howToRaise);
	}

	/** {@link #message(String)} for a run that stopped: nothing of it was written. */
	public static String runMessage(final String howToRaise) {
		return message(howToRaise) + " Nothing was written.";
	}

	static String message(final long maxHeapBytes, final String howToRaise) {
		return String.format(Locale.ROOT, "Java ran out of memory: it may use at most %s here. Give it more (%s), " +
			"or track at a smaller input size or fewer objects at once.", size(maxHeapBytes), howToRaise);
	}

	/**
	 * In binary units, as -Xmx and Fiji's Memory & Threads count them, so -Xmx40m reads "40 MB" (install.Sizes gives
	 * download sizes in decimal units, as servers show them).
	 */
	private static String size(final long bytes) {
		final double mb = bytes / (double) (1 << 20);
		return mb >= 1024 ? String.format(Locale.ROOT, "%.1f GB", mb / 1024) : String.format(Locale.ROOT, "%.0f MB",
			mb);
	}
}
