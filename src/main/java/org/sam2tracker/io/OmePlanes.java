package org.sam2tracker.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Which page of an OME-TIFF holds each plane: OME-XML places planes in its DimensionOrder (first letter after
 * XY fastest), either page after page or as its TiffData elements say. The result is in ImageJ's order:
 * channel fastest, then slice, then frame.
 */
final class OmePlanes {

	private final String order;
	private final int channels;
	private final int slices;
	private final int frames;

	private OmePlanes(final String order, final int channels, final int slices, final int frames) {
		this.order = order;
		this.channels = channels;
		this.slices = slices;
		this.frames = frames;
	}

	/**
	 * The page (0-based) of each plane, in ImageJ's order.
	 *
	 * @param channelsPerPage 3 when ImageJ reads each page as one RGB image, 1 otherwise
	 * @param file the OME-TIFF, whose name tells its own pages from those of other files in a dataset
	 */
	static int[] pages(final OmeXml.Pixels pixels, final int channelsPerPage, final int pageCount,
		final Path file) throws InputException
	{
		if (pixels.binaryOnly()) throw splitDataset(file, "holds only metadata; its planes are in other files");
		final String name = file.getFileName().toString();
		for (final OmeXml.TiffData td : pixels.tiffData()) {
			if (td.fileName() != null && !td.fileName().equals(name)) throw splitDataset(file, "has planes in " + td
				.fileName());
		}
		if (pixels.sizeC() % channelsPerPage != 0) throw new InputException(file + " has SizeC=" + pixels.sizeC() +
			" in its OME-XML but " + channelsPerPage + " samples in each page.");
		final OmePlanes planes = new OmePlanes(pixels.dimensionOrder(), pixels.sizeC() / channelsPerPage, pixels
			.sizeZ(), pixels.sizeT());
		final int[] pageOfPlane = planes.pageOfPlane(pixels, file);
		final int[] pages = new int[pageOfPlane.length];
		int i = 0;
		for (int t = 0; t < planes.frames; t++) {
			for (int z = 0; z < planes.slices; z++) {
				for (int c = 0; c < planes.channels; c++) {
					final int page = pageOfPlane[planes.index(c, z, t)];
					if (page < 0) throw new InputException("The OME-XML of " + file + " places no page at channel " +
						(c + 1) + ", slice " + (z + 1) + ", frame " + (t + 1) + ".");
					if (page >= pageCount) throw new InputException("The OME-XML of " + file + " places channel " +
						(c + 1) + ", slice " + (z + 1) + ", frame " + (t + 1) + " on page " + (page + 1) + ", but " +
						"ImageJ reads " + pageCount + " page" + (pageCount == 1 ? "" : "s") + " from the file (pages " +
						"of different sizes or types are not read as one stack).");
					pages[i++] = page;
				}
			}
		}
		return pages;
	}

	/** The page of each plane in dimension order; -1 where none is placed. No TiffData: page after page. */
	private int[] pageOfPlane(final OmeXml.Pixels pixels, final Path file) throws InputException {
		final int total = channels * slices * frames;
		final int[] page = new int[total];
		Arrays.fill(page, -1);
		final List<OmeXml.TiffData> blocks = pixels.tiffData().isEmpty() ? List.of(new OmeXml.TiffData(null, 0, 0, 0,
			null, null)) : pixels.tiffData();
		for (final OmeXml.TiffData td : blocks) {
			if (td.firstC() >= channels || td.firstZ() >= slices || td.firstT() >= frames) throw new InputException(
				"The OME-XML of " + file + " has a TiffData element that starts outside the image (FirstC=" + td
					.firstC() + ", FirstZ=" + td.firstZ() + ", FirstT=" + td.firstT() + ").");
			final int start = index(td.firstC(), td.firstZ(), td.firstT());
			// The OME schema: PlaneCount defaults to 1 when IFD is given, to all planes when it is not.
			final int count = td.planeCount() != null ? td.planeCount() : td.ifd() != null ? 1 : total - start;
			final int ifd = td.ifd() == null ? 0 : td.ifd();
			for (int k = 0; k < count && start + k < total; k++) page[start + k] = ifd + k;
		}
		return page;
	}

	/** The position of a plane in dimension order. */
	private int index(final int c, final int z, final int t) {
		int index = 0;
		int stride = 1;
		for (int i = 2; i < order.length(); i++) {
			switch (order.charAt(i)) {
				case 'C' -> {
					index += c * stride;
					stride *= channels;
				}
				case 'Z' -> {
					index += z * stride;
					stride *= slices;
				}
				default -> {
					index += t * stride;
					stride *= frames;
				}
			}
		}
		return index;
	}

	private static InputException splitDataset(final Path file, final String what) {
		return new InputException(file + " is part of an OME-TIFF dataset split over several files (it " + what +
			"); only single-file OME-TIFFs are read without Bio-Formats. " + BioFormats.howToAdd());
	}
}
