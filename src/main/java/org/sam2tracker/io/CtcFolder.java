package org.sam2tracker.io;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.sam2tracker.evaluate.CtcTracking;

/**
 * Reads Cell Tracking Challenge folders: a result ({@code mask000.tif ...} and {@code res_track.txt}, as the
 * tracker writes them) or a ground truth ({@code TRA/man_track000.tif ...} with {@code TRA/man_track.txt}, and
 * the segmentation truth {@code SEG/man_seg000.tif ...} of some time points). Every problem names the file.
 */
public final class CtcFolder {

	private static final Pattern RESULT = Pattern.compile("mask(\\d+)\\.tif");
	private static final Pattern TRUTH = Pattern.compile("man_track(\\d+)\\.tif");
	private static final Pattern SEG = Pattern.compile("man_seg_?(\\d+)\\.tif");

	/** A segmentation truth: its label frames and the time point of each. */
	public record Segmentation(List<int[]> frames, List<Integer> timePoints) {}

	private CtcFolder() {}

	public static CtcTracking readResult(final Path folder) throws InputException {
		return read(folder, RESULT, folder.resolve("res_track.txt"));
	}

	public static CtcTracking readTruth(final Path folder) throws InputException {
		final Path tra = folder.resolve("TRA");
		return read(tra, TRUTH, tra.resolve("man_track.txt"));
	}

	/** The truth's SEG folder, or empty frames where it has none. */
	public static Segmentation readSegmentation(final Path truth) throws InputException {
		final Path seg = truth.resolve("SEG");
		if (!Files.isDirectory(seg)) return new Segmentation(List.of(), List.of());
		final TreeMap<Integer, Path> files = files(seg, SEG);
		final List<int[]> frames = new ArrayList<>();
		for (final Path f : files.values()) frames.add(labels(f));
		return new Segmentation(frames, List.copyOf(files.keySet()));
	}

	private static CtcTracking read(final Path folder, final Pattern names, final Path table) throws InputException {
		if (!Files.isDirectory(folder)) throw new InputException(folder + " is not a folder.");
		final TreeMap<Integer, Path> files = files(folder, names);
		if (files.isEmpty()) throw new InputException(folder + " holds no " + names.pattern().replace("(\\d+)\\.", "###.")
			+ " files.");
		final List<int[]> frames = new ArrayList<>();
		int expected = 0;
		for (final Map.Entry<Integer, Path> f : files.entrySet()) {
			if (f.getKey() != expected++) throw new InputException(folder + ": time point " + (expected - 1) + " is " +
				"missing (the files must count from 0 without a gap).");
			frames.add(labels(f.getValue()));
		}
		return new CtcTracking(frames, tracks(table, frames.size()));
	}

	private static TreeMap<Integer, Path> files(final Path folder, final Pattern names) throws InputException {
		final TreeMap<Integer, Path> out = new TreeMap<>();
		try (Stream<Path> list = Files.list(folder)) {
			for (final Path p : list.toList()) {
				final Matcher m = names.matcher(p.getFileName().toString());
				if (m.matches()) out.put(Integer.parseInt(m.group(1)), p);
			}
		}
		catch (final IOException e) {
			throw new InputException(folder + " cannot be read: " + e.getMessage());
		}
		return out;
	}

	/** One time point's labels, flat; a 3D mask's slices one after the other. */
	private static int[] labels(final Path file) throws InputException {
		final ImagePlus imp = IJ.openImage(file.toString());
		if (imp == null) throw new InputException(file + " cannot be read as a TIFF label image.");
		if (imp.getBitDepth() == 24 || imp.getBitDepth() == 32) {
			throw new InputException(file + " is not a label image (8 or 16-bit).");
		}
		final ImageStack stack = imp.getStack();
		final int plane = imp.getWidth() * imp.getHeight();
		final int[] out = new int[plane * stack.getSize()];
		for (int s = 1; s <= stack.getSize(); s++) {
			final ImageProcessor ip = stack.getProcessor(s);
			for (int p = 0; p < plane; p++) out[(s - 1) * plane + p] = ip.get(p);
		}
		return out;
	}

	private static Map<Integer, CtcTracking.Track> tracks(final Path table, final int timePoints)
		throws InputException
	{
		final List<String> lines;
		try {
			lines = Files.readAllLines(table);
		}
		catch (final IOException e) {
			throw new InputException(table + " cannot be read: " + e.getMessage());
		}
		final Map<Integer, CtcTracking.Track> tracks = new HashMap<>();
		for (int i = 0; i < lines.size(); i++) {
			final String line = lines.get(i).strip();
			if (line.isEmpty()) continue;
			final String[] f = line.split("\\s+");
			try {
				if (f.length != 4) throw new NumberFormatException();
				final CtcTracking.Track t = new CtcTracking.Track(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer
					.parseInt(f[2]), Integer.parseInt(f[3]));
				if (t.begin() < 0 || t.end() < t.begin() || t.end() >= timePoints) {
					throw new InputException(table + ", line " + (i + 1) + ": track " + t.label() + " runs from " + t.begin() +
						" to " + t.end() + ", outside the " + timePoints + " time points.");
				}
				tracks.put(t.label(), t);
			}
			catch (final NumberFormatException e) {
				throw new InputException(table + ", line " + (i + 1) + " is not \"L B E P\" (four whole numbers): " + line);
			}
		}
		return tracks;
	}
}
