package org.sam2tracker.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.io.IOException;

import org.sam2tracker.imagej.IntensityMapping;
import org.sam2tracker.imagej.PointMode;
import org.sam2tracker.imagej.PromptSource;
import org.sam2tracker.imagej.ResultsTables;
import org.sam2tracker.imagej.TrackingException;
import org.sam2tracker.imagej.TrackingListener;
import org.sam2tracker.imagej.TrackingResult;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The SAM 2 Tracker as a SciJava command, for scripts and for any SciJava context (headless included). It has
 * no menu path: the menu entry is the ImageJ 1 plugin, so the command appears once. Parameters mirror the macro
 * keys of {@link TrackerSettings}; a run that cannot start is cancelled with the reason.
 */
@Plugin(type = Command.class, label = "SAM 2 Tracker", headless = true)
public class Sam2TrackerCommand extends ContextCommand {

	@Parameter
	private LogService log;

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Model", description = "An installed model's name or a bundle folder")
	private String model;

	@Parameter(label = "Device", choices = { "Auto", "GPU", "CPU" })
	private String device = "Auto";

	@Parameter(label = "Channel", description = "1, 2, ... or merge")
	private String channel = "1";

	@Parameter(label = "First frame", min = "0")
	private int first;

	@Parameter(label = "Last frame", min = "0", description = "0 for the last")
	private int last;

	@Parameter(label = "Direction", choices = { "both", "forward", "backward" })
	private String direction = "both";

	@Parameter(label = "Prompts from", choices = { "auto", "manager", "image" })
	private String prompts = "auto";

	@Parameter(label = "RoiSet file", required = false, description = "A RoiSet .zip to read prompts from instead")
	private String roiset = "";

	@Parameter(label = "Points", choices = { "each", "roi" })
	private String points = "each";

	@Parameter(label = "Intensity", choices = { "series", "frame", "display", "fixed" })
	private String intensity = "series";

	@Parameter(label = "Saturated (%)")
	private double saturated = IntensityMapping.DEFAULT_SATURATED;

	@Parameter(label = "Min")
	private double min;

	@Parameter(label = "Max")
	private double max;

	@Parameter(label = "Non-overlapping masks")
	private boolean nonOverlapping = true;

	@Parameter(label = "Fill holes up to (pixels)", min = "0")
	private int fillHoles = TrackerSettings.DEFAULT_FILL_HOLES;

	@Parameter(label = "Overlay outlines on the image")
	private boolean overlay;

	@Parameter(label = "Results table gets the spots")
	private boolean results;

	@Parameter(label = "Save tables to folder", required = false)
	private String save = "";

	@Parameter(type = org.scijava.ItemIO.OUTPUT)
	private ImagePlus labels;

	@Parameter(type = org.scijava.ItemIO.OUTPUT)
	private ResultsTable spots;

	@Parameter(type = org.scijava.ItemIO.OUTPUT)
	private ResultsTable tracks;

	@Parameter(type = org.scijava.ItemIO.OUTPUT)
	private boolean complete;

	@Override
	public void run() {
		final TrackerSettings settings;
		try {
			settings = new TrackerSettings(model, TrackerSettings.device(device), channel, first, last, TrackerSettings
				.direction(direction), PromptSource.of(prompts), roiset == null ? "" : roiset, PointMode.of(points), new IntensityMapping(
					IntensityMapping.Mode.of(intensity), saturated, min, max), nonOverlapping, fillHoles, overlay,
				results, save == null ? "" : save);
		}
		catch (final IllegalArgumentException e) {
			cancel(e.getMessage());
			return;
		}
		final TrackingListener listener = new TrackingListener() {

			@Override
			public void log(final String message) {
				log.info("SAM 2 Tracker: " + message);
			}
		};
		try {
			final TrackingResult result = TrackerRun.execute(image, settings, ModelFolders.registry(), listener,
				this::isCanceled);
			TrackerRun.deliver(image, result, settings, listener);
			labels = result.labels();
			spots = ResultsTables.fill(new ResultsTable(), result.spotTable());
			tracks = ResultsTables.fill(new ResultsTable(), result.trackTable());
			complete = result.complete();
		}
		catch (final TrackingException | IOException e) {
			cancel(e.getMessage());
		}
	}
}
