package org.sam2tracker.fiji;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.measure.ResultsTable;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.sam2tracker.cache.FeatureStores;
import org.sam2tracker.imagej.InputSizeComparison;
import org.sam2tracker.imagej.OutlineOverlay;
import org.sam2tracker.imagej.ResultsTables;
import org.sam2tracker.imagej.RoiPrompts;
import org.sam2tracker.imagej.TrackingAxis;
import org.sam2tracker.imagej.TrackingJob;
import org.sam2tracker.imagej.TrackingResult;
import org.sam2tracker.install.GpuSetup;
import org.sam2tracker.install.SizedModels;
import org.sam2tracker.io.PromptFiles;
import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.output.ExpectedOutput;
import org.sam2tracker.output.OutputLock;
import org.sam2tracker.output.OutputSet;
import org.sam2tracker.output.RunRecord;
import org.sam2tracker.output.RunReport;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.FrameRange;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PromptSet;
import org.sam2tracker.run.PromptSource;
import org.sam2tracker.run.ResultNames;
import org.sam2tracker.run.RunException;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.run.RunSettings;
import org.sam2tracker.run.TrackingListener;
import org.sam2tracker.run.TrackingOptions;

/**
 * The SAM 2 Tracker command's work on an open image, shared by the ImageJ 1 plugin and the SciJava command:
 * prompts from the image's ROIs (or a prompt file: a RoiSet, JSON, CSV or a saved interactive session), the tracking, then what the settings ask for: outlines, the
 * Results table, and the command line's own result files in the save folder. The image is only read (the
 * overlay, when asked for, is the one change).
 */
final class TrackerRun implements AutoCloseable {

	/** What a run made, with the prompts it was given, for the outputs. */
	record Outcome(TrackingResult result, List<ObjectPrompt> prompts, String promptSource) {}

	private final ImagePlus imp;
	private final RunSettings settings;
	private final ModelRegistry models;
	private OutputLock lock;

	TrackerRun(final ImagePlus imp, final RunSettings settings, final ModelRegistry models) {
		this.imp = imp;
		this.settings = settings;
		this.models = models;
	}

	/** Checks everything that can be known before tracking, reads the prompts and tracks. */
	Outcome track(final TrackingListener listener, final BooleanSupplier cancelled) throws RunException {
		final TrackingOptions options = options(listener);
		final TrackingAxis axis = TrackingAxis.of(imp);
		final FrameRange range = axis.range(options);
		final PromptSet read = prompts(listener, range);
		final List<ObjectPrompt> prompts = read.prompts();
		final OutputSet outputs = outputs();
		// Everything about the saved results that can be known is checked before the tracking, under the lock.
		if (outputs != null) lock = outputs.prepare(ExpectedOutput.of(imp, prompts), settings.get(
			RunParameters.OVERWRITE), RunParameters.OVERWRITE.key());
		listener.log(imp.getTitle() + ": " + (axis.alongZ() ? "a z-stack, followed along Z" : "followed along T") +
			", " + axis.axisName() + "s " + range + ", " + options.direction().name().toLowerCase(Locale.ROOT) + ".");
		final TrackingResult result = new TrackingJob(imp, options, read, FeatureStores.of(settings,
			listener::log)).run(listener, cancelled);
		final String roiset = settings.get(RunParameters.ROISET);
		return new Outcome(result, prompts, roiset.isBlank() ? "ROIs of " + imp.getTitle() + " (" + settings.get(
			RunParameters.PROMPTS).key() + ")" : roiset);
	}

	/** Instead of tracking: the first frames at the model's input size and the chosen one, compared. */
	InputSizeComparison.Outcome compare(final TrackingListener listener, final BooleanSupplier cancelled)
		throws RunException
	{
		final TrackingOptions options = options(listener);
		final PromptSet read = prompts(listener, TrackingAxis.of(imp).range(options));
		final InputSizeComparison.Outcome outcome = new InputSizeComparison(imp, options, read, settings.get(
			RunParameters.COMPARE_SIZES)).run(listener, cancelled);
		outcome.lines().forEach(listener::log);
		return outcome;
	}

