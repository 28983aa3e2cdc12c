package org.sam2tracker.output;

import java.io.IOException;
import java.nio.file.Path;

/** The spots table as CSV: one row per object and plane where it shows, the columns of the Fiji table. */
final class SpotTableCsv implements OutputFormat {

	@Override
	public String suffix() {
		return "-spots.csv";
	}

	@Override
	public String description() {
		return "the spots table: one row per object and frame";
	}

	@Override
	public void write(final RunRecord run, final Path target) throws IOException {
		CsvTableWriter.write(run.result().spotTable(), target);
	}
}
