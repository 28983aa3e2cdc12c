package org.sam2tracker.run;

import static org.sam2tracker.run.Messages.startOfSentence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sam2tracker.track.Prompt;

/**
 * Gathers the pieces of prompts (clicks, boxes, outlines) from any source into one prompt per {@link PromptKey}:
 * the one merge and the one validation that every prompt reader uses. Each piece is checked against the image when
 * it comes, by the engine's own rules ({@link Prompt#validate}), so that a message names where the piece came from;
 * what only the whole shows (a second box, an outline beside clicks, background clicks alone) is checked as the
 * pieces meet, or when the prompts are built.
 */
public final class PromptMerger {

	private final int width;
	private final int height;
	private final Map<PromptKey, Entry> entries = new LinkedHashMap<>();

	/** @param width the image's width and {@code height} its height, in pixels */
	public PromptMerger(final int width, final int height) {
		this.width = width;
		this.height = height;
	}

	/** A click: label 1 on the object, 0 on background. */
	public void click(final PromptKey key, final double x, final double y, final int label, final String source)
		throws PromptException
	{
		check(source, Prompt.points(new float[] { (float) x, (float) y }, new int[] { label }));
		entry(key, source).click((float) x, (float) y, label, source);
	}

	/** A box from (x0, y0) to (x1, y1). */
	public void box(final PromptKey key, final double x0, final double y0, final double x1, final double y1,
		final String source) throws PromptException
	{
		check(source, Prompt.box((float) x0, (float) y0, (float) x1, (float) y1));
		entry(key, source).box(new float[] { (float) x0, (float) y0, (float) x1, (float) y1 }, source);
	}

	/** An outline, as a mask of the image's size; outlines of one key are joined. */
	public void mask(final PromptKey key, final boolean[] mask, final String source) throws PromptException {
		check(source, Prompt.mask(mask));
		entry(key, source).mask(mask, source);
	}

	/** Whether anything was given for this key. */
	public boolean contains(final PromptKey key) {
		return entries.containsKey(key);
	}

	/** The keys given so far, in the order they first came. */
	public Set<PromptKey> keys() {
		return entries.keySet();
	}

	/** One prompt per key, in the order the keys first came. */
	public List<ObjectPrompt> prompts() throws PromptException {
		final List<ObjectPrompt> out = new ArrayList<>();
		for (final Entry e : entries.values()) out.add(e.build());
		return out;
	}

	/**
	 * Checks one piece against the image without adding it, for a reader that names a piece more closely than the
	 * source it merges it under (a point of a multi-point ROI).
	 */
	public void check(final String source, final Prompt piece) throws PromptException {
		try {
			piece.validate(width, height);
		}
		catch (final IllegalArgumentException e) {
			throw new PromptException(startOfSentence(source) + ": " + e.getMessage());
		}
	}

	private Entry entry(final PromptKey key, final String source) throws PromptException {
		if (key.objectId() < 1) throw new PromptException(startOfSentence(source) + ": the object is " + key.objectId() +
			"; objects are numbered from 1 (the number becomes the label).");
		return entries.computeIfAbsent(key, Entry::new);
	}

	/** Everything given for one key, with where each kind of piece came from. */
	private static final class Entry {

		final PromptKey key;
		final List<String> sources = new ArrayList<>();
		final List<Float> xy = new ArrayList<>();
		final List<Integer> labels = new ArrayList<>();
		final List<String> clickSources = new ArrayList<>();
		float[] box;
		String boxSource;
		boolean[] mask;
		String maskSource;
		String clickSource;

		Entry(final PromptKey key) {
			this.key = key;
		}

		void click(final float x, final float y, final int label, final String source) throws PromptException {
			for (int i = 0; i < labels.size(); i++) {
				if (xy.get(2 * i) == x && xy.get(2 * i + 1) == y && labels.get(i) != label) {
					throw new PromptException(startOfSentence(source) + " gives object " + key.objectId() + " the point (" +
						x + ", " + y + ") as " + (label == 1 ? "object" : "background") + ", but " + clickSources.get(i) + " gives " +
						"it as " + (label == 1 ? "background" : "object") + ": a point is one or the other. Remove one.");
				}
			}
			note(source);
			xy.add(x);
			xy.add(y);
			labels.add(label);
			clickSources.add(source);
			if (clickSource == null) clickSource = source;
			refuseMixedOutline();
		}

		void box(final float[] corners, final String source) throws PromptException {
			note(source);
			if (box != null) throw new PromptException(startOfSentence(source) + " gives object " + key.objectId() +
				" a second box on the same frame as " + boxSource + "; one box per object and frame.");
			box = corners;
			boxSource = source;
			refuseMixedOutline();
		}

		void mask(final boolean[] outline, final String source) throws PromptException {
			note(source);
			if (mask == null) {
				mask = outline.clone();
				maskSource = source;
			}
			else {
				for (int i = 0; i < mask.length; i++) mask[i] |= outline[i];
			}
			refuseMixedOutline();
		}

		private void note(final String source) {
			if (!sources.contains(source)) sources.add(source);
		}

		/** SAM 2 takes an outline alone, or clicks and a box: never both for one object on one frame. */
		private void refuseMixedOutline() throws PromptException {
			if (mask == null || (box == null && labels.isEmpty())) return;
			throw new PromptException(startOfSentence(maskSource) + " gives object " + key.objectId() + " an outline, and " +
				(box != null ? boxSource + " a box" : clickSource + " clicks") + ", on the same frame. SAM 2 takes an " +
				"outline, or clicks and a box, for one object on one frame: remove one of them.");
		}

		ObjectPrompt build() throws PromptException {
			final String source = String.join(", ", sources);
			if (mask != null) return new ObjectPrompt(key, Prompt.mask(mask), source);
			if (box == null && !labels.contains(1)) {
				throw new PromptException(startOfSentence(source) + ": object " + key.objectId() + " has only background " +
					"clicks on this frame; add a click on the object (label 1) or a box.");
			}
			final float[] points = new float[xy.size()];
			for (int i = 0; i < points.length; i++) points[i] = xy.get(i);
			final int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
			final Prompt prompt = box == null ? Prompt.points(points, l) : l.length == 0 ? Prompt.box(box[0], box[1],
				box[2], box[3]) : Prompt.boxAndPoints(box, points, l);
			return new ObjectPrompt(key, prompt, source);
		}
	}
}
