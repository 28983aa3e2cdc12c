package org.sam2tracker.io;

import com.google.gson.GsonBuilder;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.sam2tracker.files.AtomicFiles;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PromptKey;
import org.sam2tracker.run.PromptSet;
import org.sam2tracker.run.SessionRecord;
import org.sam2tracker.run.SessionRecord.SessionObject;
import org.sam2tracker.track.Prompt;
import org.sam2tracker.run.PromptException;
import org.sam2tracker.imagej.TrackingAxis;

/**
 * Prompts from a JSON file, and a saved interactive session written as one:
 * <pre>
 * {"objects": [{"id": 1, "prompts": [{"frame": 1, "z": 1, "points": [[120, 80], [100, 95]], "labels": [1, 0],
 *                                     "box": [90, 60, 150, 110]}]}]}
 * </pre>
 * Frames and z are 1-based ("z" may be left out); "labels" defaults to all 1; "points" or "box" may be left out,
 * or both given way for an outline, {@code "mask": {"runs": [start, length, ...]}}: runs of object pixels, a
 * pixel's index being y * width + x. A session adds {@code "session": {"axis": "time" or "z", "options": {...}}},
 * each object's "name" and "hidden", and {@code "correction": true} on prompts given on frames the object was
 * tracked on; such a file is replayed as the session ran (see {@link SessionRecord}).
 */
public final class PromptJson {

	private PromptJson() {}

