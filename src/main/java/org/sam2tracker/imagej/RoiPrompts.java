package org.sam2tracker.imagej;

import static org.sam2tracker.run.Messages.startOfSentence;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.plugin.frame.RoiManager;
import ij.process.FloatPolygon;
import ij.process.ImageProcessor;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sam2tracker.run.FrameRange;
import org.sam2tracker.run.PromptKey;
import org.sam2tracker.run.PromptMerger;
import org.sam2tracker.track.Prompt;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PointMode;
import org.sam2tracker.run.PromptException;
import org.sam2tracker.run.PromptSource;

/**
 * Reads prompts from ROIs. Each ROI Manager entry (or overlay ROI) is one object, and entries that share a
 * group (Properties > Group) are one object together. Points of a point ROI start one object each, or are
 * clicks on one object ({@link PointMode}); the points of a grouped ROI are always clicks on the group's
 * object. A rectangle is a box, any other area ROI is an outline (a mask prompt), lines, text and images are
 * refused. A point is a background click when it is in counter 1 of the multi-point tool, or when its ROI's
 * name starts with "-", "neg" or "background". Each ROI (or each point of a point ROI) keeps its own Z and T
 * position; one without is taken to be on the image's current frame.
 */
public final class RoiPrompts {

	/** The property that marks ROIs this plugin drew, so that they are never read back as prompts. */
	public static final String OWN_ROI_PROPERTY = "sam2tracker";

	private final ImagePlus imp;
	private final TrackingAxis axis;
	private final PointMode pointMode;
	private final FrameRange range;
	private final PromptMerger merger;
	private final List<String> notes = new ArrayList<>();

	/** @param range the chosen range along the tracked axis: a ROI outside it is refused */
	public RoiPrompts(final ImagePlus imp, final PointMode pointMode, final FrameRange range) {
		this.imp = imp;
		this.axis = TrackingAxis.of(imp);
		this.pointMode = pointMode;
		this.range = range;
		this.merger = new PromptMerger(imp.getWidth(), imp.getHeight());
	}

	/** The ROIs of the chosen source, each with a description for messages. */
	public static List<NamedRoi> collect(final ImagePlus imp, final PromptSource source) {
		final RoiManager manager = roiManager();
		final boolean useManager = source == PromptSource.ROI_MANAGER || (source == PromptSource.AUTO &&
			manager != null && manager.getCount() > 0);
		final List<NamedRoi> rois = new ArrayList<>();
		if (useManager) {
			if (manager == null) return rois;
			final Roi[] entries = manager.getRoisAsArray();
			for (int i = 0; i < entries.length; i++) {
				rois.add(new NamedRoi(entries[i], "ROI Manager entry " + (i + 1) + name(entries[i])));
			}
			return rois;
		}
		final Overlay overlay = imp.getOverlay();
		if (overlay != null) {
			for (int i = 0; i < overlay.size(); i++) {
				final Roi roi = overlay.get(i);
				if (roi.getProperty(OWN_ROI_PROPERTY) == null) rois.add(new NamedRoi(roi, "overlay ROI " + (i + 1) +
					name(roi)));
			}
		}
		if (imp.getRoi() != null) rois.add(new NamedRoi(imp.getRoi(), "the selection" + name(imp.getRoi())));
		return rois;
	}

	/**
	 * The open ROI Manager, or the hidden one of a batch-mode macro. Without a screen there is none: making
	 * one needs a window, so a headless run reads prompts from the image or a RoiSet file instead.
	 */
	private static RoiManager roiManager() {
		if (java.awt.GraphicsEnvironment.isHeadless()) return RoiManager.getRawInstance();
		return RoiManager.getInstance();
	}

	/** A ROI and how messages should name it. */
	public record NamedRoi(Roi roi, String description) {}

	/** Notes on assumptions made while reading (for the log). */
	public List<String> notes() {
		return List.copyOf(notes);
	}

