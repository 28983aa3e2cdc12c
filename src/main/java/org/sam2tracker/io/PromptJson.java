package org.sam2tracker.io;

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
import java.util.List;

import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PromptException;
import org.sam2tracker.imagej.TrackingAxis;

/**
 * Prompts from a JSON file:
 * <pre>
 * {"objects": [{"id": 1, "prompts": [{"frame": 1, "z": 1, "points": [[120, 80], [100, 95]], "labels": [1, 0],
 *                                     "box": [90, 60, 150, 110]}]}]}
 * </pre>
 * Frames and z are 1-based ("z" may be left out); "labels" defaults to all 1; "points" or "box" may be left out.
 */
public final class PromptJson {

	private PromptJson() {}

	public static List<ObjectPrompt> read(final Path file, final TrackingAxis axis, final int width,
		final int height) throws PromptException
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
		try {
			final JsonArray objects = root.getAsJsonObject().getAsJsonArray("objects");
			if (objects == null) throw new PromptException(name + " has no \"objects\" list.");
			for (int o = 0; o < objects.size(); o++) {
				final JsonObject object = objects.get(o).getAsJsonObject();
				final int id = object.get("id").getAsInt();
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
					if (points == null && box == null) {
						throw new PromptException(where + " has neither \"points\" nor \"box\".");
					}
				}
			}
		}
		catch (final IllegalStateException | NullPointerException | ClassCastException | UnsupportedOperationException
			| NumberFormatException e)
		{
			throw new PromptException(name + " does not follow the prompt format (objects, id, prompts, frame, " +
				"points, labels, box): " + e.getMessage());
		}
		return prompts.prompts(name);
	}
}
