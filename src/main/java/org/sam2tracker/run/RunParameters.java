package org.sam2tracker.run;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.sam2tracker.model.Device;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.Precision;
import org.sam2tracker.run.RunParameter.Kind;
import org.sam2tracker.run.RunParameter.Scope;
import org.sam2tracker.track.Direction;

/**
 * The options of a run, one entry each: the single table from which the command line's options, the Fiji dialog,
 * the macro keys and the SciJava command are made. {@link #ALL} is the order of the dialog and of a macro line.
 * To add an option: declare it here, add it to {@link #ALL}, read it where the run uses it (usually
 * {@link RunSettings#trackingOptions}), and give the SciJava command a field of the same name.
 */
public final class RunParameters {

	/** The channel value that merges every channel into RGB in its display colour. */
	public static final int MERGE_CHANNELS = 0;

	public static final RunParameter<String> MODEL = RunParameter.builder("model", Kind.CHOICE, RunParameters::text,
		Function.identity())
		.label("Model").commandLine("-m", "--model").requiredOnCommandLine()
		.help("an installed model's name (tiny stands for sam2.1-hiera-tiny), or a bundle folder").build();

	/** The input size that stands for the model's own (1024 for SAM 2.1), as the options write it. */
	public static final String MODEL_INPUT_SIZE = "model";

	public static final RunParameter<Integer> INPUT_SIZE = RunParameter.builder("input_size", Kind.CHOICE,
		RunParameters::inputSize, s -> s == ModelBundle.OWN_INPUT_SIZE ? MODEL_INPUT_SIZE : Integer.toString(s))
		.label("Input_size (pixels)").byDefault(MODEL_INPUT_SIZE).choices(MODEL_INPUT_SIZE, "768", "512")
		.help("the size each frame is seen at: model (1024, the size SAM 2.1 was trained at), or 768 or 512, about " +
			"2.7 and 7 times as fast, for large, simple objects such as cells (check the masks first: compare_sizes)")
		.build();

	public static final RunParameter<Precision> PRECISION = choice("precision", Precision.values(), Precision::key)
		.label("Precision").byDefault("exact")
		.help("exact (float32, equal to SAM 2.1 as published); bf16: the image encoder and the memory attention in " +
			"bfloat16 on the CPU's AMX or AVX512-BF16 units where it has them, about twice as fast, with masks " +
			"within 1% of exact's; or int8: the image encoder on the CPU's int8 units (VNNI, AMX), with masks within about 3%; " +
			"where the CPU lacks those units, and on the GPU, exact").build();

	public static final RunParameter<Device> DEVICE = choice("device", Device.values(), d -> d == Device.AUTO ? "Auto"
		: d.name())
		.label("Device").byDefault("Auto")
		.help("Auto (the GPU when one starts, else the CPU, saying why), GPU (fail if none starts) or CPU").build();

	public static final RunParameter<Integer> CHANNEL = RunParameter.builder("channel", Kind.CHOICE,
		RunParameters::channel, c -> c == MERGE_CHANNELS ? "merge" : Integer.toString(c))
		.label("Channel").byDefault("1")
		.help("the channel to track (1, 2, ...), or merge: every channel in its display colour, as RGB").build();

	public static final RunParameter<Integer> FIRST = whole("first", 0)
		.label("First frame").byDefault("0")
		.help("the first frame (slice of a z-stack) to track, counted from 1; 0 for the first").build();

	public static final RunParameter<Integer> LAST = whole("last", 0)
		.label("Last frame").byDefault("0")
		.help("the last frame (slice of a z-stack) to track; 0 for the last").build();

	public static final RunParameter<Direction> DIRECTION = choice("direction", Direction.values(), d -> d.name()
		.toLowerCase(Locale.ROOT))
		.label("Direction").byDefault("both")
		.help("both (from the earliest prompt forward, then backward), forward, or backward (from the latest prompt)")
		.build();

	public static final RunParameter<PromptSource> PROMPTS = choice("prompts", PromptSource.values(),
		PromptSource::key)
		.label("Prompts from").byDefault("auto").only(Scope.FIJI)
		.help("auto (the ROI Manager when it has entries, else the overlay and selection), manager or image").build();

	public static final RunParameter<String> ROISET = RunParameter.builder("roiset", Kind.FILE, RunParameters::text,
		Function.identity())
		.label("RoiSet or prompt file (optional)").only(Scope.FIJI)
		.help("a RoiSet .zip, a prompts .json or .csv, or a session saved by SAM 2 Interactive, to read the " +
			"prompts from instead of the image (works headless)").build();

	public static final RunParameter<PointMode> POINTS = choice("points", PointMode.values(), PointMode::key)
		.label("Points").byDefault("each")
		.help("for point ROIs: each (every point is an object) or roi (every point ROI is one object)").build();

