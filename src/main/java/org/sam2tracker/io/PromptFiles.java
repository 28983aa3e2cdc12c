package org.sam2tracker.io;

import ij.ImagePlus;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.sam2tracker.run.FrameRange;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PointMode;
import org.sam2tracker.run.PromptException;
import org.sam2tracker.run.PromptSet;
import org.sam2tracker.imagej.RoiPrompts;
import org.sam2tracker.imagej.TrackingAxis;

/**
 * Prompts from a file, by its kind: CSV, JSON (also a saved interactive session), an ImageJ RoiSet (.zip or .roi),
 * or a label image (.tif) whose labels are the seeds.
 */
public final class PromptFiles {

	/** The endings a prompt file may have, in the order they are looked for beside an image. */
	public static final List<String> ENDINGS = List.of(".csv", ".json", ".zip", ".roi", ".tif", ".tiff");

	private PromptFiles() {}

	/** @param notes takes what a reader assumed (a ROI without a frame taken to be on the first), for the log */
	public static PromptSet read(final Path file, final ImagePlus imp, final PointMode pointMode,
		final Consumer<String> notes) throws PromptException
	{
		final TrackingAxis axis = TrackingAxis.of(imp);
		final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".csv")) return PromptSet.of(PromptCsv.read(file, axis, imp.getWidth(), imp.getHeight()));
		if (name.endsWith(".json")) return PromptJson.read(file, axis, imp.getWidth(), imp.getHeight());
		if (name.endsWith(".zip") || name.endsWith(".roi")) {
			final RoiPrompts reader = new RoiPrompts(imp, pointMode, new FrameRange(1, axis.length()));
			final List<ObjectPrompt> prompts = reader.read(RoiSetFile.read(file));
			reader.notes().forEach(notes);
			return PromptSet.of(prompts);
		}
		if (name.endsWith(".tif") || name.endsWith(".tiff")) return SeedLabels.read(file, imp, notes);
		throw new PromptException(file.getFileName() + " is not a prompt file: use a .csv, a .json, an ImageJ " +
			"RoiSet .zip, or a label image .tif of seeds (see the README for the formats).");
	}
}
