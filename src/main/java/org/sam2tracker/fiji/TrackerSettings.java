package org.sam2tracker.fiji;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.sam2tracker.imagej.ImagePlusFrames;
import org.sam2tracker.imagej.IntensityMapping;
import org.sam2tracker.imagej.PointMode;
import org.sam2tracker.imagej.PromptSource;
import org.sam2tracker.imagej.TrackingOptions;
import org.sam2tracker.model.Device;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.MaskPostprocessing;

/**
 * Everything the SAM 2 Tracker command asks for, with the macro keys that record and replay it. The dialog's
 * labels start with these keys (ImageJ records a field under the first word of its label), so a line recorded
 * from the dialog and a line written by hand read the same way.
 *
 * @param channel "1", "2", ... or "merge"
 * @param first first frame (or slice in a z-stack), 1-based; 0 for the first
 * @param last last frame, 1-based; 0 for the last
 * @param roiset a RoiSet .zip (or .roi) to read prompts from instead of the image, or "" (works headless)
 * @param save a folder for spots.csv and tracks.csv, or "" for none
 */
public record TrackerSettings(String model, Device device, String channel, int first, int last,
	Direction direction, PromptSource prompts, String roiset, PointMode points, IntensityMapping intensity, boolean nonOverlapping,
	int fillHoles, boolean overlay, boolean results, String save)
{

	/** A macro key and the dialog label that records under it. */
	public enum Key {
		MODEL("model", "Model"),
		DEVICE("device", "Device"),
		CHANNEL("channel", "Channel"),
		FIRST("first", "First frame"),
		LAST("last", "Last frame"),
		DIRECTION("direction", "Direction"),
		PROMPTS("prompts", "Prompts from"),
		ROISET("roiset", "RoiSet file (optional)"),
		POINTS("points", "Points"),
		INTENSITY("intensity", "Intensity"),
		SATURATED("saturated", "Saturated (%)"),
		MIN("min", "Min"),
		MAX("max", "Max"),
		NON_OVERLAPPING("non-overlapping", "Non-overlapping masks"),
		FILL_HOLES("fill_holes", "Fill_holes up to (pixels)"),
		OVERLAY("overlay", "Overlay outlines on the image"),
		RESULTS("results", "Results table gets the spots"),
		SAVE("save", "Save tables to folder");

		public final String key;
		public final String label;

		Key(final String key, final String label) {
			this.key = key;
			this.label = label;
		}

		static Set<String> all() {
			return Arrays.stream(values()).map(k -> k.key).collect(Collectors.toSet());
		}
	}

	public static final String MERGE = "merge";
	/** Keys of checkboxes: present when ticked, absent otherwise. */
	static final Set<String> FLAGS = Set.of(Key.NON_OVERLAPPING.key, Key.OVERLAY.key, Key.RESULTS.key);
	public static final int DEFAULT_FILL_HOLES = 64;

	static final String[] DEVICES = { "Auto", "GPU", "CPU" };
	static final String[] DIRECTIONS = { "both", "forward", "backward" };
	static final String[] PROMPT_SOURCES = { "auto", "manager", "image" };
	static final String[] POINT_MODES = { "each", "roi" };
	static final String[] INTENSITIES = { "series", "frame", "display", "fixed" };

	/** Defaults that suit fluorescent cells: both directions, no overlap, small holes filled, series stretch. */
	public TrackerSettings withModel(final String name) {
		return new TrackerSettings(name, device, channel, first, last, direction, prompts, roiset, points, intensity,
			nonOverlapping, fillHoles, overlay, results, save);
	}

	public static TrackerSettings defaults(final String model) {
		return new TrackerSettings(model, Device.AUTO, "1", 0, 0, Direction.BOTH, PromptSource.AUTO, "", PointMode.EACH,
			IntensityMapping.DEFAULT, true, DEFAULT_FILL_HOLES, false, false, "");
	}

	/** Reads a macro options string; keys left out keep the values of {@code defaults}, flags left out are off. */
	public static TrackerSettings fromMacro(final String options, final TrackerSettings defaults) {
		final MacroOptions o = new MacroOptions(options);
		final List<String> unknown = o.unknown(Key.all());
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown option" + (unknown.size() > 1 ? "s " : " ") + String.join(", ",
				unknown) + ". Known options: " + Arrays.stream(Key.values()).map(k -> k.key).collect(Collectors.joining(
					", ")) + ".");
		}
		final IntensityMapping.Mode mode = IntensityMapping.Mode.of(o.get(Key.INTENSITY.key, defaults.intensity()
			.mode().key()));
		final IntensityMapping intensity = new IntensityMapping(mode, o.number(Key.SATURATED.key, defaults.intensity()
			.saturated()), o.number(Key.MIN.key, defaults.intensity().min()), o.number(Key.MAX.key, defaults
				.intensity().max()));
		return new TrackerSettings(o.get(Key.MODEL.key, defaults.model()), device(o.get(Key.DEVICE.key, defaults
			.device().name())), o.get(Key.CHANNEL.key, defaults.channel()).trim().toLowerCase(Locale.ROOT), whole(o,
				Key.FIRST, defaults.first()), whole(o, Key.LAST, defaults.last()), direction(o.get(Key.DIRECTION.key,
					defaults.direction().name())), PromptSource.of(o.get(Key.PROMPTS.key, defaults.prompts().key())),
			o.get(Key.ROISET.key, defaults.roiset()), PointMode.of(o.get(Key.POINTS.key, defaults.points().key())), intensity, o.has(Key.NON_OVERLAPPING.key),
			whole(o, Key.FILL_HOLES, defaults.fillHoles()), o.has(Key.OVERLAY.key), o.has(Key.RESULTS.key), o.get(
				Key.SAVE.key, defaults.save()));
	}

	/** The macro options string that replays these settings: every key is written, so it needs no defaults. */
	public String toMacro() {
		final List<String> parts = new ArrayList<>();
		parts.add(pair(Key.MODEL, model));
		parts.add(pair(Key.DEVICE, deviceName(device)));
		parts.add(pair(Key.CHANNEL, channel));
		parts.add(pair(Key.FIRST, Integer.toString(first)));
		parts.add(pair(Key.LAST, Integer.toString(last)));
		parts.add(pair(Key.DIRECTION, direction.name().toLowerCase(Locale.ROOT)));
		parts.add(pair(Key.PROMPTS, prompts.key()));
		parts.add(pair(Key.ROISET, roiset));
		parts.add(pair(Key.POINTS, points.key()));
		parts.add(pair(Key.INTENSITY, intensity.mode().key()));
		parts.add(pair(Key.SATURATED, number(intensity.saturated())));
		parts.add(pair(Key.MIN, number(intensity.min())));
		parts.add(pair(Key.MAX, number(intensity.max())));
		if (nonOverlapping) parts.add(Key.NON_OVERLAPPING.key);
		parts.add(pair(Key.FILL_HOLES, Integer.toString(fillHoles)));
		if (overlay) parts.add(Key.OVERLAY.key);
		if (results) parts.add(Key.RESULTS.key);
		parts.add(pair(Key.SAVE, save));
		return String.join(" ", parts);
	}

	/** The run's options, with the model already found. */
	public TrackingOptions trackingOptions(final Path bundle) {
		return new TrackingOptions(bundle, device, channelNumber(), first, last, direction, new MaskPostprocessing(
			nonOverlapping, fillHoles), intensity);
	}

	/** The channel as the run counts it: 1, 2, ... or {@link ImagePlusFrames#MERGE}. */
	public int channelNumber() {
		if (MERGE.equalsIgnoreCase(channel)) return ImagePlusFrames.MERGE;
		try {
			return Integer.parseInt(channel.trim());
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException("channel=" + channel + " is not a channel: give its number (1, 2, ...) " +
				"or merge.");
		}
	}

	static String deviceName(final Device d) {
		return d == Device.AUTO ? "Auto" : d.name();
	}

	static Device device(final String value) {
		for (final Device d : Device.values()) {
			if (d.name().equalsIgnoreCase(value.trim())) return d;
		}
		throw new IllegalArgumentException("device=" + value + " is not a device: use Auto, GPU or CPU.");
	}

	static Direction direction(final String value) {
		for (final Direction d : Direction.values()) {
			if (d.name().equalsIgnoreCase(value.trim())) return d;
		}
		throw new IllegalArgumentException("direction=" + value + " is not a direction: use forward, backward or both.");
	}

	private static int whole(final MacroOptions o, final Key key, final int fallback) {
		final double v = o.number(key.key, fallback);
		if (v != Math.rint(v) || v < 0) {
			throw new IllegalArgumentException("The option " + key.key + "=" + v + " must be a whole number of at least 0.");
		}
		return (int) v;
	}

	private static String pair(final Key key, final String value) {
		return key.key + "=" + (value.isEmpty() || value.contains(" ") ? "[" + value + "]" : value);
	}

	private static String number(final double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
	}
}
