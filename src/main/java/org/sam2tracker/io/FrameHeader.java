package org.sam2tracker.io;

import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * The size and type of one image of a folder, read from its header without its pixels, so that a long
 * sequence is checked without being read. The type is what ImageJ will make of it: 8-bit, 16-bit, 32-bit or RGB.
 */
record FrameHeader(int width, int height, String type) {

	static FrameHeader read(final Path file) throws InputException {
		try {
			return InputNames.isTiff(file) ? tiff(file) : imageIO(file);
		}
		catch (final IOException e) {
			throw new InputException("Cannot read " + file + ": " + e.getMessage(), e);
		}
	}

	@Override
	public String toString() {
		return width + "x" + height + " " + type;
	}

	private static FrameHeader tiff(final Path file) throws IOException, InputException {
		final TiffHeader header = TiffHeader.read(file);
		if (header == null) throw new InputException(file + " is not a TIFF file (it does not start with a TIFF " +
			"header).");
		final String problem = TiffLimits.problem(header);
		if (problem != null) throw new InputException(file + " " + problem + ", which ImageJ cannot read. " +
			TiffInput.FIX);
		if (header.morePages()) throw new InputException(file + " holds several pages; the images of a folder are " +
			"read as one frame each, so each must hold one page.");
		final String type;
		if (header.samplesPerPixel() >= 3 && header.bitsPerSample() == 8) type = "RGB";
		else if (header.samplesPerPixel() > 1) type = header.samplesPerPixel() + "-sample " + header.bitsPerSample() +
			"-bit";
		else if (header.bitsPerSample() <= 8) type = "8-bit";
		else if (header.bitsPerSample() <= 16) type = "16-bit";
		else type = "32-bit";
		return new FrameHeader(header.width(), header.height(), type);
	}

	private static FrameHeader imageIO(final Path file) throws IOException, InputException {
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			final Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
			if (readers == null || !readers.hasNext()) throw new InputException(file + " is not a readable " +
				InputNames.extension(file).toUpperCase(Locale.ROOT) + " image.");
			final ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				ImageTypeSpecifier spec = reader.getRawImageType(0);
				if (spec == null) spec = reader.getImageTypes(0).next();
				return new FrameHeader(reader.getWidth(0), reader.getHeight(0), type(spec));
			}
			finally {
				reader.dispose();
			}
		}
	}

	/** As ImageJ's Opener.openUsingImageIO converts: anything with alpha, and colour, becomes RGB. */
	private static String type(final ImageTypeSpecifier spec) {
		final ColorModel cm = spec.getColorModel();
		if (cm.hasAlpha()) return "RGB";
		if (cm instanceof IndexColorModel) return "8-bit";
		if (cm.getNumComponents() == 1) return spec.getSampleModel().getSampleSize(0) > 8 ? "16-bit" : "8-bit";
		return spec.getSampleModel().getSampleSize(0) > 8 ? "16-bit RGB" : "RGB";
	}
}
