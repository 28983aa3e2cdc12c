package org.sam2tracker.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;

import org.sam2tracker.imagej.ResultsTables;
import org.sam2tracker.imagej.TrackingResult;
import org.sam2tracker.run.RunException;
import org.sam2tracker.run.RunParameter;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.run.RunSettings;
import org.sam2tracker.run.TrackingListener;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The SAM 2 Tracker as a SciJava command, for scripts and for any SciJava context (headless included). It has
 * no menu path: the menu entry is the ImageJ 1 plugin, so the command appears once. Its inputs are the Fiji options
 * of {@link RunParameters}, one field each, named after the macro key in camel case ({@code fill_holes} is
 * {@code fillHoles}) and starting at the table's default; their values are read by the table's rules, as a macro
 * line is. A run that cannot start is cancelled with the reason.
 */
@Plugin(type = Command.class, label = "SAM 2 Tracker", headless = true)
public class Sam2TrackerCommand extends ContextCommand {

	@Parameter
	private LogService log;

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(description = "An installed model's name or a bundle folder")
	private String model = RunParameters.MODEL.defaultText();

	@Parameter(description = "model (1024), 768 or 512")
	private String inputSize = RunParameters.INPUT_SIZE.defaultText();

	@Parameter(description = "exact, bf16 or int8")
	private String precision = RunParameters.PRECISION.defaultText();

	@Parameter(description = "Auto, GPU or CPU")
	private String device = RunParameters.DEVICE.defaultText();

	@Parameter(description = "1, 2, ... or merge")
	private String channel = RunParameters.CHANNEL.defaultText();

	@Parameter(min = "0", description = "0 for the first")
	private int first = RunParameters.FIRST.defaultValue();

	@Parameter(min = "0", description = "0 for the last")
	private int last = RunParameters.LAST.defaultValue();

	@Parameter(description = "both, forward or backward")
	private String direction = RunParameters.DIRECTION.defaultText();

	@Parameter(description = "auto, manager or image")
	private String prompts = RunParameters.PROMPTS.defaultText();

	@Parameter(required = false, description = "A RoiSet .zip, a prompts .json or .csv, or a saved session, to " +
		"read prompts from instead")
	private String roiset = RunParameters.ROISET.defaultText();

	@Parameter(description = "each or roi")
	private String points = RunParameters.POINTS.defaultText();

	@Parameter(description = "series, frame, display or fixed")
	private String intensity = RunParameters.INTENSITY.defaultText();

	@Parameter
	private double saturated = RunParameters.SATURATED.defaultValue();

	@Parameter
	private double min = RunParameters.MIN.defaultValue();

	@Parameter
	private double max = RunParameters.MAX.defaultValue();

	@Parameter
	private boolean nonOverlapping = RunParameters.NON_OVERLAPPING.defaultValue();

	@Parameter(min = "0")
	private int fillHoles = RunParameters.FILL_HOLES.defaultValue();

	@Parameter(description = "Follow the two daughters of an object whose mask divides")
	private boolean divisions = RunParameters.DIVISIONS.defaultValue();

	@Parameter(description = "The largest share of a later seed label on tracked objects for a new object")
	private double seedOverlap = RunParameters.SEED_OVERLAP.defaultValue();

	@Parameter(required = false, description = "A folder keeping image features between runs")
	private String featureCache = RunParameters.FEATURE_CACHE.defaultText();

	@Parameter(min = "0", description = "frames; 0 tracks")
	private int compareSizes = RunParameters.COMPARE_SIZES.defaultValue();

	@Parameter(description = "GB")
	private double cacheLimit = RunParameters.CACHE_LIMIT.defaultValue();

	@Parameter(description = "float32 or bfloat16")
	private String cachePrecision = RunParameters.CACHE_PRECISION.defaultText();

	@Parameter
	private boolean overlay = RunParameters.OVERLAY.defaultValue();

	@Parameter
	private boolean results = RunParameters.RESULTS.defaultValue();

	@Parameter(required = false, description = "A folder for the result files")
	private String save = RunParameters.SAVE.defaultText();

	@Parameter
	private boolean overwrite = RunParameters.OVERWRITE.defaultValue();

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable spots;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable tracks;

	@Parameter(type = ItemIO.OUTPUT)
	private boolean complete;

	@Override
	public void run() {
		final TrackingListener listener = new TrackingListener() {

			@Override
			public void log(final String message) {
				log.info("SAM 2 Tracker: " + message);
			}
		};
		try {
			final RunSettings settings = RunSettings.fromText(inputs(), RunSettings.defaults(), (p, text) -> fieldName(
				p) + " =");
			final TrackingResult result;
			try (TrackerRun run = new TrackerRun(image, settings, ModelFolders.registry())) {
				if (settings.get(RunParameters.COMPARE_SIZES) > 0) {
					// No label image: the spots output holds the comparison, one row per object and frame.
					spots = ResultsTables.fill(new ResultsTable(), run.compare(listener, this::isCanceled).table());
					complete = true;
					return;
				}
				final TrackerRun.Outcome outcome = run.track(listener, this::isCanceled);
				run.deliver(outcome, listener);
				result = outcome.result();
			}
			labels = result.labels();
			spots = ResultsTables.fill(new ResultsTable(), result.spotTable());
			tracks = ResultsTables.fill(new ResultsTable(), result.trackTable());
			complete = result.complete();
		}
		catch (final RunException e) {
			cancel(e.getMessage());
		}
		catch (final IOException e) {
			cancel("The results could not be saved: " + e.getMessage());
		}
	}

	/** Each option's field as text, by macro key. */
	private Map<String, String> inputs() {
		final Map<String, String> texts = new LinkedHashMap<>();
		for (final RunParameter<?> p : FijiOptions.parameters()) {
			final Object value = fieldValue(this, p);
			texts.put(p.key(), value == null ? "" : value instanceof Double d ? Double.toString(d) : value.toString());
		}
		return texts;
	}

	/** The field of an option: the macro key in camel case. */
	static String fieldName(final RunParameter<?> p) {
		final StringBuilder name = new StringBuilder();
		boolean upper = false;
		for (final char c : p.key().toCharArray()) {
			if (c == '_' || c == '-') upper = true;
			else {
				name.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return name.toString();
	}

	static Object fieldValue(final Sam2TrackerCommand command, final RunParameter<?> p) {
		try {
			final Field field = Sam2TrackerCommand.class.getDeclaredField(fieldName(p));
			field.setAccessible(true);
			return field.get(command);
		}
		catch (final ReflectiveOperationException e) {
			throw new IllegalStateException("the SciJava command has no field " + fieldName(p) + " for the option " + p
				.key(), e);
		}
	}
}
