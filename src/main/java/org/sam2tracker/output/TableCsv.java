package org.sam2tracker.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

import org.sam2tracker.imagej.TrackingResult;
import org.sam2tracker.results.Table;

/** One of a run's tables as CSV, with the columns of the Fiji table: the spots, or the tracks. */
final class TableCsv implements OutputFormat {

	/** One row per object and plane where it shows. */
	static final TableCsv SPOTS = new TableCsv("-spots.csv", "the spots table: one row per object and frame",
		TrackingResult::spotTable);
	/** One row per object. */
	static final TableCsv TRACKS = new TableCsv("-tracks.csv", "the tracks table: one row per object",
		TrackingResult::trackTable);

	private final String suffix;
	private final String description;
	private final Function<TrackingResult, Table> table;

	private TableCsv(final String suffix, final String description, final Function<TrackingResult, Table> table) {
		this.suffix = suffix;
		this.description = description;
		this.table = table;
	}

	@Override
	public String suffix() {
		return suffix;
	}

	@Override
	public String description() {
		return description;
	}

	/** At most a row of some 200 characters per object and plane. */
	@Override
	public long expectedBytes(final ExpectedOutput expected) {
		return 200L * expected.maxLabel() * expected.planes();
	}

	@Override
	public void write(final RunRecord run, final Path target) throws IOException {
		CsvTableWriter.write(table.apply(run.result()), target);
	}
}
