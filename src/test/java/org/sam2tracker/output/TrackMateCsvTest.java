package org.sam2tracker.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.results.Calibration;
import org.sam2tracker.results.Spot;

/** Spots written under TrackMate's feature keys, with TrackMate's units and counting. */
class TrackMateCsvTest {

	private static final Calibration MICRONS = new Calibration(0.5, 0.25, 2, "micron", 10, "sec");

	@TempDir
	Path dir;

	@Test
	void headerHoldsTrackMatesKeysAndEachSpotIsOneRow() throws Exception {
		final List<Map<String, String>> rows = write(List.of(spot(1, 1, 1, 2.5), spot(1, 3, 2, 1), spot(2, 3, 1,
			Double.NaN)), MICRONS);
		assertEquals(3, rows.size());
		assertEquals(List.of("ID0", "ID1", "ID2"), rows.stream().map(r -> r.get("LABEL")).toList());
		assertEquals(List.of("0", "1", "2"), rows.stream().map(r -> r.get("ID")).toList(), "one id per spot");
		assertEquals(List.of("1", "1", "2"), rows.stream().map(r -> r.get("TRACK_ID")).toList(), "the label");
		assertEquals(List.of("2.5", "1", ""), rows.stream().map(r -> r.get("QUALITY")).toList(),
			"the score; none is an empty cell");
		assertEquals(List.of("1", "1", "1"), rows.stream().map(r -> r.get("VISIBILITY")).toList());
	}

	@Test
	void positionsSizesAndTimesAreCalibratedAndCountFromZero() throws Exception {
		final Map<String, String> row = write(List.of(spot(3, 4, 2, 0.75)), MICRONS).get(0);
		assertEquals(3 * 0.5, number(row, "POSITION_X"), 1e-12, "x centroid 3 px");
		assertEquals(5 * 0.25, number(row, "POSITION_Y"), 1e-12, "y centroid 5 px");
		assertEquals(2, number(row, "POSITION_Z"), 1e-12, "slice 2 lies one spacing above slice 1");
		assertEquals(3, number(row, "FRAME"), "frame 4 counted from 0");
		assertEquals(30, number(row, "POSITION_T"), 1e-12, "three intervals of 10 s");
		final double area = 8 * 0.5 * 0.25;
		assertEquals(area, number(row, "AREA"), 1e-12, "8 pixels");
		assertEquals(Math.sqrt(area / Math.PI), number(row, "RADIUS"), 1e-12, "the disc of the same area");
		assertEquals(12.5, number(row, "MEAN_INTENSITY_CH1"), 1e-12);
	}

	@Test
	void withoutAFrameIntervalTimeIsTheFrame() throws Exception {
		final Map<String, String> row = write(List.of(spot(1, 6, 1, 1)), Calibration.PIXELS).get(0);
		assertEquals(5, number(row, "POSITION_T"));
		assertEquals(8, number(row, "AREA"));
		assertEquals(3, number(row, "POSITION_X"));
	}

	/** Writes, checks the header and that only the file is left, and reads the rows back by column name. */
	private List<Map<String, String>> write(final List<Spot> spots, final Calibration cal) throws Exception {
		final Path file = dir.resolve("spots-trackmate.csv");
		TrackMateCsv.write(spots, cal, file);
		final List<String> lines = Files.readAllLines(file);
		assertEquals("LABEL,ID,TRACK_ID,QUALITY,POSITION_X,POSITION_Y,POSITION_Z,POSITION_T,FRAME,RADIUS," +
			"VISIBILITY,MEAN_INTENSITY_CH1,AREA", lines.get(0));
		try (var files = Files.list(dir)) {
			assertEquals(List.of(file), files.toList(), "no temporary file is left beside it");
		}
		final String[] header = lines.get(0).split(",");
		return lines.stream().skip(1).map(line -> {
			final String[] cells = line.split(",", -1);
			assertEquals(header.length, cells.length, line);
			final Map<String, String> row = new LinkedHashMap<>();
			for (int i = 0; i < header.length; i++) row.put(header[i], cells[i]);
			return row;
		}).toList();
	}

	private static double number(final Map<String, String> row, final String column) {
		return Double.parseDouble(row.get(column));
	}

	/** An 8-pixel spot centred at (3, 5) pixels with mean intensity 12.5. */
	private static Spot spot(final int label, final int frame, final int slice, final double score) {
		return new Spot(label, frame, slice, 3, 5, 8, 2, 4, 2, 4, 12.5, score, false);
	}
}
