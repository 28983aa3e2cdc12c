package org.sam2tracker.run;

import java.util.Locale;

/** Durations as people read them on a progress line: 4:05, or 1:02:03 past an hour. */
public final class Clock {

	private Clock() {}

	public static String format(final double seconds) {
		final long s = Math.round(seconds);
		return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format(
			Locale.ROOT, "%d:%02d", s / 60, s % 60);
	}
}
