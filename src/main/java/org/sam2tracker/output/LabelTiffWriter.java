package org.sam2tracker.output;

import ij.ImagePlus;
import ij.io.FileSaver;

import java.io.IOException;
import java.nio.file.Path;
import org.sam2tracker.files.AtomicFiles;

/**
 * Writes a label image as an ImageJ TIFF: channels, slices and frames, pixel size and unit, slice spacing and
 * frame interval come back when Fiji (or TrackMate's label-image detector) opens it, and the bit depth stays as
 * it is (16-bit, or 32-bit for more labels than 16 bits hold).
 */
public final class LabelTiffWriter implements OutputFormat {

	LabelTiffWriter() {}

	@Override
	public String suffix() {
		return "-labels.tif";
	}

	@Override
	public String description() {
		return "the label image: an ImageJ hyperstack, one label per object, calibration kept";
	}

	@Override
	public long expectedBytes(final ExpectedOutput expected) {
		return expected.labelBytes();
	}

	@Override
	public void write(final RunRecord run, final Path target) throws IOException {
		write(run.result().labels(), target);
	}

	public static void write(final ImagePlus labels, final Path file) throws IOException {
		AtomicFiles.write(file, temp -> {
			final FileSaver saver = new FileSaver(labels);
			final String path = temp.toString();
			final boolean saved = labels.getStackSize() > 1 ? saver.saveAsTiffStack(path) : saver.saveAsTiff(path);
			// FileSaver reports its errors through ImageJ and answers false.
			if (!saved) throw new IOException("Cannot write the label image " + file);
		});
	}
}
