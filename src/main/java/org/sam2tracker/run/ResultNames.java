package org.sam2tracker.run;

import java.util.regex.Pattern;

/**
 * The name a run's results are named after: the input's file name (or an image's title) without its extension,
 * so that {@code cells.tif}, {@code cells.ome.tif} and an image titled {@code cells.tif} all give {@code cells}.
 * The command line and Fiji name results alike through this one rule.
 */
public final class ResultNames {

	/** What counts as an extension: a dot, a letter, then up to seven letters or digits (".tif", ".czi", ".h5"). */
	private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z][A-Za-z0-9]{0,7}$");

	private ResultNames() {}

	/** "cells.ome.tif" becomes "cells"; a name without an extension stays as it is; a blank one is "image". */
	public static String base(final String fileName) {
		if (fileName == null || fileName.isBlank()) return "image";
		String base = fileName.strip();
		final String stripped = EXTENSION.matcher(base).replaceFirst("");
		if (!stripped.isEmpty()) base = stripped;
		if (base.toLowerCase(java.util.Locale.ROOT).endsWith(".ome") && base.length() > 4) {
			base = base.substring(0, base.length() - 4);
		}
		return base;
	}
}
