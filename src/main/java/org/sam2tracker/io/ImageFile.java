package org.sam2tracker.io;

import ij.IJ;
import ij.ImagePlus;
import ij.io.Opener;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One file read by ImageJ itself, as File > Open reads it: TIFFs by ImageJ's TIFF reader, other images
 * (PNG, JPEG) through javax.imageio. ImageJ reports failures as messages and returns nothing; here they are
 * an InputException naming the file. Callers check TIFFs with {@link TiffLimits} first, since ImageJ reads some
 * TIFFs it does not understand as blank or scrambled images instead of failing.
 */
final class ImageFile {

	private ImageFile() {}

	static ImagePlus read(final Path file) throws InputException {
		return InputNames.isTiff(file) ? readTiff(file) : readWithImageIO(file);
	}

	static ImagePlus readTiff(final Path file) throws InputException {
		final Path absolute = file.toAbsolutePath();
		final Opener opener = new Opener();
		opener.setSilentMode(true);
		final ImagePlus imp = quietly(() -> opener.openTiff(absolute.getParent().toString(), absolute.getFileName()
			.toString()));
		if (imp != null && imp.getWidth() > 0) return imp;
		final String why = IJ.getErrorMessage();
		throw new InputException("ImageJ cannot read the TIFF file " + file + (why == null || why.isBlank() ? "."
			: ": " + why.strip()));
	}

	private static ImagePlus readWithImageIO(final Path file) throws InputException {
		final ImagePlus imp = quietly(() -> Opener.openUsingImageIO(file.toAbsolutePath().toString()));
		if (imp == null || imp.getWidth() == 0) throw new InputException(file + " is not a readable " + InputNames
			.extension(file).toUpperCase(Locale.ROOT) + " image.");
		return imp;
	}

	/** ImageJ's error messages go to its log, not to a dialog that a command line cannot show. */
	private static ImagePlus quietly(final Supplier<ImagePlus> open) {
		IJ.getErrorMessage(); // forgets an earlier error, so that one after this read is this read's
		IJ.redirectErrorMessages(true);
		try {
			return open.get();
		}
		finally {
			IJ.redirectErrorMessages(false);
		}
	}
}