	public static final RunParameter<IntensityMapping.Mode> INTENSITY = choice("intensity", IntensityMapping.Mode
		.values(), IntensityMapping.Mode::key)
		.label("Intensity").byDefault("series")
		.help("how 16 and 32-bit values become the model's 8 bits: series, frame, display or fixed").build();

	public static final RunParameter<Double> SATURATED = RunParameter.builder("saturated", Kind.NUMBER,
		RunParameters::percent, RunParameters::number)
		.label("Saturated (%)").byDefault(number(IntensityMapping.DEFAULT_SATURATED))
		.help("percent of pixels saturated, split between both ends, for series and frame").build();

	public static final RunParameter<Double> MIN = RunParameter.builder("min", Kind.NUMBER, RunParameters::real,
		RunParameters::number)
		.label("Min").byDefault("0").help("the minimum of a fixed intensity range").build();

	public static final RunParameter<Double> MAX = RunParameter.builder("max", Kind.NUMBER, RunParameters::real,
		RunParameters::number)
		.label("Max").byDefault("0").help("the maximum of a fixed intensity range").build();

	public static final RunParameter<Boolean> NON_OVERLAPPING = flag("non-overlapping", true)
		.label("Non-overlapping masks").commandLine("--overlapping").commandLineTurnsOff()
		.help("each pixel goes to the object with the highest logit there (the command line's --overlapping keeps " +
			"overlapping masks)").build();

	public static final RunParameter<Integer> FILL_HOLES = whole("fill_holes", 0)
		.label("Fill_holes up to (pixels)").byDefault("64")
		.help("fill background holes inside a mask up to this many pixels; 0 fills none").build();

	public static final RunParameter<Boolean> DIVISIONS = flag("divisions", false)
		.label("Divisions followed as daughters")
		.help("when an object's mask splits into two parts of similar size for 3 frames, it ends and its two " +
			"parts go on as new objects (daughters, with it as their parent), tracked forward").build();

	public static final RunParameter<Double> SEED_OVERLAP = RunParameter.builder("seed_overlap", Kind.NUMBER,
		RunParameters::fraction, RunParameters::number)
		.label("Seed_overlap (share)").byDefault("0.2")
		.help("a seed label on a later frame becomes a new object when at most this share of its pixels lies on " +
			"tracked objects (0 to under 1)").build();

	public static final RunParameter<Integer> COMPARE_SIZES = whole("compare_sizes", 0)
		.label("Compare_sizes on first frames (0 = track)").byDefault("0")
		.help("instead of tracking: track this many frames from the first prompt at the model's size and at " +
			"input_size, and report how well the masks agree and how long each took (nothing is written); 0 tracks")
		.build();

	public static final RunParameter<String> FEATURE_CACHE = RunParameter.builder("feature_cache", Kind.FOLDER,
		RunParameters::text, Function.identity())
		.label("Feature_cache folder (optional)")
		.help("a folder where each frame's image features are kept, so that the same frames with the same model are " +
			"never encoded again (in later runs, sessions and reopened images); empty keeps none").build();

	public static final RunParameter<Double> CACHE_LIMIT = RunParameter.builder("cache_limit", Kind.NUMBER,
		RunParameters::positive, RunParameters::number)
		.label("Cache_limit (GB)").byDefault("20")
		.help("the most the feature cache folder may hold; the features used longest ago make room (16 MB per " +
			"frame in float32, 8 in bfloat16, at every model size)").build();

	public static final RunParameter<FeaturePrecision> CACHE_PRECISION = choice("cache_precision", FeaturePrecision
		.values(), FeaturePrecision::key)
		.label("Cache_precision").byDefault("float32")
		.help("float32 keeps features exactly (results equal to encoding again); bfloat16 takes half the space, " +
			"with masks close to but not always equal to encoding again").build();

	public static final RunParameter<StackAxis> STACK_AXIS = choice("stack_axis", StackAxis.values(), a -> a.name()
		.toLowerCase(Locale.ROOT))
		.label("Stack_axis").byDefault("time").only(Scope.COMMAND_LINE)
		.help("what the pages of a plain multi-page TIFF are: time or z").build();

	public static final RunParameter<Boolean> OVERLAY = flag("overlay", false)
		.label("Overlay outlines on the image").only(Scope.FIJI)
		.help("outline every object on the input, in its label's colour (the only change ever made to the input)")
		.build();

	public static final RunParameter<Boolean> RESULTS = flag("results", false)
		.label("Results table gets the spots").only(Scope.FIJI)
		.help("the spots go into the Results table, for getResult and the Table functions").build();

	public static final RunParameter<String> SAVE = RunParameter.builder("save", Kind.FOLDER, RunParameters::text,
		Function.identity())
		.label("Save results to folder").only(Scope.FIJI)
		.help("a folder for the same files the command line writes: labels, tables, TrackMate, CTC and run report")
		.build();