	/** One prompt per object and frame, objects numbered 1, 2, ... in the order the ROIs first name them. */
	public List<ObjectPrompt> read(final List<NamedRoi> rois) throws PromptException {
		if (rois.isEmpty()) {
			throw new PromptException("There are no prompts. Mark each object on a frame with the multi-point, " +
				"rectangle or freehand tool and add the ROIs to the ROI Manager (press T), or leave them as the " +
				"image's selection.");
		}
		final Map<String, Integer> objectIds = new LinkedHashMap<>();
		final List<Pending> backgroundOnly = new ArrayList<>();
		for (int r = 0; r < rois.size(); r++) {
			final NamedRoi named = rois.get(r);
			final Roi roi = named.roi();
			final String groupKey = roi.getGroup() > 0 ? "group " + roi.getGroup() : "roi " + r;
			for (final Part part : parts(named)) {
				final String key = part.splitKey == null ? groupKey : groupKey + " point " + part.splitKey;
				if (part.onlyBackground()) {
					backgroundOnly.add(new Pending(groupKey, part, named));
					continue;
				}
				final int id = objectIds.computeIfAbsent(key, k -> objectIds.size() + 1);
				add(part.key(id), part, named.description());
			}
		}
		// Background clicks join every object of their ROI or group on their frame.
		for (final Pending p : backgroundOnly) {
			boolean used = false;
			for (final Map.Entry<String, Integer> e : objectIds.entrySet()) {
				if (!(e.getKey().equals(p.groupKey) || e.getKey().startsWith(p.groupKey + " point "))) continue;
				final PromptKey key = p.part.key(e.getValue());
				if (merger.contains(key)) {
					add(key, p.part, p.roi.description());
					used = true;
				}
			}
			if (!used) {
				throw new PromptException(startOfSentence(p.roi.description()) + " holds only background clicks on " +
					axis.axisName() + " " + p.part.position + ", with no object there to belong to. Put it in the " +
					"same group as its object (Properties > Group), or add a positive click.");
			}
		}
		return merger.prompts();
	}

	private void add(final PromptKey key, final Part part, final String source) throws PromptException {
		if (part.box != null) merger.box(key, part.box[0], part.box[1], part.box[2], part.box[3], source);
		if (part.mask != null) merger.mask(key, part.mask, source);
		for (int i = 0; i < part.labels.size(); i++) {
			merger.click(key, part.xy.get(2 * i), part.xy.get(2 * i + 1), part.labels.get(i), source);
		}
	}

	// -- one ROI

