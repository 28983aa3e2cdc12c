package org.sam2tracker.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sam2tracker.imagej.ObjectPrompt;
import org.sam2tracker.imagej.PromptException;
import org.sam2tracker.imagej.TrackingAxis;
import org.sam2tracker.track.Prompt;

/**
 * Gathers clicks and boxes read from a prompt file into one prompt per object, frame and slice. Frames and
 * slices are 1-based as in ImageJ; in a z-stack tracked along Z the slice is the position and the frame is 1.
 * Each piece is checked against the image as it comes, and a message names its place in the file.
 */
final class PromptAssembler {

	private final TrackingAxis axis;
	private final int width;
	private final int height;
	private final Map<String, Entry> entries = new LinkedHashMap<>();

	PromptAssembler(final TrackingAxis axis, final int width, final int height) {
		this.axis = axis;
		this.width = width;
		this.height = height;
	}

	void click(final String where, final int object, final int frame, final int slice, final double x,
		final double y, final int label) throws PromptException
	{
		if (label != 0 && label != 1) {
			throw new PromptException(where + ": the label is " + label + "; use 1 for the object and 0 for background.");
		}
		inside(where, x, y);
		entry(where, object, frame, slice).click(x, y, label);
	}

	void box(final String where, final int object, final int frame, final int slice, final double x0,
		final double y0, final double x1, final double y1) throws PromptException
	{
		inside(where, x0, y0);
		inside(where, x1, y1);
		if (!(x1 > x0 && y1 > y0)) {
			throw new PromptException(where + ": the box (" + x0 + ", " + y0 + ") to (" + x1 + ", " + y1 + ") has no " +
				"area; give the top-left corner first.");
		}
		final Entry e = entry(where, object, frame, slice);
		if (e.box != null) throw new PromptException(where + ": object " + object + " already has a box on this " +
			"frame (" + e.boxWhere + "); one box per object and frame.");
		e.box = new float[] { (float) x0, (float) y0, (float) x1, (float) y1 };
		e.boxWhere = where;
	}

	List<ObjectPrompt> prompts(final String file) throws PromptException {
		if (entries.isEmpty()) throw new PromptException(file + " holds no prompts.");
		final List<ObjectPrompt> out = new ArrayList<>();
		for (final Entry e : entries.values()) out.add(e.build());
		return out;
	}

	private Entry entry(final String where, final int object, final int frame, final int slice)
		throws PromptException
	{
		if (object < 1) throw new PromptException(where + ": the object is " + object + "; objects are numbered " +
			"from 1 (the number becomes the label).");
		if (frame < 1 || frame > axis.frames()) {
			throw new PromptException(where + ": frame " + frame + " is not in the image, which has " + axis.frames() +
				" frame" + (axis.frames() == 1 ? "" : "s") + ".");
		}
		if (slice < 1 || slice > axis.slices()) {
			throw new PromptException(where + ": slice " + slice + " is not in the image, which has " + axis.slices() +
				" slice" + (axis.slices() == 1 ? "" : "s") + ".");
		}
		final int position = axis.alongZ() ? slice : frame;
		final int plane = axis.alongZ() ? 1 : slice;
		return entries.computeIfAbsent(object + "@" + position + "/" + plane, k -> new Entry(object, position, plane,
			where));
	}

	private void inside(final String where, final double x, final double y) throws PromptException {
		if (!(x >= 0 && y >= 0 && x <= width && y <= height)) {
			throw new PromptException(where + ": (" + x + ", " + y + ") lies outside the image of " + width + " x " +
				height + " pixels.");
		}
	}

	private static final class Entry {

		final int object;
		final int position;
		final int plane;
		final String where;
		final List<Float> xy = new ArrayList<>();
		final List<Integer> labels = new ArrayList<>();
		float[] box;
		String boxWhere;

		Entry(final int object, final int position, final int plane, final String where) {
			this.object = object;
			this.position = position;
			this.plane = plane;
			this.where = where;
		}

		void click(final double x, final double y, final int label) {
			xy.add((float) x);
			xy.add((float) y);
			labels.add(label);
		}

		ObjectPrompt build() throws PromptException {
			final float[] points = new float[xy.size()];
			for (int i = 0; i < points.length; i++) points[i] = xy.get(i);
			final int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
			if (box == null && !labels.contains(1)) {
				throw new PromptException(where + ": object " + object + " has only background clicks on this frame; " +
					"add a click on the object (label 1) or a box.");
			}
			final Prompt prompt = box == null ? Prompt.points(points, l) : l.length == 0 ? Prompt.box(box[0], box[1],
				box[2], box[3]) : Prompt.boxAndPoints(box, points, l);
			return new ObjectPrompt(object, position, plane, prompt, where);
		}
	}
}
