package org.sam2tracker.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bundle's manifest.json, read and checked: the format and its version, the model's name, the configuration,
 * the five graphs with their tensors and, for graphs without weights, the checkpoint that holds them
 * ({@code weights} and {@code checkpointMap} are null for graphs with their weights inside), and the graphs it has
 * in other precisions than float32 ({@code precisions}: for int8, the image encoder), which take their weights
 * from the same checkpoint through the checkpoint map's rows of "graph@precision".
 */
public record BundleManifest(int formatVersion, String modelName, BundleConfig config, Map<String, GraphSpec> graphs,
	WeightsSpec weights, String checkpointMap, Map<Precision, Map<String, GraphSpec>> precisions)
{

	public static final String FILE_NAME = "manifest.json";

	/**
	 * The file and tensors of a graph in a precision: its own entry in {@code precisions}, or the float32 graph's
	 * where that precision keeps it (int8 changes only the image encoder).
	 */
	public GraphSpec graph(final String name, final Precision precision) {
		final Map<String, GraphSpec> own = precisions.get(precision);
		return own != null && own.containsKey(name) ? own.get(name) : graph(name);
	}

	/** The checkpoint map's key of a graph's rows in a precision: "image_encoder@int8", or the graph's name. */
	public String mapKey(final String name, final Precision precision) {
		final Map<String, GraphSpec> own = precisions.get(precision);
		return own != null && own.containsKey(name) ? name + "@" + precision.key() : name;
	}

	/** This manifest with another bundle's weights (graphs for another input size read their bundle's). */
	BundleManifest withWeights(final WeightsSpec other) {
		return new BundleManifest(formatVersion, modelName, config, graphs, other, checkpointMap, precisions);
	}
	public static final String FORMAT = "sam2-tracker-bundle";
	public static final int FORMAT_VERSION = 1;
	public static final List<String> GRAPH_NAMES = List.of("image_encoder", "mask_decoder", "mask_prompt",
		"memory_encoder", "memory_attention");

	public BundleManifest {
		graphs = Map.copyOf(graphs);
	}

	public GraphSpec graph(final String name) {
		return graphs.get(name);
	}

	/** Reads and checks the manifest of the bundle folder. */
	public static BundleManifest read(final Path folder) throws BundleException {
		final Path file = folder.resolve(FILE_NAME);
		final JsonObject root;
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			final JsonElement element = JsonParser.parseReader(reader);
			if (!element.isJsonObject()) throw bad(file, "it is not a JSON object");
			root = element.getAsJsonObject();
		}
		catch (final NoSuchFileException e) {
			throw new BundleException("No " + FILE_NAME + " in " + folder +
				": this folder is not a model bundle. Choose a bundle folder, or install a model again.");
		}
		catch (final IOException e) {
			throw new BundleException("Cannot read " + file + ": " + e.getMessage(), e);
		}
		catch (final JsonParseException e) {
			throw bad(file, "it is not valid JSON (" + rootCause(e).getMessage() + ")");
		}
		return parse(file, root);
	}

	private static BundleManifest parse(final Path file, final JsonObject root) throws BundleException {
		final String format = string(file, root, "format");
		if (!FORMAT.equals(format)) throw bad(file, "its format is '" + format + "', not '" + FORMAT + "'");
		final int version = integer(file, root, "format_version");
		if (version != FORMAT_VERSION) {
			throw new BundleException("The bundle " + file.getParent() + " has format version " + version +
				"; this version of the tracker reads version " + FORMAT_VERSION +
				". Export the model again with the exporter of this version, or update the tracker.");
		}
		final String name = string(file, object(file, root, "model"), "name");
		final BundleConfig config = config(file, object(file, root, "config"));
		final JsonObject graphsJson = object(file, root, "graphs");
		final Map<String, GraphSpec> graphs = new LinkedHashMap<>();
		for (final String graph : GRAPH_NAMES) {
			if (!graphsJson.has(graph)) throw bad(file, "it lists no graph '" + graph + "'");
			graphs.put(graph, graph(file, graph, object(file, graphsJson, graph)));
		}
		WeightsSpec weights = null;
		String checkpointMap = null;
		if (root.has("weights") && !root.get("weights").isJsonNull()) {
			weights = weights(file, object(file, root, "weights"));
			checkpointMap = string(file, object(file, root, "checkpoint_map"), "file");
		}
		final Map<Precision, Map<String, GraphSpec>> precisions = new LinkedHashMap<>();
		if (root.has("precisions")) {
			for (final Map.Entry<String, JsonElement> p : object(file, root, "precisions").entrySet()) {
				final Precision precision = Precision.byKey(p.getKey());
				if (precision == null || precision == Precision.EXACT) continue; // one a later version knows
				final Map<String, GraphSpec> specs = new LinkedHashMap<>();
				for (final Map.Entry<String, JsonElement> g : p.getValue().getAsJsonObject().entrySet()) {
					if (!GRAPH_NAMES.contains(g.getKey())) throw bad(file, "its " + p.getKey() + " graphs name an " +
						"unknown graph '" + g.getKey() + "'");
					specs.put(g.getKey(), graph(file, g.getKey(), g.getValue().getAsJsonObject()));
				}
				precisions.put(precision, Map.copyOf(specs));
			}
		}
		return new BundleManifest(version, name, config, graphs, weights, checkpointMap, Map.copyOf(precisions));
	}

	private static WeightsSpec weights(final Path file, final JsonObject w) throws BundleException {
		final String format = string(file, w, "format");
		if (!"safetensors".equals(format)) throw bad(file, "its weights are in '" + format + "', not safetensors");
		final JsonElement bytes = w.get("bytes");
		final JsonElement sha = w.get("sha256");
		return new WeightsSpec(string(file, w, "file"), bytes == null || bytes.isJsonNull() ? -1 : bytes.getAsLong(),
			sha == null || sha.isJsonNull() ? null : sha.getAsString());
	}

	private static BundleConfig config(final Path file, final JsonObject c) throws BundleException {
		final BundleConfig config = new BundleConfig(
			integer(file, c, "image_size"), integer(file, c, "feature_size"), integer(file, c, "low_res_mask_size"),
			integer(file, c, "hidden_dim"), integer(file, c, "memory_dim"),
			floats(file, c, "image_mean", 3), floats(file, c, "image_std", 3),
			integer(file, c, "num_maskmem"), integer(file, c, "max_object_pointers"),
			integer(file, c, "max_cond_frame_num"),
			bool(file, c, "multimask_output_in_sam"), bool(file, c, "multimask_output_for_tracking"),
			integer(file, c, "multimask_min_pt_num"), integer(file, c, "multimask_max_pt_num"),
			bool(file, c, "binarize_mask_from_points_for_mem_enc"),
			number(file, c, "mask_prompt_scale"), number(file, c, "mask_prompt_bias"),
			number(file, c, "no_object_score"), c.has("image_encoder") ? layout(file, object(file, c, "image_encoder"))
				: null);
		if (config.imageSize() != 16 * config.featureSize() || config.lowResMaskSize() != 4 * config.featureSize()) {
			throw bad(file, "its sizes do not fit together: image_size must be 16 x feature_size and " +
				"low_res_mask_size 4 x feature_size");
		}
		if (config.memoryDim() <= 0 || config.hiddenDim() % config.memoryDim() != 0) {
			throw bad(file, "hidden_dim must be a multiple of memory_dim");
		}
		if (config.numMaskmem() < 1 || config.maxObjectPointers() < 1) {
			throw bad(file, "num_maskmem and max_object_pointers must be at least 1");
		}
		return config;
	}

	/** The image encoder's layout (optional in the config: bundles made before it was written lack it). */
	private static HieraLayout layout(final Path file, final JsonObject o) throws BundleException {
		final int[] heads = ints(file, o, "heads_per_stage");
		final int[] windows = ints(file, o, "window_size_per_stage");
		final int[] global = ints(file, o, "global_attention_blocks");
		if (heads.length == 0 || heads.length != windows.length) {
			throw bad(file, "its image_encoder lists " + heads.length + " stages of heads and " + windows.length +
				" of window sizes");
		}
		if (java.util.Arrays.stream(heads).anyMatch(h -> h < 1) || java.util.Arrays.stream(windows).anyMatch(w -> w <
			1) || java.util.Arrays.stream(global).anyMatch(b -> b < 0)) {
			throw bad(file, "its image_encoder has a head count or window size below 1, or a negative block");
		}
		return new HieraLayout(heads, windows, global);
	}

	private static GraphSpec graph(final Path file, final String name, final JsonObject g) throws BundleException {
		return new GraphSpec(name, string(file, g, "file"), string(file, g, "sha256"), integer(file, g, "bytes"),
			tensors(file, name, g, "inputs"), tensors(file, name, g, "outputs"));
	}

	private static List<TensorSpec> tensors(final Path file, final String graph, final JsonObject g,
		final String key) throws BundleException
	{
		final JsonElement element = g.get(key);
		if (element == null || !element.isJsonArray()) throw bad(file, "graph '" + graph + "' has no " + key);
		final List<TensorSpec> tensors = new ArrayList<>();
		for (final JsonElement t : element.getAsJsonArray()) {
			if (!t.isJsonObject()) throw bad(file, "graph '" + graph + "' has a malformed entry in " + key);
			final JsonObject o = t.getAsJsonObject();
			final JsonElement shapeJson = o.get("shape");
			if (shapeJson == null || !shapeJson.isJsonArray()) {
				throw bad(file, "tensor " + graph + "." + o.get("name") + " has no shape");
			}
			final List<Object> shape = new ArrayList<>();
			for (final JsonElement d : shapeJson.getAsJsonArray()) {
				if (d.isJsonPrimitive() && d.getAsJsonPrimitive().isNumber()) shape.add(d.getAsInt());
				else if (d.isJsonPrimitive() && d.getAsJsonPrimitive().isString()) shape.add(d.getAsString());
				else throw bad(file, "tensor " + graph + "." + o.get("name") + " has a malformed shape");
			}
			tensors.add(new TensorSpec(string(file, o, "name"), string(file, o, "dtype"), shape));
		}
		return tensors;
	}

	// -- typed access with one clear message per problem

	private static BundleException bad(final Path file, final String why) {
		return new BundleException("The manifest " + file + " is not valid: " + why +
			". Export or install the model again.");
	}

	private static JsonElement require(final Path file, final JsonObject o, final String key)
		throws BundleException
	{
		final JsonElement e = o.get(key);
		if (e == null || e.isJsonNull()) throw bad(file, "'" + key + "' is missing");
		return e;
	}

	private static JsonObject object(final Path file, final JsonObject o, final String key) throws BundleException {
		final JsonElement e = require(file, o, key);
		if (!e.isJsonObject()) throw bad(file, "'" + key + "' is not an object");
		return e.getAsJsonObject();
	}

	private static String string(final Path file, final JsonObject o, final String key) throws BundleException {
		final JsonElement e = require(file, o, key);
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) throw bad(file, "'" + key + "' is not text");
		return e.getAsString();
	}

	private static int integer(final Path file, final JsonObject o, final String key) throws BundleException {
		final float value = number(file, o, key);
		if (value != Math.rint(value)) throw bad(file, "'" + key + "' is not a whole number");
		return (int) value;
	}

	private static float number(final Path file, final JsonObject o, final String key) throws BundleException {
		final JsonElement e = require(file, o, key);
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) throw bad(file, "'" + key + "' is not a number");
		return e.getAsFloat();
	}

	private static boolean bool(final Path file, final JsonObject o, final String key) throws BundleException {
		final JsonElement e = require(file, o, key);
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) throw bad(file, "'" + key + "' is not true or false");
		return e.getAsBoolean();
	}

	private static float[] floats(final Path file, final JsonObject o, final String key, final int length)
		throws BundleException
	{
		final JsonElement e = require(file, o, key);
		if (!e.isJsonArray() || e.getAsJsonArray().size() != length) {
			throw bad(file, "'" + key + "' is not a list of " + length + " numbers");
		}
		final JsonArray array = e.getAsJsonArray();
		final float[] values = new float[length];
		for (int i = 0; i < length; i++) values[i] = array.get(i).getAsFloat();
		return values;
	}

	private static int[] ints(final Path file, final JsonObject o, final String key) throws BundleException {
		final JsonElement e = require(file, o, key);
		if (!e.isJsonArray()) throw bad(file, "'" + key + "' is not a list of whole numbers");
		final JsonArray array = e.getAsJsonArray();
		final int[] values = new int[array.size()];
		for (int i = 0; i < values.length; i++) {
			final JsonElement v = array.get(i);
			if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber() || v.getAsDouble() != Math.rint(v
				.getAsDouble())) throw bad(file, "'" + key + "' is not a list of whole numbers");
			values[i] = v.getAsInt();
		}
		return values;
	}

	private static Throwable rootCause(final Throwable t) {
		Throwable cause = t;
		while (cause.getCause() != null) cause = cause.getCause();
		return cause;
	}
}
