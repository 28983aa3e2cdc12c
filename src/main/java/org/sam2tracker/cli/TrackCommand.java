package org.sam2tracker.cli;

import ij.ImagePlus;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.sam2tracker.cache.FeatureStores;
import org.sam2tracker.imagej.InputSizeComparison;
import org.sam2tracker.imagej.TrackingJob;
import org.sam2tracker.imagej.TrackingResult;
import org.sam2tracker.install.GpuSetup;
import org.sam2tracker.install.SizedModels;
import org.sam2tracker.io.BatchInputs;
import org.sam2tracker.io.InputImages;
import org.sam2tracker.io.PromptDiscovery;
import org.sam2tracker.io.PromptFiles;
import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.output.ExpectedOutput;
import org.sam2tracker.output.OutputLock;
import org.sam2tracker.output.OutputSet;
import org.sam2tracker.output.RunRecord;
import org.sam2tracker.output.RunReport;
import org.sam2tracker.run.ExitStatus;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.OutOfMemory;
import org.sam2tracker.run.PromptSet;
import org.sam2tracker.run.ResultNames;
import org.sam2tracker.run.RunException;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.run.RunSettings;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.track.FeatureStore;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Tracks one input or a batch: prompts in, the result files of {@link OutputSet} out. A batch goes on past a
 * failed input and reports it at the end. The run options come from {@link RunParameters} through
 * {@link CommandLineOptions}; only what concerns files and the console is declared here.
 */
@Command(name = "track", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Track the objects marked in a prompt file through a time-lapse (or a z-stack).",
		"An INPUT is an image file (ImageJ TIFF, multi-page TIFF, OME-TIFF; CZI, ND2, LIF, ... with Bio-Formats), " +
			"a folder of image files read as one sequence (with --sequence), or a folder of such inputs (a batch)." },
	footer = { "", "Prompts: CSV (object,frame,z,x,y,label or object,frame,z,x0,y0,x1,y1), JSON, or an ImageJ " +
		"RoiSet .zip; see the README. Without --prompts, each input's prompts are looked for beside it as " +
		"<name>_prompts.csv, .json or .zip." })
final class TrackCommand implements Callable<Integer> {

	@Parameters(paramLabel = "INPUT", arity = "1..*", description = "images, sequences or folders of inputs")
	List<Path> inputs;

	@Option(names = { "-p", "--prompts" }, paramLabel = "FILE|FOLDER",
		description = "the prompt file, or a folder holding <name>_prompts.* for each input")
	Path prompts;

	@Option(names = { "-o", "--output" }, required = true, paramLabel = "FOLDER", description = "where results go")
	Path output;

	@Option(names = "--sequence", description = "read a folder INPUT as one image sequence, not as a batch")
	boolean sequence;

	@Option(names = { "-q", "--quiet" }, description = "print errors only")
	boolean quiet;

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	private final PrintStream out;
	private final PrintStream err;
	private final Cancellation cancellation;
	private Sam2Model sam2;
	/** The feature cache folder the options name, shared by every input of the batch. */
	private FeatureStore features = FeatureStore.NONE;

	TrackCommand(final PrintStream out, final PrintStream err, final Cancellation cancellation) {
		this.out = out;
		this.err = err;
		this.cancellation = cancellation;
	}

	@Override
	public Integer call() {
		final RunSettings settings;
		final TrackingOptions options;
		final List<Path> work;
		try {
			settings = CommandLineOptions.read(spec);
			options = settings.trackingOptions(ModelRegistry.standard());
			SizedModels.prepare(options.model(), options.inputSize(), options.precision());
			work = BatchInputs.expand(inputs, sequence, OutputSet::isResult);
			features = FeatureStores.of(settings, line -> err.println("warning: " + line));
		}
		catch (final RunException e) {
			err.println(e.getMessage());
			return e.exitStatus().code();
		}
		catch (final BundleException e) {
			err.println(e.getMessage());
			return RunException.of(e).exitStatus().code();
		}
		// Before ONNX Runtime starts: its natives (the GPU pack's, or the plugin's own) are chosen once.
		if (options.device() != Device.CPU) {
			final String gpu = GpuSetup.prepare().line();
			if (!quiet) err.println(gpu);
		}
		final List<String> failures = new ArrayList<>();
		ExitStatus last = ExitStatus.OK;
		try {
			for (final Path input : work) {
				if (cancellation.isCancelled()) return ExitStatus.CANCELLED.code();
				final ExitStatus status = trackOne(input, settings, options);
				if (status == ExitStatus.CANCELLED) return status.code();
				// A model or device problem is the same for every input: no use going on.
				if (status == ExitStatus.MODEL || status == ExitStatus.DEVICE) return status.code();
				if (status != ExitStatus.OK) {
					failures.add(input.toString());
					last = status;
				}
			}
		}
		finally {
			if (sam2 != null) sam2.close();
		}
		if (failures.isEmpty()) return ExitStatus.OK.code();
		if (work.size() > 1) {
			err.println(failures.size() + " of " + work.size() + " inputs failed: " + String.join(", ", failures));
			return ExitStatus.SOME_FAILED.code();
		}
		return last.code();
	}

