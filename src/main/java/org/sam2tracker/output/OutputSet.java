package org.sam2tracker.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.sam2tracker.files.AtomicFiles;
import org.sam2tracker.files.AtomicFolders;
import org.sam2tracker.files.FileProblems;
import org.sam2tracker.run.BadInputException;

/**
 * The result files of one run, named after its input: {@code <name>-labels.tif}, {@code -spots.csv},
 * {@code -tracks.csv}, {@code -trackmate.csv}, the {@code -ctc} folder and {@code -run.json}, the last listing
 * the others. The command line and Fiji's {@code save=} both write this set, the same way:
 * <ol>
 * <li>before any tracking, {@link #prepare} checks the folder (a folder, writable, with room for the results),
 * that every format can hold the labels, and that no results are there (unless overwriting), and takes the lock
 * that keeps a second run off the same results until this one is done;</li>
 * <li>after the tracking, {@link #write} writes every format into a hidden staging folder beside the results
 * and moves them into place together; if anything fails, whatever was moved goes back and the results of an
 * earlier run are restored, so the folder is as it was. A result set appears whole or not at all.</li>
 * </ol>
 */
public final class OutputSet {

	/** Every format a run writes, in the order they are written; the run report comes last. */
	public static final List<OutputFormat> FORMATS = List.of(new LabelTiffWriter(), TableCsv.SPOTS,
		TableCsv.TRACKS, new TrackMateCsv(), new TrackMateXml(), new CtcResultWriter(), new RunReportJson());

	private final Path folder;
	private final String name;
	private final List<OutputFormat> formats;

	/** @param name the base name of the results, from {@link org.sam2tracker.run.ResultNames#base} */
	public OutputSet(final Path folder, final String name) {
		this(folder, name, FORMATS);
	}

	/** A set of other formats: for tests that make one format fail. */
	OutputSet(final Path folder, final String name, final List<OutputFormat> formats) {
		this.folder = folder.toAbsolutePath();
		this.name = name;
		this.formats = List.copyOf(formats);
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

	/** Every output's path, in the order of the formats. */
	public List<Path> paths() {
		final List<Path> paths = new ArrayList<>();
		for (final OutputFormat f : formats) paths.add(path(f));
		return paths;
	}

	/** The outputs that are there already (files, folders, or links, even broken ones). */
	public List<Path> existing() {
		return FileCollisions.existing(paths());
	}

	/**
	 * Everything about the results that can be known before tracking, checked, and the lock taken: hold it until
	 * the results are written (close it then). The folder is made when it is missing.
	 *
	 * @param howToOverwrite how the user asks to overwrite, for the message: "--overwrite", "overwrite"
	 * @throws BadInputException naming the folder and the reason: not a folder, not writable, no room, results
	 *         there already, another run writing them, labels a format cannot hold
	 */
	public OutputLock prepare(final ExpectedOutput expected, final boolean overwrite, final String howToOverwrite)
		throws BadInputException
	{
		for (final OutputFormat f : formats) f.check(expected);
		final Path inTheWay = FileProblems.fileInTheWay(folder);
		if (inTheWay != null) throw cannotWrite(inTheWay + " is a file, not a folder", null);
		try {
			Files.createDirectories(folder);
		}
		catch (final IOException e) {
			throw cannotWrite(FileProblems.reason(e), e);
		}
		final OutputLock lock = OutputLock.take(folder, name);
		try {
			final List<Path> there = existing();
			if (!there.isEmpty() && !overwrite) {
				throw new BadInputException("Results exist already (" + there.get(0).getFileName() + (there.size() > 1
					? " and " + (there.size() - 1) + " more" : "") + " in " + folder + "); give " + howToOverwrite +
					" to replace them.");
			}
			requireRoom(expected);
		}
		catch (final BadInputException e) {
			lock.close();
			throw e;
		}
		return lock;
	}

	private void requireRoom(final ExpectedOutput expected) throws BadInputException {
		long needed = 0;
		for (final OutputFormat f : formats) needed += f.expectedBytes(expected);
		final long free;
		try {
			free = Files.getFileStore(folder).getUsableSpace();
		}
		catch (final IOException e) {
			return; // where the free space cannot be told, the writing will tell
		}
		if (free < needed) {
			throw cannotWrite(String.format(Locale.ROOT, "the results need about %.1f MB and the disk has %.1f MB free",
				needed / 1e6, free / 1e6), null);
		}
	}

	private BadInputException cannotWrite(final String reason, final Throwable cause) {
		return new BadInputException("The results cannot be written into " + folder + ": " + reason + ". Choose " +
			"another output folder.", cause);
	}

	/**
	 * Whether a file or folder is a result of some run, by its name: what a batch over a folder that also receives
	 * the results must not take for an input.
	 */
	public static boolean isResult(final Path path) {
		final String file = path.getFileName().toString();
		return FORMATS.stream().anyMatch(f -> file.endsWith(f.suffix()) && file.length() > f.suffix().length());
	}

	/** Writes every format into the staging folder, then moves the whole set into place; the report comes last. */
	public void write(final RunRecord run) throws IOException {
		run.report().outputs(paths());
		Files.createDirectories(folder);
		final Path staging = AtomicFiles.createSibling(folder, "." + name + "-results", true);
		try {
			for (final OutputFormat f : formats) f.write(run, staging.resolve(name + f.suffix()));
			moveIntoPlace(staging);
		}
		catch (final IOException | RuntimeException e) {
			throw new IOException("the results were not written, and " + folder + " is as it was: " + FileProblems
				.reason(e), e);
		}
		finally {
			AtomicFolders.deleteTree(staging);
		}
	}

	/** Each staged output to its place; results of an earlier run step aside first and come back on failure. */
	private void moveIntoPlace(final Path staging) throws IOException {
		final Path aside = Files.createDirectory(staging.resolve(".replaced"));
		final List<Path> placed = new ArrayList<>();
		final List<Path> replaced = new ArrayList<>();
		try {
			for (final Path target : paths()) {
				final Path file = target.getFileName();
				if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
					Files.move(target, aside.resolve(file), StandardCopyOption.ATOMIC_MOVE);
					replaced.add(target);
				}
				Files.move(staging.resolve(file), target, StandardCopyOption.ATOMIC_MOVE);
				placed.add(target);
			}
		}
		catch (final IOException e) {
			for (final Path target : placed) moveBack(target, staging.resolve(target.getFileName()), e);
			for (final Path target : replaced) moveBack(aside.resolve(target.getFileName()), target, e);
			throw e;
		}
	}

	private static void moveBack(final Path from, final Path to, final IOException failure) {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (final IOException e) {
			failure.addSuppressed(e);
		}
	}
}
