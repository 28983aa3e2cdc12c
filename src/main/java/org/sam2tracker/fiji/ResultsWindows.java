package org.sam2tracker.fiji;

import ij.measure.ResultsTable;

import org.sam2tracker.imagej.ResultsTables;
import org.sam2tracker.imagej.TrackingResult;

/** The spots and tracks tables in their own windows, named after the label image. */
final class ResultsWindows {

	private ResultsWindows() {}

	static void show(final TrackingResult result) {
		final String base = result.labels().getTitle();
		ResultsTables.fill(new ResultsTable(), result.spotTable()).show(base + "-spots");
		ResultsTables.fill(new ResultsTable(), result.trackTable()).show(base + "-tracks");
	}
}
