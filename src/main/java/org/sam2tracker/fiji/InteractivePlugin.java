package org.sam2tracker.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.PlugIn;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sam2tracker.model.BundleException;
import org.sam2tracker.run.RunException;
import org.sam2tracker.run.RunParameter;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.run.RunSettings;

/**
 * Plugins > Tracking > SAM 2 Interactive...: opens the interactive panel beside the current image, after asking
 * which installed model to keep open, on which device, and the tracker's own options for what the model sees
 * (channel, range, intensity), for the masks (overlap, holes) and for the feature cache folder. It needs a screen;
 * macros and batches use SAM 2 Tracker... (which replays the sessions it saves).
 */
public class InteractivePlugin implements PlugIn {

	static final String TITLE = "SAM 2 Interactive";

	/** The tracker's options that an interactive session uses, in the tracker dialog's order. */
	static final List<RunParameter<?>> PARAMETERS = List.of(RunParameters.MODEL, RunParameters.INPUT_SIZE,
		RunParameters.PRECISION, RunParameters.DEVICE,
		RunParameters.CHANNEL, RunParameters.FIRST, RunParameters.LAST, RunParameters.INTENSITY,
		RunParameters.SATURATED, RunParameters.MIN, RunParameters.MAX, RunParameters.NON_OVERLAPPING,
		RunParameters.FILL_HOLES, RunParameters.FEATURE_CACHE, RunParameters.CACHE_LIMIT,
		RunParameters.CACHE_PRECISION);

	@Override
	public void run(final String arg) {
		if (GraphicsEnvironment.isHeadless()) {
			IJ.log(TITLE + " needs a screen: without one, track with SAM 2 Tracker... (also from macros).");
			return;
		}
		final ImagePlus imp = WindowManager.getCurrentImage();
		final Map<String, java.nio.file.Path> installed = InteractivePanel.models().installed();
		final String refusal = refusal(imp, installed.size());
		if (refusal != null) {
			IJ.error(TITLE, refusal);
			return;
		}
		final List<String> names = new ArrayList<>(installed.keySet());
		try {
			final RunSettings settings = TrackerDialog.show(imp, FijiOptions.defaults(names), names, TITLE,
				PARAMETERS);
			if (settings == null) return;
			IJ.showStatus(TITLE + ": opening the model...");
			InteractivePanel.open(imp, settings, settings.trackingOptions(InteractivePanel.models()).model());
			IJ.showStatus("");
		}
		catch (final BundleException | RunException e) {
			IJ.error(TITLE, e.getMessage());
		}
	}

	/** Why the panel cannot open on this image with these models, in the user's words; null when it can. */
	static String refusal(final ImagePlus imp, final int installedModels) {
		if (imp == null) return "There is no image: open a time-lapse or a z-stack first.";
		if (installedModels == 0) {
			return "No SAM 2 model is installed: install one with Plugins > Tracking > SAM 2 Manage Models... first.";
		}
		return null;
	}
}
