package org.sam2tracker.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.sam2tracker.run.BadInputException;

/**
 * The result files of one run, named after its input: {@code <name>-labels.tif}, {@code -spots.csv},
 * {@code -tracks.csv}, {@code -trackmate.csv}, the {@code -ctc} folder and {@code -run.json}, written last and
 * listing the others. The command line and Fiji's {@code save=} both write this set. Each file appears only when
 * complete.
 */
public final class OutputSet {

	/** Every format a run writes, in the order they are written; the run report comes last. */
	public static final List<OutputFormat> FORMATS = List.of(new LabelTiffWriter(), TableCsv.SPOTS,
		TableCsv.TRACKS, new TrackMateCsv(), new CtcResultWriter(), new RunReportJson());

	private final Path folder;
	private final String name;

	/** @param name the base name of the results, from {@link org.sam2tracker.run.ResultNames#base} */
	public OutputSet(final Path folder, final String name) {
		this.folder = folder;
		this.name = name;
	}

	public Path folder() {
		return folder;
	}

	public String name() {
		return name;
	}

	public Path path(final OutputFormat format) {
		return folder.resolve(name + format.suffix());
	}

	/** Every output's path, in the order of {@link #FORMATS}. */
	public List<Path> paths() {
		final List<Path> paths = new ArrayList<>();
		for (final OutputFormat f : FORMATS) paths.add(path(f));
		return paths;
	}

	/** The outputs that are there already (files, folders, or links, even broken ones). */
	public List<Path> existing() {
		return FileCollisions.existing(paths());
	}

	/**
	 * Refuses a run whose results exist, unless the user asked to overwrite them: the same rule from the command
	 * line and from Fiji, checked before any tracking starts.
	 *
	 * @param howToOverwrite how the user asks to overwrite, for the message: "--overwrite", "overwrite"
	 */
	public void refuseExisting(final boolean overwrite, final String howToOverwrite) throws BadInputException {
		final List<Path> existing = existing();
		if (existing.isEmpty() || overwrite) return;
		throw new BadInputException("Results exist already (" + existing.get(0).getFileName() + (existing.size() > 1
			? " and " + (existing.size() - 1) + " more" : "") + " in " + folder + "); give " + howToOverwrite +
			" to replace them.");
	}

	/**
	 * Whether a file or folder is a result of some run, by its name: what a batch over a folder that also receives
	 * the results must not take for an input.
	 */
	public static boolean isResult(final Path path) {
		final String name = path.getFileName().toString();
		return FORMATS.stream().anyMatch(f -> name.endsWith(f.suffix()) && name.length() > f.suffix().length());
	}

	/** Writes every format, the run report last. */
	public void write(final RunRecord run) throws IOException {
		run.report().outputs(paths());
		for (final OutputFormat f : FORMATS) f.write(run, path(f));
	}
}
