package org.sam2tracker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.sam2tracker.imagej.TrackingResult;
import org.sam2tracker.io.CsvTableWriter;
import org.sam2tracker.io.CtcResultWriter;
import org.sam2tracker.io.FileCollisions;
import org.sam2tracker.io.LabelTiffWriter;
import org.sam2tracker.io.RunReport;
import org.sam2tracker.io.TrackMateCsv;

/**
 * The results of one input, named after it: {@code <name>-labels.tif}, {@code -spots.csv}, {@code -tracks.csv},
 * {@code -trackmate.csv}, the {@code -ctc} folder and {@code -run.json}, written last. Each appears only
 * when complete.
 */
final class OutputSet {

	private final Path labels;
	private final Path spots;
	private final Path tracks;
	private final Path trackmate;
	private final Path ctc;
	private final Path report;

	OutputSet(final Path folder, final String name) {
		labels = folder.resolve(name + "-labels.tif");
		spots = folder.resolve(name + "-spots.csv");
		tracks = folder.resolve(name + "-tracks.csv");
		trackmate = folder.resolve(name + "-trackmate.csv");
		ctc = folder.resolve(name + "-ctc");
		report = folder.resolve(name + "-run.json");
	}

	List<Path> all() {
		return List.of(labels, spots, tracks, trackmate, ctc, report);
	}

	List<Path> existing() {
		return FileCollisions.existing(all());
	}

	void write(final TrackingResult result, final RunReport runReport) throws IOException {
		LabelTiffWriter.write(result.labels(), labels);
		CsvTableWriter.write(result.spotTable(), spots);
		CsvTableWriter.write(result.trackTable(), tracks);
		TrackMateCsv.write(result.spots(), result.calibration(), trackmate);
		CtcResultWriter.write(result.labels(), ctc);
		runReport.outputs(all()).write(report);
	}

	/** "cells.ome.tif" and "cells.tif" give "cells"; a folder keeps its name. */
	static String baseName(final Path input) {
		String name = input.getFileName().toString();
		if (Files.isDirectory(input)) return name;
		final String lower = name.toLowerCase(Locale.ROOT);
		for (final String ending : new String[] { ".ome.tiff", ".ome.tif" }) {
			if (lower.endsWith(ending)) return name.substring(0, name.length() - ending.length());
		}
		final int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}
}
