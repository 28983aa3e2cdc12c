package org.sam2tracker.output;

import java.io.IOException;
import java.nio.file.Path;

/** The tracks table as CSV: one row per object, the columns of the Fiji table. */
final class TrackTableCsv implements OutputFormat {

	@Override
	public String suffix() {
		return "-tracks.csv";
	}

	@Override
	public String description() {
		return "the tracks table: one row per object";
	}

	@Override
	public void write(final RunRecord run, final Path target) throws IOException {
		CsvTableWriter.write(run.result().trackTable(), target);
	}
}
