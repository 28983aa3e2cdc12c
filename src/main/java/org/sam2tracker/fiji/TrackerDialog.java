package org.sam2tracker.fiji;

import ij.ImagePlus;
import ij.gui.GenericDialog;

import java.util.ArrayList;
import java.util.List;

import org.sam2tracker.imagej.IntensityMapping;
import org.sam2tracker.imagej.PointMode;
import org.sam2tracker.imagej.PromptSource;
import org.sam2tracker.imagej.TrackingAxis;
import org.sam2tracker.fiji.TrackerSettings.Key;

/** The SAM 2 Tracker dialog. Each field records under its {@link Key}. */
final class TrackerDialog {

	static final String HELP = "https://github.com/sam2tracker/sam2-tracker#readme";
	static final String NO_MODELS = "(no models installed)";

	private TrackerDialog() {}

	/** Shows the dialog; null when the user cancels. */
	static TrackerSettings show(final ImagePlus imp, final TrackerSettings defaults, final List<String> models) {
		final TrackingAxis axis = TrackingAxis.of(imp);
		final String along = axis.alongZ() ? "slice" : "frame";
		final GenericDialog gd = new GenericDialog("SAM 2 Tracker");
		gd.addMessage(imp.getTitle() + ": " + (axis.alongZ() ? "z-stack, " + axis.length() + " slices (followed along Z)"
			: axis.length() + " frames" + (axis.slices() > 1 ? " x " + axis.slices() + " slices" : "")) + ", " + axis
				.channels() + " channel" + (axis.channels() == 1 ? "" : "s"));
		final String[] modelItems = models.toArray(new String[0]);
		gd.addChoice(Key.MODEL.label, modelItems, models.contains(defaults.model()) ? defaults.model() : modelItems[0]);
		gd.addChoice(Key.DEVICE.label, TrackerSettings.DEVICES, TrackerSettings.deviceName(defaults.device()));
		final List<String> channels = new ArrayList<>();
		for (int c = 1; c <= axis.channels(); c++) channels.add(Integer.toString(c));
		if (axis.channels() > 1) channels.add(TrackerSettings.MERGE);
		gd.addChoice(Key.CHANNEL.label, channels.toArray(new String[0]), channels.contains(defaults.channel())
			? defaults.channel() : "1");
		gd.addNumericField(Key.FIRST.label.replace("frame", along), defaults.first() <= 0 ? 1 : Math.min(defaults
			.first(), axis.length()), 0);
		gd.addNumericField(Key.LAST.label.replace("frame", along), defaults.last() <= 0 || defaults.last() > axis
			.length() ? axis.length() : defaults.last(), 0);
		gd.addChoice(Key.DIRECTION.label, TrackerSettings.DIRECTIONS, defaults.direction().name().toLowerCase(
			java.util.Locale.ROOT));
		gd.addChoice(Key.PROMPTS.label, TrackerSettings.PROMPT_SOURCES, defaults.prompts().key());
		gd.addFileField(Key.ROISET.label, defaults.roiset());
		gd.addChoice(Key.POINTS.label, TrackerSettings.POINT_MODES, defaults.points().key());
		gd.addMessage("Prompts: 'auto' uses the ROI Manager when it has entries, else the overlay and selection;\n" +
			"a RoiSet file, when given, is used instead.\n" +
			"Points: 'each' makes every point an object, 'roi' makes every point ROI one object;\n" +
			"ROIs in one group (ROI Manager > Properties) are always one object.\n" +
			"Background clicks: counter 1 of the multi-point tool, or a ROI named '-...' or 'background...'.");
		final boolean grey = imp.getBitDepth() == 16 || imp.getBitDepth() == 32;
		if (grey) {
			gd.addChoice(Key.INTENSITY.label, TrackerSettings.INTENSITIES, defaults.intensity().mode().key());
			gd.addNumericField(Key.SATURATED.label, defaults.intensity().saturated(), 2);
			gd.addNumericField(Key.MIN.label, defaults.intensity().min(), 2);
			gd.addToSameRow();
			gd.addNumericField(Key.MAX.label, defaults.intensity().max(), 2);
		}
		gd.addCheckbox(Key.NON_OVERLAPPING.label, defaults.nonOverlapping());
		gd.addNumericField(Key.FILL_HOLES.label, defaults.fillHoles(), 0);
		gd.addCheckbox(Key.OVERLAY.label, defaults.overlay());
		gd.addCheckbox(Key.RESULTS.label, defaults.results());
		gd.addDirectoryField(Key.SAVE.label, defaults.save());
		gd.addHelp(HELP);
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		final String model = gd.getNextChoice();
		final String device = gd.getNextChoice();
		final String channel = gd.getNextChoice();
		final int first = (int) gd.getNextNumber();
		final int last = (int) gd.getNextNumber();
		final String direction = gd.getNextChoice();
		final PromptSource prompts = PromptSource.of(gd.getNextChoice());
		final String roiset = gd.getNextString().trim();
		final PointMode points = PointMode.of(gd.getNextChoice());
		IntensityMapping intensity = defaults.intensity();
		if (grey) {
			final IntensityMapping.Mode mode = IntensityMapping.Mode.of(gd.getNextChoice());
			final double saturated = gd.getNextNumber();
			final double min = gd.getNextNumber();
			final double max = gd.getNextNumber();
			intensity = new IntensityMapping(mode, saturated, min, max);
		}
		final boolean nonOverlapping = gd.getNextBoolean();
		final int fillHoles = (int) Math.max(0, gd.getNextNumber());
		final boolean overlay = gd.getNextBoolean();
		final boolean results = gd.getNextBoolean();
		final String save = gd.getNextString().trim();
		return new TrackerSettings(model, TrackerSettings.device(device), channel, first, last, TrackerSettings
			.direction(direction), prompts, roiset, points, intensity, nonOverlapping, fillHoles, overlay, results, save);
	}

	/** Items for the model choice: the installed bundles, and the last one used when it is a folder path. */
	static List<String> modelItems(final java.util.Collection<String> installed, final String last) {
		final List<String> items = new ArrayList<>(installed);
		if (last != null && !last.isBlank() && !items.contains(last)) items.add(last);
		return items.isEmpty() ? new ArrayList<>(List.of(NO_MODELS)) : items;
	}
}
