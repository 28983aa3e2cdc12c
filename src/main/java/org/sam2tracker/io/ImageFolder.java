package org.sam2tracker.io;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of TIFF, PNG or JPEG images as a time-lapse, one image a frame, in natural name order (frame2
 * before frame10). Only the headers are read up front, to check that all images have the same size and type;
 * pixels are read frame by frame when asked for. Other files (text, hidden files, subfolders) are skipped.
 */
final class ImageFolder {

	private ImageFolder() {}

	static ImagePlus open(final Path dir) throws InputException {
		final List<Path> files = frames(dir);
		if (files.isEmpty()) throw new InputException("The folder " + dir + " holds no TIFF, PNG or JPEG images.");
		final FrameHeader header = FrameHeader.read(files.get(0));
		for (final Path file : files.subList(1, files.size())) {
			final FrameHeader other = FrameHeader.read(file);
			if (!other.equals(header)) throw new InputException(file + " is " + other + ", but " + files.get(0)
				.getFileName() + " is " + header + ": all images of a folder must have the same size and type.");
		}
		final ImagePlus first = ImageFile.read(files.get(0));
		if (first.getStackSize() != 1) throw new InputException(files.get(0) + " holds " + first.getStackSize() +
			" planes; the images of a folder are read as one frame each, so each must hold one plane.");
		final List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
		final ImagePlus imp = new ImagePlus(dir.toAbsolutePath().getFileName().toString(), new FolderStack(dir, names,
			first));
		imp.setDimensions(1, 1, names.size());
		imp.setCalibration(first.getCalibration());
		return imp;
	}

	private static List<Path> frames(final Path dir) throws InputException {
		try (Stream<Path> list = Files.list(dir)) {
			return list.filter(f -> InputNames.isFrame(f) && Files.isRegularFile(f)).sorted((a, b) -> NaturalOrder
				.INSTANCE.compare(a.getFileName().toString(), b.getFileName().toString())).toList();
		}
		catch (final IOException e) {
			throw new InputException("Cannot list the folder " + dir + ": " + e.getMessage(), e);
		}
	}
}
