package org.sam2tracker.track;

/**
 * What a user marks for one object on one frame, in pixels of the frame: clicks (label 1 positive, 0 negative),
 * optionally a box (x0, y0, x1, y1), or a binary mask of the frame's size.
 */
public final class Prompt {

	private final float[] points;   // x0, y0, x1, y1, ...
	private final int[] labels;
	private final float[] box;      // null or x0, y0, x1, y1
	private final boolean[] mask;   // null or width * height

	private Prompt(final float[] points, final int[] labels, final float[] box, final boolean[] mask) {
		this.points = points;
		this.labels = labels;
		this.box = box;
		this.mask = mask;
	}

	public static Prompt points(final float[] xy, final int[] labels) {
		return new Prompt(xy.clone(), labels.clone(), null, null);
	}

	public static Prompt box(final float x0, final float y0, final float x1, final float y1) {
		return new Prompt(new float[0], new int[0], new float[] { x0, y0, x1, y1 }, null);
	}

	/** A box plus clicks. */
	public static Prompt boxAndPoints(final float[] box, final float[] xy, final int[] labels) {
		return new Prompt(xy.clone(), labels.clone(), box.clone(), null);
	}

	public static Prompt mask(final boolean[] mask) {
		return new Prompt(new float[0], new int[0], null, mask.clone());
	}

	public boolean isMask() {
		return mask != null;
	}

	public int pointCount() {
		return labels.length;
	}

	public float[] points() {
		return points.clone();
	}

	public int[] labels() {
		return labels.clone();
	}

	public float[] box() {
		return box == null ? null : box.clone();
	}

	public boolean[] mask() {
		return mask == null ? null : mask.clone();
	}

	/**
	 * Checks the prompt against a frame of {@code width x height} pixels by the rules the engine runs it by;
	 * throws with a message that names the problem. Prompt readers call it on each piece as it comes, so that
	 * their messages can say where the piece came from.
	 */
	public void validate(final int width, final int height) {
		if (mask != null) {
			if (mask.length != width * height) {
				throw new IllegalArgumentException("The mask prompt has " + mask.length + " pixels; the image has " +
					width + " x " + height + ".");
			}
			return;
		}
		if (labels.length == 0 && box == null) {
			throw new IllegalArgumentException("The prompt is empty: give at least one click, a box or a mask.");
		}
		if (points.length != 2 * labels.length) {
			throw new IllegalArgumentException("Each click needs an x, a y and a label.");
		}
		for (int i = 0; i < labels.length; i++) {
			final String click = labels.length == 1 ? "The click" : "Click " + (i + 1);
			checkInside(click, points[2 * i], points[2 * i + 1], width, height);
			if (labels[i] != 0 && labels[i] != 1) {
				throw new IllegalArgumentException(click + " has the label " + labels[i] +
					"; use 1 for the object and 0 for background.");
			}
		}
		if (box != null) {
			checkInside("The box corner", box[0], box[1], width, height);
			checkInside("The box corner", box[2], box[3], width, height);
			if (!(box[2] > box[0] && box[3] > box[1])) {
				throw new IllegalArgumentException("The box (" + box[0] + ", " + box[1] + ") to (" + box[2] + ", " +
					box[3] + ") has no area: give the top-left corner first.");
			}
		}
	}

	private static void checkInside(final String what, final float x, final float y, final int width,
		final int height)
	{
		if (!(x >= 0 && y >= 0 && x <= width && y <= height)) {
			throw new IllegalArgumentException(what + " at (" + x + ", " + y + ") lies outside the image of " + width +
				" x " + height + " pixels.");
		}
	}
}
