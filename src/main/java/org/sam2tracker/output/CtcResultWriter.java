package org.sam2tracker.output;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.sam2tracker.files.AtomicFiles;
import org.sam2tracker.results.Lineage;
import org.sam2tracker.files.AtomicFolders;
import org.sam2tracker.run.BadInputException;

/**
 * Writes a label image as a Cell Tracking Challenge result folder: mask000.tif, mask001.tif, ... (one 16-bit
 * TIFF per time point, a stack of the slices when there are several; four digits past 1000 time points) and
 * res_track.txt, one line "L B E P" per track. Objects that leave and come back are split as {@link CtcTracks}
 * says, and the masks carry the new labels. A z-stack followed along Z is one time point: one mask000.tif
 * stack, and every object a track from 0 to 0. The folder appears only complete.
 */
public final class CtcResultWriter implements OutputFormat {

	/** CTC masks are 16-bit. */
	private static final int MAX_LABEL = 65535;

	CtcResultWriter() {}

	@Override
	public String suffix() {
		return "-ctc";
	}

	@Override
	public String description() {
		return "a Cell Tracking Challenge result folder: mask000.tif, ... and res_track.txt";
	}

	@Override
	public void check(final ExpectedOutput expected) throws BadInputException {
		if (expected.maxLabel() > MAX_LABEL) {
			throw new BadInputException("The objects are numbered up to " + expected.maxLabel() + ", but a Cell " +
				"Tracking Challenge result holds labels up to " + MAX_LABEL + " (its masks are 16-bit). Number the " +
				"objects from 1 without gaps, or track fewer at once.");
		}
	}

	@Override
	public long expectedBytes(final ExpectedOutput expected) {
		return (long) expected.width() * expected.height() * expected.planes() * 2;
	}

	@Override
	public void write(final RunRecord run, final Path target) throws IOException {
		write(run.result().labels(), run.result().lineage(), target);
	}

	/** @throws IOException also when the labels, new segments included, do not fit in 16 bits */
	public static void write(final ImagePlus labels, final Path folder) throws IOException {
		write(labels, Lineage.NONE, folder);
	}

	/** With the lineage's divisions as parent links: a daughter's first segment names its parent's last. */
	public static void write(final ImagePlus labels, final Lineage lineage, final Path folder) throws IOException {
		if (labels.getNChannels() != 1) {
			throw new IllegalArgumentException("A label image has one channel, not " + labels.getNChannels());
		}
		final List<CtcTracks.Track> tracks = CtcTracks.of(presence(labels), lineage);
		final int largest = tracks.stream().mapToInt(CtcTracks.Track::label).max().orElse(0);
		if (largest > MAX_LABEL) {
			throw new IOException("Cannot write a CTC result: its labels (objects split at gaps included) go up " +
				"to " + largest + ", and CTC masks are 16-bit (at most " + MAX_LABEL + ").");
		}
		AtomicFolders.write(folder, temp -> {
			final int frames = labels.getNFrames();
			final int digits = Math.max(3, String.valueOf(frames - 1).length());
			for (int t = 1; t <= frames; t++) {
				final ImagePlus mask = mask(labels, t, relabelling(tracks, t - 1, largest));
				final String name = String.format(Locale.ROOT, "mask%0" + digits + "d.tif", t - 1);
				AtomicFiles.write(temp.resolve(name), file -> save(mask, file));
			}
			final String lines = tracks.stream().map(CtcTracks.Track::line).collect(Collectors.joining("\n",
				"", tracks.isEmpty() ? "" : "\n"));
			AtomicFiles.write(temp.resolve("res_track.txt"), file -> Files.writeString(file, lines,
				StandardCharsets.US_ASCII));
		});
	}

	/** For each label, the time points (from 0) where it shows on any slice. */
	private static SortedMap<Integer, BitSet> presence(final ImagePlus labels) throws IOException {
		final SortedMap<Integer, BitSet> presence = new TreeMap<>();
		final ImageStack stack = labels.getStack();
		for (int t = 1; t <= labels.getNFrames(); t++) {
			final BitSet here = new BitSet();
			for (int z = 1; z <= labels.getNSlices(); z++) {
				final ImageProcessor ip = stack.getProcessor(labels.getStackIndex(1, z, t));
				for (int p = 0; p < ip.getPixelCount(); p++) {
					final float v = ip.getf(p);
					if (!(v > 0)) continue;
					// Checked here, before a huge label would size the set.
					if (v > MAX_LABEL) throw new IOException("Cannot write a CTC result: label " + (long) v +
						" does not fit in a 16-bit CTC mask (at most " + MAX_LABEL + ").");
					here.set((int) v);
				}
			}
			for (int l = here.nextSetBit(1); l >= 0; l = here.nextSetBit(l + 1)) {
				presence.computeIfAbsent(l, k -> new BitSet()).set(t - 1);
			}
		}
		return presence;
	}

	/** The label each image label takes at one time point: its own, or that of the segment it is part of there. */
	private static int[] relabelling(final List<CtcTracks.Track> tracks, final int time, final int largest) {
		final int[] map = new int[largest + 1];
		for (int l = 0; l < map.length; l++) map[l] = l;
		for (final CtcTracks.Track tr : tracks) {
			if (tr.label() != tr.source() && tr.begin() <= time && time <= tr.end()) map[tr.source()] = tr.label();
		}
		return map;
	}

	private static ImagePlus mask(final ImagePlus labels, final int t, final int[] map) {
		final ImageStack in = labels.getStack();
		final ImageStack out = new ImageStack(labels.getWidth(), labels.getHeight());
		for (int z = 1; z <= labels.getNSlices(); z++) {
			final ImageProcessor src = in.getProcessor(labels.getStackIndex(1, z, t));
			final short[] pixels = new short[src.getPixelCount()];
			for (int p = 0; p < pixels.length; p++) {
				final float v = src.getf(p);
				if (v > 0) pixels[p] = (short) map[(int) v];
			}
			out.addSlice(new ShortProcessor(labels.getWidth(), labels.getHeight(), pixels, null));
		}
		final ImagePlus mask = new ImagePlus("mask", out);
		mask.setDimensions(1, labels.getNSlices(), 1);
		mask.setCalibration(labels.getCalibration().copy());
		return mask;
	}

	private static void save(final ImagePlus mask, final Path file) throws IOException {
		final FileSaver saver = new FileSaver(mask);
		final String path = file.toString();
		final boolean saved = mask.getStackSize() > 1 ? saver.saveAsTiffStack(path) : saver.saveAsTiff(path);
		if (!saved) throw new IOException("Cannot write the CTC mask " + file);
	}
}
