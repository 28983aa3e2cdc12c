package org.sam2tracker.install;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Content-Range header, "bytes first-last/total" in a 206 answer or "bytes *&#47;total" in a 416 one. -1 stands
 * for a part the header leaves out.
 */
record ContentRange(long first, long last, long total) {

	private static final Pattern FORMAT = Pattern.compile(
		"\\s*bytes\\s+(?:(\\d{1,18})-(\\d{1,18})|\\*)\\s*/\\s*(\\d{1,18}|\\*)\\s*", Pattern.CASE_INSENSITIVE);

	/** The header's range, or null where it is missing or malformed. */
	static ContentRange parse(final String header) {
		if (header == null) return null;
		final Matcher m = FORMAT.matcher(header);
		if (!m.matches()) return null;
		final long first = m.group(1) == null ? -1 : Long.parseLong(m.group(1));
		final long last = m.group(2) == null ? -1 : Long.parseLong(m.group(2));
		final long total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
		if (first > last || (total >= 0 && last >= total)) return null;
		return new ContentRange(first, last, total);
	}

	/** How many bytes the body holds; -1 without a range. */
	long length() {
		return first < 0 ? -1 : last - first + 1;
	}
}