	private List<Part> parts(final NamedRoi named) throws PromptException {
		final Roi roi = named.roi();
		final String what = startOfSentence(named.description());
		if (roi.isLine()) {
			throw new PromptException(what + " is a line; a prompt is a point, a rectangle or an area. Draw the " +
				"object with the multi-point, rectangle or freehand tool instead.");
		}
		if (roi instanceof TextRoi || roi instanceof ImageRoi) {
			throw new PromptException(what + " is " + (roi instanceof TextRoi ? "text" : "an image") + ", not a " +
				"prompt. Remove it, or mark the object with the multi-point, rectangle or freehand tool.");
		}
		final List<Part> parts = new ArrayList<>();
		if (roi instanceof PointRoi points) {
			final FloatPolygon p = points.getFloatPolygon();
			if (p.npoints == 0) throw new PromptException(what + " has no points.");
			final boolean negativeRoi = isBackgroundName(roi.getName());
			final boolean each = pointMode == PointMode.EACH && roi.getGroup() == 0;
			int[] at = null;
			final Map<String, Part> byFrame = new LinkedHashMap<>();
			final List<Part> negatives = new ArrayList<>();
			for (int i = 0; i < p.npoints; i++) {
				if (points.getPointPosition(i) <= 0 && at == null) at = position(roi, 0, what);
				final int[] pos = points.getPointPosition(i) > 0 ? position(roi, points.getPointPosition(i), what) : at;
				checkPoint(what, i, p.npoints, p.xpoints[i], p.ypoints[i]);
				final boolean negative = negativeRoi || points.getCounter(i) == 1;
				if (!negative && each) {
					parts.add(Part.click(pos, p.xpoints[i], p.ypoints[i], 1, Integer.toString(i + 1)));
				}
				else if (negative && each) {
					negatives.add(Part.click(pos, p.xpoints[i], p.ypoints[i], 0, null));
				}
				else {
					byFrame.computeIfAbsent(pos[0] + "/" + pos[1], k -> Part.clicks(pos, null)).addClick(p.xpoints[i],
						p.ypoints[i], negative ? 0 : 1);
				}
			}
			parts.addAll(byFrame.values());
			// In "each point" mode, background clicks of a ROI go to every object it starts on their frame.
			for (final Part n : negatives) {
				boolean used = false;
				for (final Part part : parts) {
					if (part.position == n.position && part.plane == n.plane && part.splitKey != null) {
						part.addClick(n.xy.get(0), n.xy.get(1), 0);
						used = true;
					}
				}
				if (!used) parts.add(Part.clicks(new int[] { n.position, n.plane }, null).addClick(n.xy.get(0), n.xy.get(1),
					0));
			}
			return parts;
		}
		final int[] at = position(roi, 0, what);
		final Rectangle bounds = roi.getBounds();
		if (bounds.width <= 0 || bounds.height <= 0) throw new PromptException(what + " is empty (it has no area).");
		final Rectangle image = new Rectangle(0, 0, imp.getWidth(), imp.getHeight());
		if (!bounds.intersects(image)) throw outside(what, bounds);
		if (roi.getType() == Roi.RECTANGLE && roi.getCornerDiameter() == 0) {
			final Rectangle r = bounds.intersection(image);
			parts.add(Part.box(at, new float[] { r.x, r.y, r.x + r.width, r.y + r.height }));
			return parts;
		}
		if (!roi.isArea()) {
			throw new PromptException(what + " is not a point, rectangle or area ROI and cannot be a prompt.");
		}
		final boolean[] mask = mask(roi, bounds);
		boolean any = false;
		for (final boolean b : mask) any |= b;
		if (!any) throw new PromptException(what + " covers no pixel of the image: it is empty or outside it.");
		parts.add(Part.mask(at, mask));
		return parts;
	}

	private boolean[] mask(final Roi roi, final Rectangle bounds) {
		final int w = imp.getWidth();
		final int h = imp.getHeight();
		final boolean[] mask = new boolean[w * h];
		final ImageProcessor m = roi.getMask();
		for (int y = Math.max(0, bounds.y); y < Math.min(h, bounds.y + bounds.height); y++) {
			for (int x = Math.max(0, bounds.x); x < Math.min(w, bounds.x + bounds.width); x++) {
				mask[y * w + x] = m == null || m.get(x - bounds.x, y - bounds.y) != 0;
			}
		}
		return mask;
	}

