package org.sam2tracker.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.sam2tracker.results.Table;
import org.sam2tracker.files.AtomicFiles;

/**
 * Writes a table as comma-separated values with a header line. The file appears under its name only when it
 * is complete: it is written beside it under a temporary name and moved into place.
 */
public final class CsvTableWriter {

	private CsvTableWriter() {}

	public static void write(final Table table, final Path file) throws IOException {
		AtomicFiles.write(file, temp -> {
			try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
				out.write(String.join(",", table.columns()));
				out.newLine();
				for (final double[] row : table.rows()) {
					for (int i = 0; i < row.length; i++) {
						if (i > 0) out.write(',');
						out.write(format(row[i]));
					}
					out.newLine();
				}
			}
		});
	}

	/** The shortest text that reads back as the same double; NaN as an empty cell, which spreadsheets read as missing. */
	public static String format(final double v) {
		if (Double.isNaN(v)) return "";
		if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
		return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
	}
}
