package org.sam2tracker.io;

import ij.IJ;
import ij.ImagePlus;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;

/**
 * Bio-Formats, when it is there: inside Fiji, or with bioformats_package.jar on the class path. It is reached
 * by reflection only, so that the tracker neither ships nor needs it.
 */
final class BioFormats {

	static final String DOWNLOAD = "https://www.openmicroscopy.org/bio-formats/downloads/";
	private static final String IMPORTER = "loci.plugins.BF";

	private BioFormats() {}

	static boolean available() {
		return importer() != null;
	}

	/** How to get Bio-Formats, as a sentence to end a message with. */
	static String howToAdd() {
		return "Bio-Formats comes with Fiji: run inside Fiji, or put bioformats_package.jar beside the SAM 2 Tracker " +
			"jar or on the class path (download it from " + DOWNLOAD + ").";
	}

	/** The first series of the file; the caller has checked {@link #available()}. */
	static ImagePlus open(final Path file) throws InputException {
		final Class<?> importer = importer();
		if (importer == null) throw new InputException(file + " needs Bio-Formats. " + howToAdd());
		final Object images;
		try {
			images = importer.getMethod("openImagePlus", String.class).invoke(null, file.toAbsolutePath().toString());
		}
		catch (final InvocationTargetException e) {
			final Throwable cause = e.getCause() == null ? e : e.getCause();
			throw new InputException("Bio-Formats cannot read " + file + ": " + cause.getMessage(), cause);
		}
		catch (final ReflectiveOperationException | LinkageError e) {
			throw new InputException("The Bio-Formats found on the class path does not work (" + e + "). " +
				howToAdd(), e);
		}
		if (!(images instanceof ImagePlus[] series) || series.length == 0 || series[0] == null)
			throw new InputException("Bio-Formats found no image in " + file + ".");
		return series[0];
	}

	/** Fiji loads plugins through ImageJ's own class loader; a command line has them on its class path. */
	private static Class<?> importer() {
		for (final ClassLoader loader : new ClassLoader[] { Thread.currentThread().getContextClassLoader(),
			BioFormats.class.getClassLoader(), IJ.getClassLoader() })
		{
			if (loader == null) continue;
			try {
				return Class.forName(IMPORTER, true, loader);
			}
			catch (final ClassNotFoundException | LinkageError e) {
				// Not in this loader; the next may have it.
			}
		}
		return null;
	}
}
