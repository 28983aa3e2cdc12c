package org.sam2tracker.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.output.CsvTableWriter;

/** Spots measured from a hand-made label plane, tracks summed from them, and the CSV files they become. */
class ResultsTablesTest {

	private static final Calibration MICRONS = new Calibration(0.5, 0.25, 2, "micron", 10, "sec");

	@TempDir
	Path dir;

	@Test
	void spotsMeasureAreaCentroidBoundsAndIntensity() {
		// 4 x 3 plane: label 1 is the 2 x 2 block at the left, label 3 a single pixel; label 2 is absent.
		final int[] labels = { 1, 1, 0, 0, 1, 1, 0, 3, 0, 0, 0, 0 };
		final float[] intensity = { 10, 20, 0, 0, 30, 40, 0, 7, 0, 0, 0, 0 };
		final double[] scores = { Double.NaN, 2.5, -1, 4 };
		final List<Spot> spots = SpotMeasurer.measure(5, 1, labels, intensity, 4, 3, scores, l -> l == 3);
		assertEquals(2, spots.size(), "no spot for a label without pixels");
		final Spot one = spots.get(0);
		assertEquals(1, one.label());
		assertEquals(4, one.areaPixels());
		assertEquals(1.0, one.xPixels(), 1e-12, "pixel centres 0.5 and 1.5");
		assertEquals(1.0, one.yPixels(), 1e-12);
		assertEquals(25.0, one.meanIntensity(), 1e-12);
		assertEquals(2, one.boundsWidth());
		assertEquals(2.5, one.score());
		assertFalse(one.promptFrame());
		final Spot three = spots.get(1);
		assertEquals(3.5, three.xPixels(), 1e-12);
		assertEquals(1.5, three.yPixels(), 1e-12);
		assertTrue(three.promptFrame());
		final Table table = SpotTable.of(spots, MICRONS);
		assertEquals(4 * 0.5 * 0.25, table.value(0, SpotTable.AREA), 1e-12);
		assertEquals(1.0 * 0.5, table.value(0, SpotTable.X), 1e-12);
		assertEquals(1.0 * 0.25, table.value(0, SpotTable.Y), 1e-12);
		assertEquals(0, table.value(0, SpotTable.Z), 1e-12);
	}

	@Test
	void tracksCountGapsPathAndSpeed() {
		final List<Spot> spots = List.of(spot(2, 1, 0, 0), spot(2, 2, 3, 0), spot(2, 5, 3, 4), spot(1, 3, 0, 0));
		final List<Track> tracks = TrackBuilder.tracks(spots, new Calibration(1, 1, 1, "micron", 10, "sec"), false);
		assertEquals(List.of(1, 2), tracks.stream().map(Track::label).toList());
		final Track two = tracks.get(1);
		assertEquals(1, two.firstFrame());
		assertEquals(5, two.lastFrame());
		assertEquals(3, two.framesPresent());
		assertEquals(2, two.gaps(), "frames 3 and 4 are missing");
		assertEquals(3 + 4, two.pathLength(), 1e-12);
		assertEquals(7.0 / 40, two.meanSpeed(), 1e-12, "7 microns over 4 intervals of 10 s");
		assertTrue(Double.isNaN(tracks.get(0).meanSpeed()), "one sighting has no speed");
		assertTrue(Double.isNaN(TrackBuilder.tracks(spots, Calibration.PIXELS, false).get(1).meanSpeed()),
			"no frame interval, no speed");
	}

	@Test
	void csvFilesHoldEveryValueExactlyAndAppearWhole() throws Exception {
		final Table table = new Table(List.of("Label", "X", "Mean_speed"), List.of(new double[] { 1, 0.1 + 0.2,
			Double.NaN }, new double[] { 12, 1e-7, 3 }));
		final Path file = dir.resolve("sub/spots.csv");
		CsvTableWriter.write(table, file);
		final List<String> lines = Files.readAllLines(file);
		assertEquals(List.of("Label,X,Mean_speed", "1,0.30000000000000004,", "12,0.0000001,3"), lines);
		assertEquals(0.1 + 0.2, Double.parseDouble(lines.get(1).split(",")[1]));
		try (var files = Files.list(file.getParent())) {
			assertEquals(1, files.count(), "no temporary file is left beside it");
		}
	}

	private static Spot spot(final int label, final int frame, final double x, final double y) {
		return new Spot(label, frame, 1, x, y, 1, 0, 0, 1, 1, 0, 1, false);
	}
}