	public static PromptSet read(final Path file, final TrackingAxis axis, final int width, final int height)
		throws PromptException
	{
		final String name = file.getFileName().toString();
		final JsonElement root;
		try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			root = JsonParser.parseReader(in);
		}
		catch (final NoSuchFileException e) {
			throw new PromptException("The prompt file " + file + " does not exist.");
		}
		catch (final IOException | JsonParseException e) {
			throw new PromptException(name + " is not valid JSON: " + e.getMessage());
		}
		final PromptAssembler prompts = new PromptAssembler(axis, width, height);
		final Set<PromptKey> corrections = new HashSet<>();
		final List<SessionObject> named = new ArrayList<>();
		try {
			final JsonArray objects = root.getAsJsonObject().getAsJsonArray("objects");
			if (objects == null) throw new PromptException(name + " has no \"objects\" list.");
			for (int o = 0; o < objects.size(); o++) {
				final JsonObject object = objects.get(o).getAsJsonObject();
				final int id = object.get("id").getAsInt();
				named.add(new SessionObject(id, object.has("name") ? object.get("name").getAsString() : "Object " + id,
					object.has("hidden") && object.get("hidden").getAsBoolean()));
				final JsonArray list = object.getAsJsonArray("prompts");
				if (list == null) throw new PromptException(name + ", object " + id + ": no \"prompts\" list.");
				for (int p = 0; p < list.size(); p++) {
					final JsonObject prompt = list.get(p).getAsJsonObject();
					final String where = name + ", object " + id + ", prompt " + (p + 1);
					final int frame = prompt.get("frame").getAsInt();
					final int z = prompt.has("z") ? prompt.get("z").getAsInt() : 1;
					final JsonArray points = prompt.getAsJsonArray("points");
					final JsonArray labels = prompt.getAsJsonArray("labels");
					if (points != null) {
						if (labels != null && labels.size() != points.size()) {
							throw new PromptException(where + ": " + points.size() + " points but " + labels.size() +
								" labels.");
						}
						for (int i = 0; i < points.size(); i++) {
							final JsonArray xy = points.get(i).getAsJsonArray();
							prompts.click(where, id, frame, z, xy.get(0).getAsDouble(), xy.get(1).getAsDouble(),
								labels == null ? 1 : labels.get(i).getAsInt());
						}
					}
					final JsonArray box = prompt.getAsJsonArray("box");
					if (box != null) {
						if (box.size() != 4) throw new PromptException(where + ": a box is [x0, y0, x1, y1].");
						prompts.box(where, id, frame, z, box.get(0).getAsDouble(), box.get(1).getAsDouble(), box.get(2)
							.getAsDouble(), box.get(3).getAsDouble());
					}
					final JsonObject mask = prompt.getAsJsonObject("mask");
					if (mask != null) prompts.mask(where, id, frame, z, runs(where, mask.getAsJsonArray("runs"), width,
						height));
					if (points == null && box == null && mask == null) {
						throw new PromptException(where + " has neither \"points\" nor \"box\" nor \"mask\".");
					}
					if (prompt.has("correction") && prompt.get("correction").getAsBoolean()) {
						corrections.add(prompts.key(where, id, frame, z));
					}
				}
			}
		}
		catch (final IllegalStateException | NullPointerException | ClassCastException | UnsupportedOperationException
			| NumberFormatException e)
		{
			throw new PromptException(name + " does not follow the prompt format (objects, id, prompts, frame, " +
				"points, labels, box, mask): " + e.getMessage());
		}
		final List<ObjectPrompt> all = prompts.prompts(name);
		final JsonObject session = root.getAsJsonObject().getAsJsonObject("session");
		if (session == null) {
			if (!corrections.isEmpty()) throw new PromptException(name + " marks corrections but is not a saved " +
				"session (it has no \"session\" part): corrections replay only as the session that made them.");
			return PromptSet.of(all);
		}
		final boolean alongZ = session.has("axis") && session.get("axis").getAsString().equals("z");
		final Map<String, String> options = new LinkedHashMap<>();
		final JsonObject saved = session.getAsJsonObject("options");
		if (saved != null) saved.entrySet().forEach(e -> options.put(e.getKey(), e.getValue().getAsString()));
		return new PromptSet(all, Optional.of(new SessionRecord(corrections, alongZ, options, named)));
	}

	/** An outline from its runs of object pixels. */
	private static boolean[] runs(final String where, final JsonArray runs, final int width, final int height)
		throws PromptException
	{
		if (runs == null || runs.size() % 2 != 0) {
			throw new PromptException(where + ": a mask is {\"runs\": [start, length, ...]}, pairs of numbers.");
		}
		final boolean[] mask = new boolean[width * height];
		for (int i = 0; i < runs.size(); i += 2) {
			final long start = runs.get(i).getAsLong();
			final long length = runs.get(i + 1).getAsLong();
			if (start < 0 || length < 1 || start + length > mask.length) {
				throw new PromptException(where + ": the mask's run " + (i / 2 + 1) + " (" + start + ", " + length +
					") goes outside the image of " + width + " x " + height + " pixels.");
			}
			java.util.Arrays.fill(mask, (int) start, (int) (start + length), true);
		}
		return mask;
	}

	/**
	 * Writes prompts in this format, a session's with its session part; the file appears whole or not at all.
	 *
	 * @param alongZ whether positions are slices of a z-stack (written as "z") rather than frames
	 * @param width the image's width, for the mask runs
	 */
	public static void write(final Path file, final PromptSet set, final boolean alongZ, final int width)
		throws IOException
	{
		final JsonObject root = new JsonObject();
		set.session().ifPresent(s -> {
			final JsonObject session = new JsonObject();
			session.addProperty("axis", s.alongZ() ? "z" : "time");
			final JsonObject options = new JsonObject();
			s.options().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> options.addProperty(e
				.getKey(), e.getValue()));
			session.add("options", options);
			root.add("session", session);
		});
		final Map<Integer, JsonObject> objects = new LinkedHashMap<>();
		set.session().ifPresent(s -> s.objects().forEach(o -> objects.put(o.id(), object(o))));
		for (final ObjectPrompt p : set.prompts()) {
			final JsonObject object = objects.computeIfAbsent(p.objectId(), id -> object(new SessionObject(id, null,
				false)));
			object.getAsJsonArray("prompts").add(prompt(p, set.isCorrection(p), alongZ, width));
		}
		final JsonArray list = new JsonArray();
		objects.values().stream().filter(o -> o.getAsJsonArray("prompts").size() > 0).forEach(list::add);
		root.add("objects", list);
		final String text = new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n";
		AtomicFiles.write(file, temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
	}

	private static JsonObject object(final SessionObject o) {
		final JsonObject object = new JsonObject();
		object.addProperty("id", o.id());
		if (o.name() != null) {
			object.addProperty("name", o.name());
			object.addProperty("hidden", o.hidden());
		}
		object.add("prompts", new JsonArray());
		return object;
	}

	private static JsonObject prompt(final ObjectPrompt p, final boolean correction, final boolean alongZ,
		final int width)
	{
		final JsonObject out = new JsonObject();
		out.addProperty("frame", alongZ ? 1 : p.position());
		out.addProperty("z", alongZ ? p.position() : p.plane());
		final Prompt prompt = p.prompt();
		if (prompt.isMask()) {
			final JsonArray runs = new JsonArray();
			final boolean[] mask = prompt.mask();
			for (int i = 0; i < mask.length; i++) {
				if (!mask[i]) continue;
				int end = i;
				while (end < mask.length && mask[end]) end++;
				runs.add(i);
				runs.add(end - i);
				i = end;
			}
			final JsonObject m = new JsonObject();
			m.add("runs", runs);
			out.add("mask", m);
		}
		if (prompt.pointCount() > 0) {
			final JsonArray points = new JsonArray();
			final JsonArray labels = new JsonArray();
			final float[] xy = prompt.points();
			for (int i = 0; i < prompt.pointCount(); i++) {
				final JsonArray point = new JsonArray();
				point.add(xy[2 * i]);
				point.add(xy[2 * i + 1]);
				points.add(point);
				labels.add(prompt.labels()[i]);
			}
			out.add("points", points);
			out.add("labels", labels);
		}
		if (prompt.box() != null) {
			final JsonArray box = new JsonArray();
			for (final float v : prompt.box()) box.add(v);
			out.add("box", box);
		}
		if (correction) out.addProperty("correction", true);
		return out;
	}
}
