package org.sam2tracker.io;

import ij.io.FileInfo;
import ij.io.TiffDecoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a TIFF file holds every byte its directories point at. ImageJ returns the images it got both when a file
 * is cut short and when Java runs out of memory while reading (it logs the latter and goes on); a file that holds
 * all its images tells the two apart.
 */
final class TiffExtent {

	private TiffExtent() {}

	/** True when every image's pixels lie inside the file, as ImageJ's own TIFF decoder reads the directories. */
	static boolean holdsAllImages(final Path file) {
		final Path absolute = file.toAbsolutePath();
		try {
			final FileInfo[] infos = new TiffDecoder(absolute.getParent().toString(), absolute.getFileName().toString())
				.getTiffInfo();
			if (infos == null || infos.length == 0) return false;
			long end = 0;
			for (final FileInfo fi : infos) end = Math.max(end, end(fi));
			return end <= Files.size(file);
		}
		catch (final IOException | RuntimeException e) {
			return false;
		}
	}

	/** The end of one directory's pixels: its strips, or its images one after the other when it stands for many. */
	private static long end(final FileInfo fi) {
		final long plane = (long) fi.width * fi.height * fi.getBytesPerPixel();
		if (fi.nImages > 1) return fi.getOffset() + fi.nImages * plane + (fi.nImages - 1L) * fi.gapBetweenImages;
		if (fi.stripOffsets == null || fi.stripLengths == null) return fi.getOffset() + plane;
		long end = 0;
		for (int i = 0; i < Math.min(fi.stripOffsets.length, fi.stripLengths.length); i++) {
			end = Math.max(end, (fi.stripOffsets[i] & 0xffffffffL) + (fi.stripLengths[i] & 0xffffffffL));
		}
		return end;
	}
}
