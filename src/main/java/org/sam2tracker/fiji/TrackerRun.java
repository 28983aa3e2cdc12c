package org.sam2tracker.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.sam2tracker.imagej.ObjectPrompt;
import org.sam2tracker.imagej.OutlineOverlay;
import org.sam2tracker.imagej.PromptException;
import org.sam2tracker.imagej.PromptSource;
import org.sam2tracker.imagej.ResultsTables;
import org.sam2tracker.imagej.RoiPrompts;
import org.sam2tracker.io.RoiSetFile;
import org.sam2tracker.imagej.TrackingAxis;
import org.sam2tracker.imagej.TrackingException;
import org.sam2tracker.imagej.TrackingJob;
import org.sam2tracker.imagej.TrackingListener;
import org.sam2tracker.imagej.TrackingResult;
import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.io.CsvTableWriter;

/** The SAM 2 Tracker command's work, shared by the ImageJ 1 plugin and the SciJava command. */
public final class TrackerRun {

	private TrackerRun() {}

	/** Reads the prompts from the image's ROIs and runs the tracking. The image is only read. */
	public static TrackingResult execute(final ImagePlus imp, final TrackerSettings settings,
		final ModelRegistry models, final TrackingListener listener, final BooleanSupplier cancelled)
		throws TrackingException
	{
		if (imp == null) throw new TrackingException("There is no image: open a time-lapse or a z-stack first.");
		final Path bundle;
		try {
			bundle = models.resolve(settings.model());
		}
		catch (final BundleException e) {
			throw new TrackingException(e.getMessage(), e);
		}
		final TrackingAxis axis = TrackingAxis.of(imp);
		final int first = settings.first() <= 0 ? 1 : settings.first();
		final int last = settings.last() <= 0 ? axis.length() : settings.last();
		if (first > last || last > axis.length()) {
			throw new TrackingException("The " + axis.axisName() + " range " + first + "-" + last + " does not fit " +
				imp.getTitle() + ", which has " + axis.length() + " " + axis.axisName() + "s.");
		}
		if (settings.roiset().isBlank() && settings.prompts() == PromptSource.ROI_MANAGER && GraphicsEnvironment
			.isHeadless())
		{
			throw new TrackingException("The ROI Manager needs a screen, so a headless run cannot read prompts from " +
				"it. Save the ROIs as a RoiSet (ROI Manager > More > Save...) and give roiset=<file>, or store them " +
				"in the image's overlay and give prompts=image.");
		}
		final List<ObjectPrompt> prompts;
		try {
			final RoiPrompts reader = new RoiPrompts(imp, settings.points(), first, last);
			prompts = reader.read(settings.roiset().isBlank() ? RoiPrompts.collect(imp, settings.prompts()) : RoiSetFile
				.read(Path.of(settings.roiset())));
			reader.notes().forEach(listener::log);
		}
		catch (final PromptException e) {
			throw new TrackingException(e.getMessage(), e);
		}
		listener.log(imp.getTitle() + ": " + (axis.alongZ() ? "a z-stack, followed along Z" : "followed along T") +
			", " + axis.axisName() + "s " + first + "-" + last + ", " + settings.direction().name().toLowerCase(
				java.util.Locale.ROOT) + ".");
		final TrackingJob job = new TrackingJob(imp, settings.trackingOptions(bundle), prompts);
		return job.run(listener, cancelled);
	}

	/** The overlay, the Results table and the CSV files the settings ask for. */
	public static void deliver(final ImagePlus imp, final TrackingResult result, final TrackerSettings settings,
		final TrackingListener listener) throws IOException
	{
		final int maxLabel = (int) result.labels().getDisplayRangeMax();
		if (settings.overlay()) OutlineOverlay.apply(imp, result.labels(), maxLabel);
		if (settings.results()) {
			final ResultsTable rt = ResultsTable.getResultsTable();
			ResultsTables.fill(rt, result.spotTable());
			rt.show("Results");
		}
		if (!settings.save().isBlank()) {
			final Path folder = Path.of(settings.save());
			final String base = result.labels().getTitle();
			final Path spots = folder.resolve(base + "-spots.csv");
			final Path tracks = folder.resolve(base + "-tracks.csv");
			CsvTableWriter.write(result.spotTable(), spots);
			CsvTableWriter.write(result.trackTable(), tracks);
			listener.log("Saved " + spots + " and " + tracks + ".");
		}
	}
}