	private ExitStatus trackOne(final Path input, final RunSettings settings, final TrackingOptions options) {
		final String name = Files.isDirectory(input) ? input.getFileName().toString() : ResultNames.base(input
			.getFileName().toString());
		final ConsoleProgress progress = new ConsoleProgress(err, System.console() != null, quiet, name);
		final OutputSet outputs = new OutputSet(output, name);
		try {
			final ImagePlus imp = InputImages.open(input, settings.get(RunParameters.STACK_AXIS));
			final Path promptFile = PromptDiscovery.find(prompts, input, name);
			final PromptSet read = PromptFiles.read(promptFile, imp, settings.get(RunParameters.POINTS), progress::log);
			if (read.session().isPresent()) read.session().get().checkReplay(settings, promptFile.getFileName()
				.toString());
			if (settings.get(RunParameters.COMPARE_SIZES) > 0) {
				new InputSizeComparison(imp, options, read, settings.get(RunParameters.COMPARE_SIZES)).run(progress,
					cancellation::isCancelled).lines().forEach(line -> out.println(name + ": " + line));
				return ExitStatus.OK;
			}
			final List<ObjectPrompt> objectPrompts = read.prompts();
			// Everything about the results that can be known is checked before the tracking, under the lock.
			try (OutputLock lock = outputs.prepare(ExpectedOutput.of(imp, objectPrompts), settings.get(
				RunParameters.OVERWRITE), RunParameters.OVERWRITE.commandLineName()))
			{
				final Sam2Model model = model(options, progress);
				final TrackingResult result = new TrackingJob(imp, options, read, features).run(model, progress,
					cancellation::isCancelled);
				if (!result.complete()) {
					err.println(name + ": cancelled after " + result.framesDone() + " of " + result.framesTotal() +
						" frames; nothing was written.");
					return ExitStatus.CANCELLED;
				}
				outputs.write(new RunRecord(result, RunReport.of(input, imp, promptFile.toString(), objectPrompts,
					settings.describe(RunParameters.onCommandLine()), result)));
				if (!quiet) out.println(name + ": " + result.objects() + " objects, " + result.spots().size() +
					" spots, " + result.framesDone() + " frames -> " + output);
				return ExitStatus.OK;
			}
		}
		catch (final RunException e) {
			err.println(name + ": " + e.getMessage());
			return e.exitStatus();
		}
		catch (final IOException e) {
			err.println(name + ": " + e.getMessage());
			return ExitStatus.BAD_INPUT;
		}
		catch (final IllegalStateException e) {
			// A frame of a folder that changed or broke after the folder was checked names its file here.
			err.println(name + ": " + e.getMessage());
			return ExitStatus.BAD_INPUT;
		}
		catch (final OutOfMemoryError e) {
			// The input's arrays are unreachable once here, so the batch can go on with the next input.
			err.println(name + ": " + OutOfMemory.runMessage("start Java with a higher ceiling, for example java " +
				"-Xmx8g -jar SAM2_Tracker.jar ..."));
			return ExitStatus.MEMORY;
		}
	}

	/** The model, opened at the first input that needs it and kept for the rest of the batch. */
	private Sam2Model model(final TrackingOptions options, final ConsoleProgress progress) throws RunException {
		if (sam2 != null) return sam2;
		try {
			sam2 = Sam2Model.open(options.model(), options.inputSize(), options.precision(), options.device(),
				Runtime.getRuntime().availableProcessors());
			progress.log("model " + sam2.describe() + ".");
			if (sam2.precisionNote() != null) progress.log("precision: " + sam2.precisionNote() + ".");
			return sam2;
		}
		catch (final BundleException e) {
			throw RunException.of(e);
		}
	}
}
