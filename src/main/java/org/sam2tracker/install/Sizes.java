package org.sam2tracker.install;

import java.util.Locale;

/** File sizes as people read them: decimal units, as servers and file managers show them. */
public final class Sizes {

	private Sizes() {}

	/** KB below a megabyte, MB below a gigabyte, GB above; "size unknown" for a negative size. */
	public static String of(final long bytes) {
		if (bytes < 0) return "size unknown";
		if (bytes < 1_000_000) return String.format(Locale.ROOT, "%d KB", (bytes + 500) / 1000);
		if (bytes < 10_000_000) return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
		if (bytes < 1_000_000_000) return String.format(Locale.ROOT, "%d MB", (bytes + 500_000) / 1_000_000);
		return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
	}
}
