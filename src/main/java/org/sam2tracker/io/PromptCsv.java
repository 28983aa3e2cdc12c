package org.sam2tracker.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PromptException;
import org.sam2tracker.imagej.TrackingAxis;

/**
 * Prompts from a CSV file with a header line. Columns, in any order: {@code object} and {@code frame}
 * (1-based), optionally {@code z} (the slice, 1 by default), then per row either a click ({@code x}, {@code y}
 * and optionally {@code label}: 1 object, 0 background, 1 by default), a box ({@code x0}, {@code y0},
 * {@code x1}, {@code y1}), or both. Rows of one object on one frame make one prompt. Lines starting with # are
 * comments; a byte order mark before the header is skipped.
 */
public final class PromptCsv {

	private PromptCsv() {}

	public static List<ObjectPrompt> read(final Path file, final TrackingAxis axis, final int width,
		final int height) throws PromptException
	{
		final List<String> lines;
		try {
			lines = new java.util.ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
		}
		catch (final NoSuchFileException e) {
			throw new PromptException("The prompt file " + file + " does not exist.");
		}
		catch (final IOException e) {
			throw new PromptException("Cannot read the prompt file " + file + ": " + e.getMessage());
		}
		final String name = file.getFileName().toString();
		// Spreadsheet programs often start a UTF-8 CSV with a byte order mark; it is not part of the header.
		if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) lines.set(0, lines.get(0).substring(1));
		int headerLine = 0;
		while (headerLine < lines.size() && skip(lines.get(headerLine))) headerLine++;
		if (headerLine == lines.size()) throw new PromptException(name + " is empty: it needs a header line such as " +
			"object,frame,x,y,label and one line per click or box.");
		final Map<String, Integer> columns = new HashMap<>();
		final String[] header = split(lines.get(headerLine));
		for (int i = 0; i < header.length; i++) columns.put(header[i].trim().toLowerCase(Locale.ROOT), i);
		for (final String needed : new String[] { "object", "frame" }) {
			if (!columns.containsKey(needed)) throw new PromptException(name + " has no '" + needed + "' column; " +
				"its header is " + lines.get(headerLine).trim() + ".");
		}
		final boolean clicks = columns.containsKey("x") && columns.containsKey("y");
		final boolean boxes = columns.containsKey("x0") && columns.containsKey("y0") && columns.containsKey("x1") &&
			columns.containsKey("y1");
		if (!clicks && !boxes) throw new PromptException(name + " needs x and y columns for clicks, or x0, y0, x1 " +
			"and y1 for boxes.");
		final PromptAssembler prompts = new PromptAssembler(axis, width, height);
		for (int n = headerLine + 1; n < lines.size(); n++) {
			if (skip(lines.get(n))) continue;
			final String where = name + " line " + (n + 1);
			final String[] cells = split(lines.get(n));
			final int object = whole(cells, columns, "object", where, -1);
			final int frame = whole(cells, columns, "frame", where, -1);
			final int z = whole(cells, columns, "z", where, 1);
			// A row may carry a box and a click together: SAM 2 takes both for one object on one frame.
			final boolean hasBox = boxes && !blank(cells, columns, "x0");
			final boolean hasClick = clicks && !(blank(cells, columns, "x") && blank(cells, columns, "y"));
			if (!hasBox && !hasClick) throw new PromptException(where + " has neither a click (x, y) nor a box (x0, " +
				"y0, x1, y1).");
			if (hasBox) {
				prompts.box(where, object, frame, z, number(cells, columns, "x0", where), number(cells, columns, "y0",
					where), number(cells, columns, "x1", where), number(cells, columns, "y1", where));
			}
			if (hasClick) {
				prompts.click(where, object, frame, z, number(cells, columns, "x", where), number(cells, columns, "y",
					where), whole(cells, columns, "label", where, 1));
			}
		}
		return prompts.prompts(name);
	}

	private static boolean skip(final String line) {
		return line.isBlank() || line.trim().startsWith("#");
	}

	private static String[] split(final String line) {
		return line.split(",", -1);
	}

	private static boolean blank(final String[] cells, final Map<String, Integer> columns, final String column) {
		final Integer i = columns.get(column);
		return i == null || i >= cells.length || cells[i].isBlank();
	}

	private static double number(final String[] cells, final Map<String, Integer> columns, final String column,
		final String where) throws PromptException
	{
		if (blank(cells, columns, column)) throw new PromptException(where + " has no " + column + ".");
		final String cell = cells[columns.get(column)].trim();
		try {
			return Double.parseDouble(cell);
		}
		catch (final NumberFormatException e) {
			throw new PromptException(where + ": " + column + " '" + cell + "' is not a number.");
		}
	}

	private static int whole(final String[] cells, final Map<String, Integer> columns, final String column,
		final String where, final int fallback) throws PromptException
	{
		if (blank(cells, columns, column)) {
			if (fallback >= 0) return fallback;
			throw new PromptException(where + " has no " + column + ".");
		}
		final double v = number(cells, columns, column, where);
		if (v != Math.rint(v)) throw new PromptException(where + ": " + column + " " + v + " is not a whole number.");
		return (int) v;
	}
}
