package org.sam2tracker.install;

import java.util.Locale;

/** File sizes as people read them. */
public final class Sizes {

	private Sizes() {}

	public static String megabytes(final long bytes) {
		if (bytes < 0) return "size unknown";
		return String.format(Locale.ROOT, bytes < 10_000_000 ? "%.1f MB" : "%.0f MB", bytes / 1e6);
	}
}
