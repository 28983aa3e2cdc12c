package org.sam2tracker.fiji;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sam2tracker.imagej.InteractiveImage;
import org.sam2tracker.imagej.TrackingResult;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.output.ExpectedOutput;
import org.sam2tracker.output.OutputLock;
import org.sam2tracker.output.OutputSet;
import org.sam2tracker.output.RunRecord;
import org.sam2tracker.output.RunReport;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.ResultNames;

/**
 * Saves an interactive session's results as the tracker saves its own: the same outputs under the same names,
 * all or nothing, and only when every object is current on every frame.
 */
final class InteractiveSave {

	/** How the panel asks to replace earlier results, for the message that refuses them. */
	static final String HOW_TO_OVERWRITE = "a tick in Overwrite";

	private InteractiveSave() {}

	/** Writes the results into the folder; returns what was saved, in words. */
	static String save(final ImagePlus imp, final InteractiveImage image, final Sam2Model model, final Path folder,
		final boolean overwrite, final double seconds) throws BadInputException, IOException
	{
		if (!image.complete()) {
			throw new BadInputException("Some frames are not tracked yet, or changed since: propagate through every " +
				"frame first (both ways when an object starts after the first frame). Saved results are always " +
				"complete.");
		}
		final OutputSet outputs = new OutputSet(folder, ResultNames.base(imp.getTitle()));
		final List<ObjectPrompt> prompts = image.prompts();
		try (OutputLock lock = outputs.prepare(ExpectedOutput.of(imp, prompts), overwrite, HOW_TO_OVERWRITE)) {
			final TrackingResult result = image.result(model, seconds);
			final Map<String, String> options = new LinkedHashMap<>();
			options.put("mode", "interactive");
			options.put("model", model.bundle().folder().toString());
			options.put("device", model.device().toString());
			outputs.write(new RunRecord(result, RunReport.of(TrackerRun.inputFile(imp), imp, "clicks in " +
				InteractivePlugin.TITLE, prompts, options, result)));
		}
		return "Saved " + outputs.name() + "-* (" + OutputSet.FORMATS.size() + " results) to " + folder + ".";
	}
}
