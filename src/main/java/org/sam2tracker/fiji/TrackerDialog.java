package org.sam2tracker.fiji;

import ij.ImagePlus;
import ij.gui.GenericDialog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sam2tracker.imagej.TrackingAxis;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.RunParameter;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.run.RunSettings;

/**
 * The SAM 2 Tracker dialog, made field by field from the options of {@link RunParameters}: each field records
 * under its option's key. What only the image can say is filled in here: the models to choose from, the image's
 * channels and length, and whether intensity options apply (they do for 16 and 32-bit images).
 */
final class TrackerDialog {

	static final String HELP = "https://github.com/sam2tracker/sam2-tracker#readme";
	static final String NO_MODELS = "(no models installed)";

	private TrackerDialog() {}

	/** Shows the dialog; null when the user cancels. */
	static RunSettings show(final ImagePlus imp, final RunSettings defaults, final List<String> models)
		throws BadInputException
	{
		return show(imp, defaults, models, "SAM 2 Tracker", FijiOptions.parameters());
	}

	/** The dialog with some of the options (those of the image's kind), under another title. */
	static RunSettings show(final ImagePlus imp, final RunSettings defaults, final List<String> models,
		final String title, final List<RunParameter<?>> parameters) throws BadInputException
	{
		final TrackingAxis axis = TrackingAxis.of(imp);
		final GenericDialog gd = new GenericDialog(title);
		gd.addMessage(imp.getTitle() + ": " + (axis.alongZ() ? "z-stack, " + axis.length() + " slices (followed along Z)"
			: axis.length() + " frames" + (axis.slices() > 1 ? " x " + axis.slices() + " slices" : "")) + ", " + axis
				.channels() + " channel" + (axis.channels() == 1 ? "" : "s"));
		final List<RunParameter<?>> shown = shown(imp, parameters);
		for (final RunParameter<?> p : shown) add(gd, p, defaults, models, axis);
		gd.addHelp(HELP);
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		final Map<String, String> texts = new LinkedHashMap<>();
		for (final RunParameter<?> p : shown) texts.put(p.key(), read(gd, p, axis));
		return RunSettings.fromText(texts, defaults, (p, text) -> p.label() + ":");
	}

	/** The options this image's dialog shows: intensity mapping only for 16 and 32-bit images. */
	private static List<RunParameter<?>> shown(final ImagePlus imp, final List<RunParameter<?>> parameters) {
		final boolean grey = imp.getBitDepth() == 16 || imp.getBitDepth() == 32;
		final List<RunParameter<?>> intensity = List.of(RunParameters.INTENSITY, RunParameters.SATURATED,
			RunParameters.MIN, RunParameters.MAX);
		return parameters.stream().filter(p -> grey || !intensity.contains(p)).toList();
	}

	private static void add(final GenericDialog gd, final RunParameter<?> p, final RunSettings defaults,
		final List<String> models, final TrackingAxis axis)
	{
		final String label = label(p, axis);
		final String value = defaults.text(p);
		if (p == RunParameters.MAX) gd.addToSameRow();
		switch (p.kind()) {
			case CHOICE -> {
				final List<String> items = choices(p, models, axis);
				gd.addChoice(label, items.toArray(new String[0]), items.contains(value) ? value : items.get(0));
			}
			case WHOLE -> gd.addNumericField(label, shownNumber(p, defaults, axis), 0);
			case NUMBER -> gd.addNumericField(label, Double.parseDouble(value), 2);
			case FLAG -> gd.addCheckbox(label, Boolean.parseBoolean(value));
			case TEXT -> gd.addStringField(label, value);
			case FILE -> gd.addFileField(label, value);
			case FOLDER -> gd.addDirectoryField(label, value);
		}
		if (p == RunParameters.POINTS) {
			gd.addMessage("Prompts: 'auto' uses the ROI Manager when it has entries, else the overlay and selection;\n" +
				"a RoiSet file, when given, is used instead.\n" +
				"Points: 'each' makes every point an object, 'roi' makes every point ROI one object;\n" +
				"ROIs in one group (ROI Manager > Properties) are always one object.\n" +
				"Background clicks: counter 1 of the multi-point tool, or a ROI named '-...' or 'background...'.");
		}
	}

	/**
	 * The range fields show real positions (1 to the image's length); the whole range reads back as 0 and 0, so
	 * that a recorded line replays on a longer image as the whole of it.
	 */
	private static double shownNumber(final RunParameter<?> p, final RunSettings defaults, final TrackingAxis axis) {
		final double value = Double.parseDouble(defaults.text(p));
		if (p == RunParameters.FIRST) return value <= 0 || value > axis.length() ? 1 : value;
		if (p == RunParameters.LAST) return value <= 0 || value > axis.length() ? axis.length() : value;
		return value;
	}

	private static String read(final GenericDialog gd, final RunParameter<?> p, final TrackingAxis axis) {
		return switch (p.kind()) {
			case CHOICE -> gd.getNextChoice();
			case WHOLE -> {
				final double v = gd.getNextNumber();
				if (p == RunParameters.FIRST && v == 1) yield "0";
				if (p == RunParameters.LAST && v == axis.length()) yield "0";
				yield Double.isNaN(v) ? "NaN" : v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
			}
			case NUMBER -> Double.toString(gd.getNextNumber());
			case FLAG -> Boolean.toString(gd.getNextBoolean());
			case TEXT, FILE, FOLDER -> gd.getNextString().trim();
		};
	}

	/** "First frame" reads "First slice" for a z-stack; the key, the label's first word, stays. */
	private static String label(final RunParameter<?> p, final TrackingAxis axis) {
		return axis.alongZ() && (p == RunParameters.FIRST || p == RunParameters.LAST) ? p.label().replace("frame",
			"slice") : p.label();
	}

	private static List<String> choices(final RunParameter<?> p, final List<String> models, final TrackingAxis axis) {
		if (p == RunParameters.MODEL) return models;
		if (p == RunParameters.CHANNEL) {
			final List<String> channels = new ArrayList<>();
			for (int c = 1; c <= axis.channels(); c++) channels.add(Integer.toString(c));
			if (axis.channels() > 1) channels.add(RunParameters.CHANNEL.format(RunParameters.MERGE_CHANNELS));
			return channels;
		}
		return p.choices();
	}

	/** Items for the model choice: the installed bundles, and the last one used when it is a folder path. */
	static List<String> modelItems(final java.util.Collection<String> installed, final String last) {
		final List<String> items = new ArrayList<>(installed);
		if (last != null && !last.isBlank() && !items.contains(last)) items.add(last);
		return items.isEmpty() ? new ArrayList<>(List.of(NO_MODELS)) : items;
	}
}
