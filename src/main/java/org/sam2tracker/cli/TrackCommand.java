package org.sam2tracker.cli;

import ai.onnxruntime.OrtEnvironment;

import ij.ImagePlus;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sam2tracker.imagej.ImagePlusFrames;
import org.sam2tracker.imagej.IntensityMapping;
import org.sam2tracker.imagej.ObjectPrompt;
import org.sam2tracker.imagej.PointMode;
import org.sam2tracker.imagej.PromptException;
import org.sam2tracker.imagej.TrackingException;
import org.sam2tracker.imagej.TrackingJob;
import org.sam2tracker.imagej.TrackingOptions;
import org.sam2tracker.imagej.TrackingResult;
import org.sam2tracker.io.InputException;
import org.sam2tracker.io.InputImages;
import org.sam2tracker.io.PromptFiles;
import org.sam2tracker.io.RunReport;
import org.sam2tracker.io.StackAxis;
import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.DeviceException;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.MaskPostprocessing;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Tracks one input or a batch: prompts in, a label TIFF, tables, a TrackMate CSV, a Cell Tracking Challenge
 * folder and run.json out. A batch goes on past a failed input and reports it at the end.
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

	@Option(names = { "-m", "--model" }, required = true, paramLabel = "MODEL",
		description = "an installed model's name, or a bundle folder")
	String model;

	@Option(names = { "-o", "--output" }, required = true, paramLabel = "FOLDER", description = "where results go")
	Path output;

	@Option(names = "--device", defaultValue = "auto", description = "auto, gpu or cpu (default: ${DEFAULT-VALUE}); " +
		"auto falls back to the CPU and says why, gpu fails instead")
	Device device;

	@Option(names = "--channel", defaultValue = "1", description = "the channel to track (1, 2, ...) or merge " +
		"(default: ${DEFAULT-VALUE})")
	String channel;

	@Option(names = "--first", defaultValue = "0", description = "first frame (slice in a z-stack), 1-based; 0: the " +
		"first")
	int first;

	@Option(names = "--last", defaultValue = "0", description = "last frame; 0: the last")
	int last;

	@Option(names = "--direction", defaultValue = "both", description = "both, forward or backward (default: " +
		"${DEFAULT-VALUE})")
	Direction direction;

	@Option(names = "--points", defaultValue = "each", description = "for RoiSet prompts: each (every point is an " +
		"object) or roi (every point ROI is one object)")
	String points;

	@Option(names = "--intensity", defaultValue = "series", description = "16 and 32-bit to 8 bits: series, frame, " +
		"display or fixed (default: ${DEFAULT-VALUE})")
	String intensity;

	@Option(names = "--saturated", defaultValue = "0.2", description = "percent saturated for series and frame " +
		"(default: ${DEFAULT-VALUE})")
	double saturated;

	@Option(names = "--min", defaultValue = "0", description = "the minimum of a fixed range")
	double min;

	@Option(names = "--max", defaultValue = "0", description = "the maximum of a fixed range")
	double max;

	@Option(names = "--overlapping", description = "keep overlapping masks (default: each pixel to one object)")
	boolean overlapping;

	@Option(names = "--fill-holes", defaultValue = "64", description = "fill holes inside masks up to this many " +
		"pixels (default: ${DEFAULT-VALUE})")
	int fillHoles;

	@Option(names = "--stack-axis", defaultValue = "time", description = "what the pages of a plain multi-page " +
		"TIFF are: time or z (default: ${DEFAULT-VALUE})")
	String stackAxis;

	@Option(names = "--sequence", description = "read a folder INPUT as one image sequence, not as a batch")
	boolean sequence;

	@Option(names = "--overwrite", description = "replace results that exist already")
	boolean overwrite;

	@Option(names = { "-q", "--quiet" }, description = "print errors only")
	boolean quiet;

	private final PrintStream out;
	private final PrintStream err;
	private final Cancellation cancellation;
	private Sam2Model sam2;

	TrackCommand(final PrintStream out, final PrintStream err, final Cancellation cancellation) {
		this.out = out;
		this.err = err;
		this.cancellation = cancellation;
	}

	@Override
	public Integer call() {
		final TrackingOptions options;
		final List<Path> work;
		try {
			options = options();
			work = expand();
		}
		catch (final BundleException e) {
			err.println(e.getMessage());
			return ExitCodes.MODEL;
		}
		catch (final IllegalArgumentException | InputException e) {
			err.println(e.getMessage());
			return ExitCodes.BAD_INPUT;
		}
		final List<String> failures = new ArrayList<>();
		int lastCode = ExitCodes.OK;
		try {
			for (final Path input : work) {
				if (cancellation.isCancelled()) return ExitCodes.CANCELLED;
				final int code = trackOne(input, options);
				if (code == ExitCodes.CANCELLED) return code;
				if (code == ExitCodes.MODEL || code == ExitCodes.DEVICE) return code; // the same for every input
				if (code != ExitCodes.OK) {
					failures.add(input.toString());
					lastCode = code;
				}
			}
		}
		finally {
			if (sam2 != null) sam2.close();
		}
		if (failures.isEmpty()) return ExitCodes.OK;
		if (work.size() > 1) {
			err.println(failures.size() + " of " + work.size() + " inputs failed: " + String.join(", ", failures));
			return ExitCodes.SOME_FAILED;
		}
		return lastCode;
	}

	private int trackOne(final Path input, final TrackingOptions options) {
		final String name = OutputSet.baseName(input);
		final ConsoleProgress progress = new ConsoleProgress(err, System.console() != null, quiet, name);
		final OutputSet outputs = new OutputSet(output, name);
		try {
			final List<Path> existing = outputs.existing();
			if (!existing.isEmpty() && !overwrite) {
				err.println(name + ": results exist already (" + existing.get(0).getFileName() + (existing.size() > 1
					? " and " + (existing.size() - 1) + " more" : "") + " in " + output + "); give --overwrite to " +
					"replace them.");
				return ExitCodes.BAD_INPUT;
			}
			final ImagePlus imp = InputImages.open(input, StackAxis.valueOf(stackAxis.trim().toUpperCase(
				java.util.Locale.ROOT)));
			final Path promptFile = promptFile(input, name);
			final List<ObjectPrompt> objectPrompts = PromptFiles.read(promptFile, imp, PointMode.of(points));
			final Sam2Model model = model(options, progress);
			model.resetTimings();
			final TrackingResult result = new TrackingJob(imp, options, objectPrompts).run(model, progress,
				cancellation::isCancelled);
			if (!result.complete()) {
				err.println(name + ": cancelled after " + result.framesDone() + " of " + result.framesTotal() +
					" frames; nothing was written.");
				return ExitCodes.CANCELLED;
			}
			final RunReport report = new RunReport("SAM 2 Tracker", Main.version()).input(input, imp).prompts(
				promptFile, objectPrompts).model(model.bundle()).options(optionList()).result(result, model
					.stageTimings()).versions(OrtEnvironment.getEnvironment().getVersion());
			outputs.write(result, report);
			if (!quiet) out.println(name + ": " + result.objects() + " objects, " + result.spots().size() +
				" spots, " + result.framesDone() + " frames -> " + output);
			return ExitCodes.OK;
		}
		catch (final InputException | PromptException | IllegalArgumentException e) {
			err.println(name + ": " + e.getMessage());
			return ExitCodes.BAD_INPUT;
		}
		catch (final TrackingException e) {
			err.println(name + ": " + e.getMessage());
			return e.getCause() instanceof DeviceException ? ExitCodes.DEVICE : e.getCause() instanceof BundleException
				? ExitCodes.MODEL : ExitCodes.BAD_INPUT;
		}
		catch (final IOException e) {
			err.println(name + ": cannot write the results: " + e.getMessage());
			return ExitCodes.BAD_INPUT;
		}
	}

	/** The model, opened at the first input that needs it and kept for the rest of the batch. */
	private Sam2Model model(final TrackingOptions options, final ConsoleProgress progress) throws TrackingException {
		if (sam2 != null) return sam2;
		try {
			sam2 = Sam2Model.open(options.model(), options.device(), Runtime.getRuntime().availableProcessors());
			progress.log("model " + sam2.bundle().manifest().modelName() + " on " + sam2.device() + ".");
			return sam2;
		}
		catch (final BundleException e) {
			throw new TrackingException(e.getMessage(), e);
		}
	}

	private TrackingOptions options() throws BundleException {
		final Path bundle = ModelRegistry.standard().resolve(model);
		final int channelNumber = channel.trim().equalsIgnoreCase("merge") ? ImagePlusFrames.MERGE : parseChannel();
		return new TrackingOptions(bundle, device, channelNumber, first, last, direction, new MaskPostprocessing(
			!overlapping, fillHoles), new IntensityMapping(IntensityMapping.Mode.of(intensity), saturated, min, max));
	}

	private int parseChannel() {
		try {
			return Integer.parseInt(channel.trim());
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException("--channel " + channel + " is not a channel: give its number or merge.");
		}
	}

	/** Inputs as given, with each folder of inputs (a batch) replaced by the inputs inside it. */
	private List<Path> expand() throws InputException {
		final List<Path> all = new ArrayList<>();
		for (final Path p : inputs) {
			if (!Files.exists(p)) throw new InputException("The input " + p + " does not exist.");
			if (Files.isDirectory(p) && !sequence) {
				try (var children = Files.list(p)) {
					children.filter(c -> !c.getFileName().toString().startsWith(".") && !isPromptFile(c) &&
						InputImages.isInput(c)).sorted().forEach(all::add);
				}
				catch (final IOException e) {
					throw new InputException("Cannot list the folder " + p + ": " + e.getMessage(), e);
				}
			}
			else all.add(p);
		}
		if (all.isEmpty()) throw new InputException("No inputs found in " + inputs + ".");
		return all;
	}

	private Path promptFile(final Path input, final String name) throws PromptException {
		if (prompts != null && !Files.isDirectory(prompts)) return prompts;
		final Path dir = prompts != null ? prompts : input.toAbsolutePath().getParent();
		for (final String ending : PromptFiles.ENDINGS) {
			final Path candidate = dir.resolve(name + "_prompts" + ending);
			if (Files.isRegularFile(candidate)) return candidate;
		}
		throw new PromptException("no prompts: give --prompts, or put " + name + "_prompts.csv (or .json or .zip) in " +
			dir + ".");
	}

	private static boolean isPromptFile(final Path p) {
		final String n = p.getFileName().toString();
		return PromptFiles.ENDINGS.stream().anyMatch(e -> n.endsWith("_prompts" + e));
	}

	private Map<String, Object> optionList() {
		final Map<String, Object> o = new LinkedHashMap<>();
		o.put("model", model);
		o.put("device", device);
		o.put("channel", channel);
		o.put("first", first);
		o.put("last", last);
		o.put("direction", direction);
		o.put("points", points);
		o.put("intensity", intensity);
		o.put("saturated", saturated);
		o.put("min", min);
		o.put("max", max);
		o.put("overlapping", overlapping);
		o.put("fill_holes", fillHoles);
		o.put("stack_axis", stackAxis);
		return o;
	}
}
