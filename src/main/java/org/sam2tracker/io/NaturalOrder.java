package org.sam2tracker.io;

import java.util.Comparator;

/**
 * File names in the order people number them: runs of digits compare as numbers, so frame2 comes before
 * frame10, and letters compare without regard to case. Names equal in that order fall back to plain order, so
 * that the order is total.
 */
final class NaturalOrder implements Comparator<String> {

	static final NaturalOrder INSTANCE = new NaturalOrder();

	private NaturalOrder() {}

	@Override
	public int compare(final String a, final String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			if (isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
				final int endA = digitsEnd(a, i);
				final int endB = digitsEnd(b, j);
				final int byNumber = compareNumbers(a.substring(i, endA), b.substring(j, endB));
				if (byNumber != 0) return byNumber;
				i = endA;
				j = endB;
			}
			else {
				final int byLetter = Character.compare(Character.toLowerCase(a.charAt(i)), Character.toLowerCase(b
					.charAt(j)));
				if (byLetter != 0) return byLetter;
				i++;
				j++;
			}
		}
		final int byLength = Integer.compare(a.length() - i, b.length() - j);
		return byLength != 0 ? byLength : a.compareTo(b);
	}

	private static int digitsEnd(final String s, final int start) {
		int end = start;
		while (end < s.length() && isDigit(s.charAt(end))) end++;
		return end;
	}

	/** ASCII digits only: other scripts' digits would not compare as numbers below. */
	private static boolean isDigit(final char c) {
		return c >= '0' && c <= '9';
	}

	/** Digit strings of any length, without overflow: fewer significant digits is smaller. */
	private static int compareNumbers(final String a, final String b) {
		final String x = stripZeros(a);
		final String y = stripZeros(b);
		if (x.length() != y.length()) return Integer.compare(x.length(), y.length());
		return x.compareTo(y);
	}

	private static String stripZeros(final String digits) {
		int k = 0;
		while (k < digits.length() - 1 && digits.charAt(k) == '0') k++;
		return digits.substring(k);
	}
}
