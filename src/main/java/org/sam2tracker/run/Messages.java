package org.sam2tracker.run;

/** Small helpers for messages that start with a name: "ROI Manager entry 2 ..." at the start of a sentence. */
public final class Messages {

	private Messages() {}

	/** The text with its first letter in upper case. */
	public static String capitalise(final String s) {
		return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
	}

	/** "1 frame", "2 frames". */
	public static String count(final long n, final String noun) {
		return n + " " + noun + (n == 1 ? "" : "s");
	}
}
