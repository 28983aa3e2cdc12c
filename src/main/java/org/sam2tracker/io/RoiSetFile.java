package org.sam2tracker.io;

import ij.gui.Roi;
import ij.io.RoiDecoder;
import ij.io.RoiEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.sam2tracker.run.PromptException;
import org.sam2tracker.imagej.RoiPrompts;
import org.sam2tracker.files.AtomicFiles;

/**
 * ImageJ RoiSet files (.zip of .roi entries, as the ROI Manager saves them, or a single .roi), read and written
 * without the ROI Manager, which needs a screen. Entries are prompts in the same way as ROI Manager entries.
 */
public final class RoiSetFile {

	private RoiSetFile() {}

	public static List<RoiPrompts.NamedRoi> read(final Path file) throws PromptException {
		final String shown = file.getFileName().toString();
		try {
			if (shown.toLowerCase(java.util.Locale.ROOT).endsWith(".roi")) {
				final Roi roi = decode(Files.readAllBytes(file), shown);
				return List.of(new RoiPrompts.NamedRoi(roi, shown + name(roi)));
			}
			final List<RoiPrompts.NamedRoi> rois = new ArrayList<>();
			// The zip's central directory lists every entry: a file cut short loses it, and is refused whole rather
			// than read as the entries that happen to come first.
			try (ZipFile zip = new ZipFile(file.toFile())) {
				for (final ZipEntry e : java.util.Collections.list(zip.entries())) {
					if (!e.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".roi")) continue;
					final byte[] bytes;
					try (InputStream in = zip.getInputStream(e)) {
						bytes = in.readAllBytes();
					}
					final Roi roi = decode(bytes, e.getName());
					rois.add(new RoiPrompts.NamedRoi(roi, shown + " entry " + (rois.size() + 1) + name(roi)));
				}
			}
			if (rois.isEmpty()) throw new PromptException(shown + " holds no ROIs: save prompts with the ROI " +
				"Manager's More > Save...");
			return rois;
		}
		catch (final NoSuchFileException e) {
			throw new PromptException("The prompt file " + file + " does not exist.");
		}
		catch (final ZipException e) {
			throw new PromptException(shown + " is damaged or is not a RoiSet .zip: its list of entries is missing or " +
				"does not match them (" + e.getMessage() + "); a file cut short while copying looks like this. Save " +
				"the ROIs again from the ROI Manager (More > Save...), or copy the file again.");
		}
		catch (final IOException e) {
			throw new PromptException("Cannot read the prompt file " + file + ": " + e.getMessage());
		}
	}

	/** Writes ROIs as a RoiSet .zip, under its name only once complete. */
	public static void write(final List<Roi> rois, final Path file) throws IOException {
		AtomicFiles.write(file, temp -> {
			try (OutputStream out = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(out)) {
				for (int i = 0; i < rois.size(); i++) {
					zip.putNextEntry(new ZipEntry(String.format("%04d.roi", i + 1)));
					zip.write(RoiEncoder.saveAsByteArray(rois.get(i)));
					zip.closeEntry();
				}
			}
		});
	}

	private static Roi decode(final byte[] bytes, final String entry) throws PromptException {
		try {
			final Roi roi = new RoiDecoder(bytes, entry).getRoi();
			if (roi != null) return roi;
		}
		catch (final IOException | RuntimeException e) {
			// Reported below, with the entry's name.
		}
		throw new PromptException(entry + " is not a readable ImageJ ROI.");
	}

	private static String name(final Roi roi) {
		return roi.getName() == null || roi.getName().isBlank() ? "" : " ('" + roi.getName() + "')";
	}
}
