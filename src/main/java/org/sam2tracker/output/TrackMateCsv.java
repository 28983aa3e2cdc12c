package org.sam2tracker.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.sam2tracker.results.Calibration;
import org.sam2tracker.results.Spot;
import org.sam2tracker.files.AtomicFiles;

/**
 * The spots as a CSV whose header holds TrackMate's spot feature keys, so that TrackMate's CSV importer, or a
 * script written for TrackMate's exported spot tables, reads it as it is. TrackMate's own export adds three more
 * header lines (names, short names, units); this file has only the keys, so that any CSV reader takes it.
 * <p>
 * As in TrackMate, positions, radius and area are calibrated, FRAME counts from 0 and POSITION_T is FRAME times
 * the frame interval (times 1 without one). ID numbers the rows from 0 and LABEL is "ID" and that number, as
 * TrackMate names spots; TRACK_ID is the object's label and QUALITY its score. RADIUS is that of the disc of the
 * same area. MEAN_INTENSITY_CH1 is the mean of the tracked channel, whichever it was.
 */
public final class TrackMateCsv implements OutputFormat {

	public static final List<String> COLUMNS = List.of("LABEL", "ID", "TRACK_ID", "QUALITY", "POSITION_X",
		"POSITION_Y", "POSITION_Z", "POSITION_T", "FRAME", "RADIUS", "VISIBILITY", "MEAN_INTENSITY_CH1", "AREA");

	TrackMateCsv() {}

	@Override
	public String suffix() {
		return "-trackmate.csv";
	}

	@Override
	public String description() {
		return "the spots with TrackMate's feature names, for TrackMate's CSV importer";
	}

	@Override
	public void write(final RunRecord run, final Path target) throws IOException {
		write(run.result().spots(), run.result().calibration(), target);
	}

	public static void write(final List<Spot> spots, final Calibration cal, final Path file) throws IOException {
		AtomicFiles.write(file, temp -> {
			try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
				out.write(String.join(",", COLUMNS));
				out.newLine();
				for (int id = 0; id < spots.size(); id++) {
					out.write(String.join(",", row(id, spots.get(id), cal)));
					out.newLine();
				}
			}
		});
	}

	private static List<String> row(final int id, final Spot s, final Calibration cal) {
		final int frame = s.frame() - 1;
		final double area = cal.area(s);
		// TrackMate takes a frame interval of 0 (not calibrated) as 1.
		final double interval = cal.frameInterval() > 0 ? cal.frameInterval() : 1;
		final List<String> cells = new ArrayList<>(COLUMNS.size());
		cells.add("ID" + id);
		for (final double v : new double[] { id, s.label(), s.score(), cal.x(s), cal.y(s), cal.z(s), frame * interval,
			frame,
			Math.sqrt(area / Math.PI), 1, s.meanIntensity(), area })
		{
			cells.add(CsvTableWriter.format(v));
		}
		return cells;
	}
}