	/** {position along the axis, plane across it} of a ROI (or of one of its points, by stack index). */
	private int[] position(final Roi roi, final int stackIndex, final String what) throws PromptException {
		int z;
		int t;
		final int flat = stackIndex > 0 ? stackIndex : roi.hasHyperStackPosition() ? 0 : roi.getPosition();
		if (flat > imp.getStackSize()) {
			throw new PromptException(what + " is on plane " + flat + " of the stack, but " + imp.getTitle() + " has " +
				imp.getStackSize() + " plane" + (imp.getStackSize() == 1 ? "" : "s") + " (" + axis.length() + " " +
				axis.axisName() + (axis.length() == 1 ? "" : "s") + "). It was drawn on another image: draw it again " +
				"on this one.");
		}
		if (stackIndex > 0) {
			final int[] czt = imp.convertIndexToPosition(stackIndex);
			z = czt[1];
			t = czt[2];
		}
		else if (roi.hasHyperStackPosition()) {
			z = roi.getZPosition();
			t = roi.getTPosition();
			if (z > axis.slices() || t > axis.frames()) {
				throw new PromptException(what + " is on slice " + z + ", frame " + t + ", but " + imp.getTitle() +
					" has " + axis.slices() + " slice" + (axis.slices() == 1 ? "" : "s") + " and " + axis.frames() +
					" frame" + (axis.frames() == 1 ? "" : "s") + ". It was drawn on another image: draw it again on this " +
					"one.");
			}
		}
		else if (roi.getPosition() > 0) {
			final int[] czt = imp.convertIndexToPosition(roi.getPosition());
			z = czt[1];
			t = czt[2];
		}
		else {
			z = 0;
			t = 0;
		}
		final int along = axis.alongZ() ? z : t;
		if (along == 0 && axis.length() > 1) {
			final int current = axis.alongZ() ? imp.getZ() : imp.getT();
			notes.add(startOfSentence(what) + " is not tied to a " + axis.axisName() + "; it is taken to be on the current " +
				axis.axisName() + ", " + current + ".");
		}
		if (z == 0) z = imp.getZ();
		if (t == 0) t = imp.getT();
		final int position = axis.alongZ() ? z : t;
		if (!range.contains(position)) {
			throw new PromptException(what + " is on " + axis.axisName() + " " + position + ", outside the chosen " +
				axis.axisName() + "s " + range + ". Widen the range or remove the ROI.");
		}
		return new int[] { position, axis.alongZ() ? 1 : z };
	}

	private void checkPoint(final String what, final int i, final int n, final float x, final float y)
		throws PromptException
	{
		merger.check(what + (n > 1 ? ", point " + (i + 1) : ""), Prompt.points(new float[] { x, y }, new int[] { 1 }));
	}

	private PromptException outside(final String what, final Rectangle b) {
		return new PromptException(what + " lies outside the image (its bounds are " + b.x + ", " + b.y + ", " +
			b.width + " x " + b.height + "; the image is " + imp.getWidth() + " x " + imp.getHeight() + " pixels).");
	}

	static boolean isBackgroundName(final String name) {
		if (name == null) return false;
		final String n = name.trim().toLowerCase(Locale.ROOT);
		return n.startsWith("-") || n.startsWith("neg") || n.startsWith("background");
	}

	private static String name(final Roi roi) {
		return roi.getName() == null || roi.getName().isBlank() ? "" : " ('" + roi.getName() + "')";
	}

	// -- pieces of prompts before they are merged per object and frame

	private record Pending(String groupKey, Part part, NamedRoi roi) {}

	private static final class Part {

		final int position;
		final int plane;
		final String splitKey; // non-null when one point of a ROI starts its own object
		final List<Float> xy = new ArrayList<>();
		final List<Integer> labels = new ArrayList<>();
		float[] box;
		boolean[] mask;

		private Part(final int[] at, final String splitKey) {
			this.position = at[0];
			this.plane = at[1];
			this.splitKey = splitKey;
		}

		static Part clicks(final int[] at, final String splitKey) {
			return new Part(at, splitKey);
		}

		static Part click(final int[] at, final float x, final float y, final int label, final String splitKey) {
			return new Part(at, splitKey).addClick(x, y, label);
		}

		static Part box(final int[] at, final float[] box) {
			final Part p = new Part(at, null);
			p.box = box;
			return p;
		}

		static Part mask(final int[] at, final boolean[] mask) {
			final Part p = new Part(at, null);
			p.mask = mask;
			return p;
		}

		Part addClick(final float x, final float y, final int label) {
			xy.add(x);
			xy.add(y);
			labels.add(label);
			return this;
		}

		PromptKey key(final int objectId) {
			return new PromptKey(objectId, position, plane);
		}

		boolean onlyBackground() {
			return box == null && mask == null && !labels.isEmpty() && !labels.contains(1);
		}
	}
}
