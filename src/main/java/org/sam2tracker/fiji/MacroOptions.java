package org.sam2tracker.fiji;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ImageJ macro options string ({@code key=value key=[value with spaces] flag}) read into keys and values.
 * A flag (a checkbox that was ticked) has the value "". Keys are lower case.
 */
final class MacroOptions {

	private final Map<String, String> values = new LinkedHashMap<>();

	MacroOptions(final String options) {
		final String s = options == null ? "" : options;
		int i = 0;
		while (i < s.length()) {
			while (i < s.length() && s.charAt(i) == ' ') i++;
			if (i >= s.length()) break;
			int j = i;
			while (j < s.length() && s.charAt(j) != ' ' && s.charAt(j) != '=') j++;
			final String key = s.substring(i, j).toLowerCase(java.util.Locale.ROOT);
			if (j < s.length() && s.charAt(j) == '=') {
				j++;
				final int end;
				final String value;
				if (j < s.length() && s.charAt(j) == '[') {
					end = s.indexOf(']', j);
					if (end < 0) throw new IllegalArgumentException("The option " + key + " opens a [ without closing it.");
					value = s.substring(j + 1, end);
					i = end + 1;
				}
				else {
					end = s.indexOf(' ', j) < 0 ? s.length() : s.indexOf(' ', j);
					value = s.substring(j, end);
					i = end;
				}
				values.put(key, value);
			}
			else {
				values.put(key, "");
				i = j;
			}
		}
	}

	boolean has(final String key) {
		return values.containsKey(key);
	}

	String get(final String key, final String fallback) {
		final String v = values.get(key);
		return v == null ? fallback : v;
	}

	double number(final String key, final double fallback) {
		final String v = values.get(key);
		if (v == null || v.isBlank()) return fallback;
		try {
			return Double.parseDouble(v.trim());
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException("The option " + key + "=" + v + " is not a number.");
		}
	}

	void forEach(final java.util.function.BiConsumer<String, String> action) {
		values.forEach(action);
	}

	/** Keys that are not among the known ones: usually a typing error in a macro. */
	java.util.List<String> unknown(final java.util.Set<String> known) {
		return values.keySet().stream().filter(k -> !known.contains(k)).toList();
	}
}
