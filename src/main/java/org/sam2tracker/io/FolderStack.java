package org.sam2tracker.io;

import ij.ImagePlus;
import ij.VirtualStack;
import ij.process.ImageProcessor;

import java.awt.image.ColorModel;
import java.nio.file.Path;
import java.util.List;

/**
 * The images of a folder as a virtual stack: each is read when its frame is asked for. ImageJ's own virtual
 * stack draws an error message into a frame it cannot read and converts or pads frames of another type or size;
 * this one throws instead, naming the file, so that a frame changed or damaged after the folder was checked
 * never becomes silently wrong data.
 */
final class FolderStack extends VirtualStack {

	FolderStack(final Path dir, final List<String> names, final ImagePlus first) {
		super(first.getWidth(), first.getHeight(), colorModel(first), dir.toAbsolutePath().toString());
		for (final String name : names) addSlice(name);
		setBitDepth(first.getBitDepth());
	}

	/** @throws IllegalStateException naming the file, when it cannot be read or is not like the first */
	@Override
	public ImageProcessor getProcessor(final int n) {
		final Path file = Path.of(getDirectory(), getFileName(n));
		final ImagePlus frame;
		try {
			frame = ImageFile.read(file);
		}
		catch (final InputException e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
		if (frame.getWidth() != getWidth() || frame.getHeight() != getHeight() || frame.getBitDepth() !=
			getBitDepth() || frame.getStackSize() != 1)
		{
			throw new IllegalStateException(file + " is now " + frame.getWidth() + "x" + frame.getHeight() + " " +
				frame.getBitDepth() + "-bit" + (frame.getStackSize() == 1 ? "" : " with " + frame.getStackSize() +
					" planes") + ", unlike the other images of its folder (" + getWidth() + "x" + getHeight() + " " +
				getBitDepth() + "-bit).");
		}
		final ImageProcessor ip = frame.getProcessor();
		ip.setSliceNumber(n);
		return ip;
	}

	@Override
	public String getSliceLabel(final int n) {
		return getFileName(n);
	}

	private static ColorModel colorModel(final ImagePlus imp) {
		return imp.getBitDepth() == 24 ? null : imp.getProcessor().getColorModel();
	}
}
