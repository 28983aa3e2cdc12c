package org.sam2tracker.install;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The models the plugin can install by name (models/catalog.json, packaged in the jar beside their graphs).
 * A catalog read from a folder instead serves tests and mirrors: its graphs are the folders beside it.
 */
public final class ModelCatalog {

	static final String RESOURCE_ROOT = "/models/";
	private static final String FILE = "catalog.json";

	private final List<CatalogEntry> entries;
	private final GraphSource graphs;
	private final List<Integer> inputSizes;

	private ModelCatalog(final List<CatalogEntry> entries, final GraphSource graphs, final List<Integer> inputSizes) {
		this.entries = List.copyOf(entries);
		this.graphs = graphs;
		this.inputSizes = List.copyOf(inputSizes);
	}

	/** The catalog packaged with the plugin. */
	public static ModelCatalog builtIn() {
		try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE_ROOT + FILE)) {
			if (in == null) throw new IllegalStateException("The plugin's jar has no " + RESOURCE_ROOT + FILE +
				": it is incomplete. Download the plugin again.");
			final JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
				.getAsJsonObject();
			return new ModelCatalog(parse(root), GraphSource.resources(RESOURCE_ROOT).withShared(shared(root)),
				inputSizes(root));
		}
		catch (final IOException e) {
			throw new IllegalStateException("Cannot read the plugin's model catalog: " + e.getMessage(), e);
		}
	}

	/** A catalog.json in a folder, with each entry's graphs in the folder of its name beside it. */
	public static ModelCatalog read(final Path folder) throws IOException {
		try (Reader in = Files.newBufferedReader(folder.resolve(FILE), StandardCharsets.UTF_8)) {
			final JsonObject root = JsonParser.parseReader(in).getAsJsonObject();
			return new ModelCatalog(parse(root), GraphSource.folder(folder).withShared(shared(root)), inputSizes(root));
		}
	}

	public List<CatalogEntry> entries() {
		return entries;
	}

	public Optional<CatalogEntry> find(final String nameOrShort) {
		if (nameOrShort == null) return Optional.empty();
		return entries.stream().filter(e -> e.matches(nameOrShort.trim())).findFirst();
	}

	/** "tiny, small, base-plus, large" */
	public String shortNames() {
		return entries.stream().map(CatalogEntry::shortName).collect(Collectors.joining(", "));
	}

	GraphSource graphs() {
		return graphs;
	}

	/**
	 * The input sizes, besides each model's own, that the catalog has graphs for (in an input-N folder of each
	 * model's and of the shared graphs); every installed model gets them.
	 */
	public List<Integer> inputSizes() {
		return inputSizes;
	}

	private static List<Integer> inputSizes(final JsonObject root) {
		final List<Integer> sizes = new ArrayList<>();
		if (root.has("input_sizes")) root.getAsJsonArray("input_sizes").forEach(e -> sizes.add(e.getAsInt()));
		return sizes;
	}

	/** The folder of the graphs that all models share (only the image encoder differs between sizes). */
	private static String shared(final JsonObject root) {
		return root.has("shared_graphs") ? root.get("shared_graphs").getAsString() : "";
	}

	private static List<CatalogEntry> parse(final JsonObject root) {
		if (!"sam2-tracker-catalog".equals(root.get("format").getAsString())) {
			throw new IllegalStateException("Not a model catalog: its format is " + root.get("format"));
		}
		final List<CatalogEntry> entries = new ArrayList<>();
		for (final JsonElement e : root.getAsJsonArray("models")) {
			final JsonObject m = e.getAsJsonObject();
			final JsonObject w = m.getAsJsonObject("weights");
			entries.add(new CatalogEntry(m.get("name").getAsString(), m.get("short").getAsString(), m.get("title")
				.getAsString(), m.get("description").getAsString(), m.get("name").getAsString(), URI.create(w.get("url")
					.getAsString()), w.get("bytes").isJsonNull() ? -1 : w.get("bytes").getAsLong(), w.get("sha256")
						.isJsonNull() ? null : w.get("sha256").getAsString(), w.get("approx_bytes").getAsLong()));
		}
		return entries;
	}
}
