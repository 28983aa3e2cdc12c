package org.sam2tracker.io;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;

import java.nio.file.Path;

/**
 * A single-file OME-TIFF: ImageJ reads its pages as a plain stack, and the OME-XML in its ImageDescription
 * says where each page belongs and how large pixels, slices and time steps are. Pages are put in ImageJ's
 * order (channel fastest, then slice, then frame), whatever the file's DimensionOrder.
 */
final class OmeTiff {

	private OmeTiff() {}

	static ImagePlus open(final Path file, final TiffHeader header) throws InputException {
		final OmeXml.Pixels pixels = OmeXml.parse(header.description(), file.toString());
		final boolean rgb = header.samplesPerPixel() == 3 && header.bitsPerSample() == 8;
		if (header.samplesPerPixel() != 1 && !rgb) throw new InputException(file + " stores " + header
			.samplesPerPixel() + " samples of " + header.bitsPerSample() + " bits in each page, which is read only " +
			"with Bio-Formats. " + BioFormats.howToAdd());
		final ImagePlus read = ImageFile.readTiff(file);
		final int[] pages = OmePlanes.pages(pixels, rgb ? 3 : 1, read.getStackSize(), file);
		final ImageStack source = read.getStack();
		final ImageStack stack = new ImageStack(read.getWidth(), read.getHeight(), source.getColorModel());
		for (final int page : pages) stack.addSlice(source.getSliceLabel(page + 1), source.getPixels(page + 1));
		final int channels = pixels.sizeC() / (rgb ? 3 : 1);
		ImagePlus imp = new ImagePlus(read.getTitle(), stack);
		imp.setDimensions(channels, pixels.sizeZ(), pixels.sizeT());
		imp.setCalibration(read.getCalibration());
		calibrate(imp.getCalibration(), pixels);
		imp.setFileInfo(read.getOriginalFileInfo());
		if (channels > 1 && !rgb) imp = new CompositeImage(imp, IJ.COLOR);
		imp.setOpenAsHyperStack(imp.getNDimensions() > 3);
		return imp;
	}

	private static void calibrate(final Calibration cal, final OmeXml.Pixels pixels) {
		if (Double.isFinite(pixels.physicalSizeX())) {
			cal.pixelWidth = pixels.physicalSizeX();
			cal.setUnit(pixels.unitX());
		}
		if (Double.isFinite(pixels.physicalSizeY())) {
			cal.pixelHeight = pixels.physicalSizeY();
			if (!pixels.unitY().equals(pixels.unitX())) cal.setYUnit(pixels.unitY());
		}
		if (Double.isFinite(pixels.physicalSizeZ())) {
			cal.pixelDepth = pixels.physicalSizeZ();
			if (!pixels.unitZ().equals(pixels.unitX())) cal.setZUnit(pixels.unitZ());
		}
		if (Double.isFinite(pixels.timeIncrement())) {
			cal.frameInterval = pixels.timeIncrement();
			// ImageJ's name for seconds; OME uses the SI symbol.
			cal.setTimeUnit("s".equals(pixels.timeUnit()) ? "sec" : pixels.timeUnit());
		}
	}
}
