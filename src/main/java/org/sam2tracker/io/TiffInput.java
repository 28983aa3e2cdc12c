package org.sam2tracker.io;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sam2tracker.run.StackAxis;

/**
 * A TIFF file: an ImageJ TIFF (hyperstack or plain stack), an OME-TIFF, or any other multi-page TIFF. Files
 * ImageJ cannot read go to Bio-Formats when it is there, and are otherwise refused with what to do.
 */
final class TiffInput {

	/** How to get a TIFF ImageJ cannot read into a form it can, as a sentence to end a message with. */
	static final String FIX = "Save it as an uncompressed or LZW-compressed classic TIFF (in Fiji: File > Save " +
		"As > Tiff...), or open it with Bio-Formats. " + BioFormats.howToAdd();

	private static final Pattern IMAGES = Pattern.compile("\nimages=(\\d{1,9})\n");

	private TiffInput() {}

	static ImagePlus open(final Path file, final StackAxis plainStacks) throws InputException {
		final TiffHeader header = header(file);
		if (!header.bigTiff() && (header.width() < 2 || header.height() < 2)) {
			throw new InputException(file + " is " + header.width() + " x " + header.height() + " pixels; tracking " +
				"needs an image of at least 2 x 2.");
		}
		final String problem = TiffLimits.problem(header);
		// Bio-Formats reads what ImageJ cannot, where it is there; without it, Zstandard is read here.
		if (problem != null && BioFormats.available()) return BioFormats.open(file);
		final boolean zstd = ZstdTiff.reads(header) && !OmeXml.isOme(header.description());
		if (problem != null && !zstd) {
			throw new InputException(file + " " + problem + ", which ImageJ cannot read. " + FIX);
		}
		if (OmeXml.isOme(header.description())) {
			try {
				return OmeTiff.open(file, header);
			}
			catch (final InputException e) {
				if (BioFormats.available()) return BioFormats.open(file);
				throw e;
			}
		}
		final ImagePlus imp;
		try {
			imp = zstd ? ZstdTiff.open(file) : ImageFile.readTiff(file);
		}
		catch (final InputException e) {
			if (BioFormats.available()) return BioFormats.open(file);
			throw e;
		}
		final int images = imageJImages(header.description());
		// ImageJ returns the images it got, with no word of the rest, at the end of a cut-short file and where Java's
		// memory ran out (which it catches and logs): a run must never go on with part of an image.
		if (images > 1 && imp.getStackSize() != images) {
			if (TiffExtent.holdsAllImages(file)) throw new OutOfMemoryError("ImageJ ran out of memory reading " + file +
				" after " + imp.getStackSize() + " of its " + images + " images");
			throw new InputException(file + " is cut short: its ImageJ description lists " + images + " images, but " +
				"only " + imp.getStackSize() + " could be read.");
		}
		if (!saysDimensions(header.description())) arrange(imp, plainStacks);
		return imp;
	}

	/** The images= count of an ImageJ description; 0 when there is none. */
	private static int imageJImages(final String description) {
		if (!description.startsWith("ImageJ")) return 0;
		final Matcher m = IMAGES.matcher(description);
		return m.find() ? Integer.parseInt(m.group(1)) : 0;
	}

	private static TiffHeader header(final Path file) throws InputException {
		final TiffHeader header;
		try {
			header = TiffHeader.read(file);
		}
		catch (final IOException e) {
			throw new InputException(file + " is a damaged TIFF file: " + e.getMessage() + ".", e);
		}
		if (header == null) throw new InputException(file + " is not a TIFF file (it does not start with a TIFF " +
			"header).");
		return header;
	}

	/**
	 * Whether ImageJ wrote which pages are frames: ImageJ writes slices= for every stack, plain or not, but
	 * hyperstack=true or frames= only when the image had them.
	 */
	private static boolean saysDimensions(final String description) {
		return description.startsWith("ImageJ") && (description.contains("\nhyperstack=true") || description
			.contains("\nframes="));
	}

	/** A plain stack's pages become frames or slices; an image with channels or frames is left as it is. */
	private static void arrange(final ImagePlus imp, final StackAxis plainStacks) {
		final int pages = imp.getStackSize();
		if (pages < 2 || imp.getNChannels() != 1 || imp.getNSlices() != pages) return;
		if (plainStacks == StackAxis.TIME) imp.setDimensions(1, 1, pages);
		else imp.setDimensions(1, pages, 1);
	}
}
