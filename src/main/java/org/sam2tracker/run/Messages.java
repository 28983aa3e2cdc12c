package org.sam2tracker.run;

/** Small helpers for messages that start with a name: "ROI Manager entry 2 ..." at the start of a sentence. */
public final class Messages {

	private Messages() {}

	private static String capitalise(final String s) {
		return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
	}

	/**
	 * A source's name as the start of a sentence: "the selection" becomes "The selection", while a file's name
	 * ("cells.csv line 2") is left as it is written.
	 */
	public static String startOfSentence(final String source) {
		final int space = source.indexOf(' ');
		final String first = space < 0 ? source : source.substring(0, space);
		return first.chars().allMatch(Character::isLetter) ? capitalise(source) : source;
	}
}
