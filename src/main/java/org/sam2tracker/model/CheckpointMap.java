package org.sam2tracker.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bundle's checkpoint_map.json: for each graph, which checkpoint tensor fills each of its weight
 * placeholders, with the shape the graph needs and the axis order to apply (null when none).
 */
public final class CheckpointMap {

	/**
	 * One placeholder of a graph and the checkpoint tensor that fills it; {@code meta} names the tensors of Meta's
	 * .pt checkpoint that make that tensor (one, or several stacked along the first axis), empty where the map does
	 * not say. {@code quantize} is null for the tensor itself, or says what an int8 graph's placeholder is made of
	 * it, as a matrix of {@code shape} [K, N]: {@code int8} its values, {@code scale} its column scales (see
	 * {@link Int8Columns}).
	 */
	public record Row(String initializer, String tensor, long[] shape, int[] transpose, List<String> meta,
		String quantize)
	{

		/** The tensor's shape in the checkpoint: the graph's, before the transpose it applies. */
		public long[] checkpointShape() {
			if (transpose == null) return shape;
			final long[] stored = new long[shape.length];
			for (int i = 0; i < stored.length; i++) stored[transpose[i]] = shape[i];
			return stored;
		}
	}

	private final Map<String, List<Row>> graphs;

	private CheckpointMap(final Map<String, List<Row>> graphs) {
		this.graphs = graphs;
	}

	public static CheckpointMap read(final Path file) throws BundleException {
		final String json;
		try {
			json = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			throw new BundleException("Cannot read the checkpoint map " + file + ": " + e.getMessage() +
				". Install the model again.", e);
		}
		return parse(json, file.toString());
	}

	/** A checkpoint map from its text; {@code source} names it in messages. */
	public static CheckpointMap parse(final String json, final String source) throws BundleException {
		final String file = source;
		try {
			final JsonObject root = JsonParser.parseString(json).getAsJsonObject();
			final Map<String, List<Row>> graphs = new LinkedHashMap<>();
			for (final Map.Entry<String, JsonElement> graph : root.getAsJsonObject("graphs").entrySet()) {
				final List<Row> rows = new ArrayList<>();
				for (final JsonElement e : graph.getValue().getAsJsonArray()) {
					final JsonObject r = e.getAsJsonObject();
					if (!"checkpoint".equals(r.get("source").getAsString())) continue; // constants stay in the graph
					final long[] shape = new long[r.getAsJsonArray("shape").size()];
					for (int i = 0; i < shape.length; i++) shape[i] = r.getAsJsonArray("shape").get(i).getAsLong();
					int[] transpose = null;
					if (r.has("transpose") && !r.get("transpose").isJsonNull()) {
						transpose = new int[r.getAsJsonArray("transpose").size()];
						for (int i = 0; i < transpose.length; i++) {
							transpose[i] = r.getAsJsonArray("transpose").get(i).getAsInt();
						}
					}
					final List<String> meta = new ArrayList<>();
					if (r.has("meta")) r.getAsJsonArray("meta").forEach(m -> meta.add(m.getAsString()));
					final String quantize = r.has("quantize") && !r.get("quantize").isJsonNull() ? r.get("quantize")
						.getAsString() : null;
					if (quantize != null && (!Int8Columns.VALUES.equals(quantize) && !Int8Columns.SCALES.equals(
						quantize) || shape.length != 2)) throw new IllegalStateException("row " + r.get("initializer")
							.getAsString() + " asks for '" + quantize + "' of a tensor of " + shape.length + " axes");
					rows.add(new Row(r.get("initializer").getAsString(), r.get("tensor").getAsString(), shape,
						transpose, List.copyOf(meta), quantize));
				}
				graphs.put(graph.getKey(), List.copyOf(rows));
			}
			return new CheckpointMap(graphs);
		}
		catch (final JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
			throw new BundleException("The checkpoint map " + file + " is damaged (" + e.getMessage() +
				"). Install the model again.", e);
		}
	}

	/** The placeholders of a graph; empty for a graph that has all its weights inside. */
	public List<Row> rows(final String graph) {
		return graphs.getOrDefault(graph, List.of());
	}
}