	public static final RunParameter<Boolean> OVERWRITE = flag("overwrite", false)
		.label("Overwrite results that exist")
		.help("replace results that exist already; without it a run whose results exist is refused and nothing is " +
			"touched").build();

	/** Every option, in the order of the dialog and of a macro line. */
	public static final List<RunParameter<?>> ALL = List.of(MODEL, INPUT_SIZE, PRECISION, DEVICE, CHANNEL, FIRST, LAST,
		DIRECTION, PROMPTS, ROISET, POINTS, INTENSITY, SATURATED, MIN, MAX, NON_OVERLAPPING, FILL_HOLES, DIVISIONS,
		SEED_OVERLAP, COMPARE_SIZES, FEATURE_CACHE, CACHE_LIMIT, CACHE_PRECISION, STACK_AXIS, OVERLAY, RESULTS, SAVE,
		OVERWRITE);

	private RunParameters() {}

	/** The options a front end offers. */
	public static List<RunParameter<?>> inFiji() {
		return ALL.stream().filter(p -> p.scope().inFiji()).toList();
	}

	public static List<RunParameter<?>> onCommandLine() {
		return ALL.stream().filter(p -> p.scope().onCommandLine()).toList();
	}

	/** The option with that macro key, or null. */
	public static RunParameter<?> byKey(final String key) {
		return ALL.stream().filter(p -> p.key().equals(key)).findFirst().orElse(null);
	}

	// -- how the table's texts are read

	private static <E extends Enum<E>> RunParameter.Builder<E> choice(final String key, final E[] values,
		final Function<E, String> text)
	{
		final String[] written = Arrays.stream(values).map(text).toArray(String[]::new);
		return RunParameter.builder(key, Kind.CHOICE, s -> {
			for (final E v : values) {
				if (text.apply(v).equalsIgnoreCase(s)) return v;
			}
			throw new IllegalArgumentException("use " + or(written) + ".");
		}, text).choices(written);
	}

	private static RunParameter.Builder<Integer> whole(final String key, final int least) {
		return RunParameter.builder(key, Kind.WHOLE, s -> {
			final double v = real(s);
			if (v != Math.rint(v) || v < least || v > Integer.MAX_VALUE) {
				throw new IllegalArgumentException("give a whole number of at least " + least + ".");
			}
			return (int) v;
		}, i -> Integer.toString(i));
	}

	private static RunParameter.Builder<Boolean> flag(final String key, final boolean on) {
		return RunParameter.builder(key, Kind.FLAG, s -> {
			if (s.equalsIgnoreCase("true")) return true;
			if (s.equalsIgnoreCase("false")) return false;
			throw new IllegalArgumentException("give true or false.");
		}, b -> Boolean.toString(b)).byDefault(Boolean.toString(on));
	}

	private static String text(final String s) {
		return s.trim();
	}

	private static Integer channel(final String s) {
		if (s.equalsIgnoreCase("merge")) return MERGE_CHANNELS;
		final int c;
		try {
			c = Integer.parseInt(s.trim());
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException("give the channel's number (1, 2, ...) or merge.");
		}
		if (c < 1) throw new IllegalArgumentException("channels are counted from 1; give 1, 2, ... or merge.");
		return c;
	}

	/**
	 * An input size: model, or pixels, a multiple of 64 (Hiera halves the grid four times and the memory
	 * attention works on a 16th of it); whether the model has graphs for it is checked when it opens.
	 */
	private static int inputSize(final String s) {
		if (s.trim().equalsIgnoreCase(MODEL_INPUT_SIZE)) return ModelBundle.OWN_INPUT_SIZE;
		final double v;
		try {
			v = real(s);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("use model, 768 or 512.");
		}
		if (v != Math.rint(v) || v < 64 || v > 4096 || v % 64 != 0) {
			throw new IllegalArgumentException("use model, 768 or 512 (a size in pixels is a multiple of 64).");
		}
		return (int) v;
	}

	private static double real(final String s) {
		try {
			final double v = Double.parseDouble(s.trim());
			if (!Double.isFinite(v)) throw new NumberFormatException();
			return v;
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException("give a number.");
		}
	}

	private static double positive(final String s) {
		final double v = real(s);
		if (!(v > 0)) throw new IllegalArgumentException("give a number above 0.");
		return v;
	}

	private static double fraction(final String s) {
		final double v = real(s);
		if (!(v >= 0 && v < 1)) throw new IllegalArgumentException("give a share from 0 to under 1.");
		return v;
	}

	private static double percent(final String s) {
		final double v = real(s);
		if (!(v >= 0 && v < 100)) throw new IllegalArgumentException("give a percentage from 0 to under 100.");
		return v;
	}

	/** A number as a person writes it: 64, 0.2. */
	static String number(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	private static String or(final String[] words) {
		if (words.length == 1) return words[0];
		return Arrays.stream(words, 0, words.length - 1).collect(Collectors.joining(", ")) + " or " + words[words
			.length - 1];
	}
}
