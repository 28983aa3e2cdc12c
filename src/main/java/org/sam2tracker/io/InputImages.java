package org.sam2tracker.io;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.sam2tracker.run.StackAxis;

/**
 * Input images for a headless command line, read with ImageJ 1 and the JDK only:
 * <ul>
 * <li>TIFF files written by ImageJ: 8-bit, 16-bit, 32-bit and RGB images and hyperstacks, keeping their
 * channels, slices and frames and their calibration (pixel size, unit, frame interval);</li>
 * <li>plain multi-page TIFFs, from any program, and ImageJ stacks that do not say whether their pages are
 * slices or frames: the pages are frames or slices as {@code plainStacks} says;</li>
 * <li>single-file OME-TIFFs (.ome.tif, or any TIFF whose ImageDescription is OME-XML), in any DimensionOrder,
 * with their physical pixel sizes and time increment;</li>
 * <li>PNG and JPEG files;</li>
 * <li>a folder of TIFF, PNG or JPEG images of one size and type, as a time-lapse in natural name order (frame2
 * before frame10), each frame read only when asked for; other files in the folder are skipped;</li>
 * <li>with Bio-Formats (inside Fiji, or bioformats_package.jar on the class path): microscopy formats such as
 * .czi, .nd2, .lif, .lsm, .oib, .vsi and .ims (their first series), multi-file OME-TIFF datasets, and TIFFs
 * that ImageJ cannot read.</li>
 * </ul>
 * An input that cannot be read is an {@link InputException} that names it, says why and what to do; never a
 * blank image. TIFFs that ImageJ would refuse or misread (BigTIFF; JPEG, Zstandard and other compressions it
 * lacks; tiles) are recognised from their header. A folder's frame that changes after it was opened, so that
 * it can no longer be read or is no longer like the others, throws an IllegalStateException naming the file
 * when the frame is read.
 */
public final class InputImages {

	private InputImages() {}

	/**
	 * @param plainStacks what the pages of a multi-page TIFF are when the file does not say: ImageJ hyperstacks
	 *        and ImageJ TIFFs with frames keep their dimensions, and OME-TIFFs follow their OME-XML
	 */
	public static ImagePlus open(final Path path, final StackAxis plainStacks) throws InputException {
		Objects.requireNonNull(plainStacks, "plainStacks");
		if (Files.isDirectory(path)) return ImageFolder.open(path);
		if (!Files.exists(path)) throw new InputException("The input " + path + " does not exist.");
		if (!Files.isRegularFile(path)) throw new InputException("The input " + path + " is neither a file nor a " +
			"folder.");
		if (!Files.isReadable(path)) throw new InputException("The input " + path + " cannot be read (no " +
			"permission).");
		final String format = InputNames.bioFormatsFormat(path);
		if (format != null) {
			if (BioFormats.available()) return BioFormats.open(path);
			throw new InputException(path + " is in the " + format + " format, which is read with Bio-Formats. " +
				BioFormats.howToAdd());
		}
		if (InputNames.isTiff(path) || startsAsTiff(path)) return TiffInput.open(path, plainStacks);
		if (InputNames.isImageIO(path)) return ImageFile.read(path);
		if (BioFormats.available()) return BioFormats.open(path);
		throw new InputException(path + " is not an image this command reads. It reads TIFF files (OME-TIFF too), " +
			"PNG and JPEG files, folders of them, and with Bio-Formats microscopy formats such as .czi, .nd2 and " +
			".lif.");
	}

	/**
	 * Whether a path is one input: a folder (a folder of images is one time-lapse) or a file with the extension
	 * of an image this class reads, Bio-Formats formats included. Hidden files are not inputs.
	 */
	public static boolean isInput(final Path path) {
		if (path.getFileName() == null || InputNames.isHidden(path)) return false;
		return Files.isDirectory(path) || InputNames.isKnown(path);
	}

	/** A TIFF under another extension, such as MetaMorph's .stk. */
	private static boolean startsAsTiff(final Path file) {
		try {
			return TiffHeader.read(file) != null;
		}
		catch (final IOException e) {
			return true; // a TIFF header with a damaged directory: the TIFF reader says what is wrong
		}
	}
}