	private TrackingOptions options(final TrackingListener listener) throws RunException {
		if (imp == null) throw new BadInputException("There is no image: open a time-lapse or a z-stack first.");
		final TrackingOptions options = settings.trackingOptions(models);
		// Before ONNX Runtime starts: its natives (the GPU pack's, or the plugin's own) are chosen once per Fiji.
		if (options.device() != Device.CPU) listener.log(GpuSetup.prepare().line());
		try {
			SizedModels.prepare(options.model(), options.inputSize(), options.precision());
		}
		catch (final BundleException e) {
			throw RunException.of(e);
		}
		return options;
	}

	/** The prompts, from the image's ROIs or from the file the settings name. */
	private PromptSet prompts(final TrackingListener listener, final FrameRange range) throws RunException {
		final String roiset = settings.get(RunParameters.ROISET);
		final PromptSource source = settings.get(RunParameters.PROMPTS);
		if (roiset.isBlank() && source == PromptSource.ROI_MANAGER && GraphicsEnvironment.isHeadless()) {
			throw new BadInputException("The ROI Manager needs a screen, so a headless run cannot read prompts from " +
				"it. Save the ROIs as a RoiSet (ROI Manager > More > Save...) and give roiset=<file>, or store them " +
				"in the image's overlay and give prompts=image.");
		}
		final PromptSet read;
		if (roiset.isBlank()) {
			final RoiPrompts reader = new RoiPrompts(imp, settings.get(RunParameters.POINTS), range);
			read = PromptSet.of(reader.read(RoiPrompts.collect(imp, source)));
			reader.notes().forEach(listener::log);
		}
		else {
			read = PromptFiles.read(Path.of(roiset), imp, settings.get(RunParameters.POINTS), listener::log);
			if (read.session().isPresent()) read.session().get().checkReplay(settings, Path.of(roiset).getFileName()
				.toString());
		}
		return read;
	}

	/** The overlay, the Results table and the result files the settings ask for. */
	void deliver(final Outcome outcome, final TrackingListener listener) throws IOException {
		final TrackingResult result = outcome.result();
		final int maxLabel = (int) result.labels().getDisplayRangeMax();
		if (settings.get(RunParameters.OVERLAY)) OutlineOverlay.apply(imp, result.labels(), maxLabel);
		if (settings.get(RunParameters.RESULTS)) {
			final ResultsTable rt = ResultsTable.getResultsTable();
			ResultsTables.fill(rt, result.spotTable());
			rt.show("Results");
		}
		final OutputSet outputs = outputs();
		if (outputs == null) return;
		if (!result.complete()) {
			listener.log("Nothing was saved to " + outputs.folder() + ": the run was stopped before the end, and " +
				"saved results are always complete.");
			return;
		}
		outputs.write(new RunRecord(result, RunReport.of(inputFile(), imp, outcome.promptSource(), outcome.prompts(),
			settings.describe(FijiOptions.parameters()), result)));
		listener.log("Saved " + outputs.name() + "-* (" + OutputSet.FORMATS.size() + " results) to " + outputs
			.folder() + ".");
	}

	/** Lets go of the saved results' lock. */
	@Override
	public void close() {
		if (lock != null) lock.close();
		lock = null;
	}

	private OutputSet outputs() {
		final String save = settings.get(RunParameters.SAVE);
		return save.isBlank() ? null : new OutputSet(Path.of(save), ResultNames.base(imp.getTitle()));
	}

	private Path inputFile() {
		return inputFile(imp);
	}

	/** The file an image was opened from, when there is one. */
	static Path inputFile(final ImagePlus imp) {
		final FileInfo info = imp.getOriginalFileInfo();
		if (info == null || info.fileName == null || info.directory == null || info.directory.isBlank()) return null;
		final Path file = Path.of(info.directory, info.fileName);
		return Files.exists(file) ? file : null;
	}
}
