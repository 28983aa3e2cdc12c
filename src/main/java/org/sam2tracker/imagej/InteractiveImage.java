package org.sam2tracker.imagej;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.process.ColorProcessor;
import ij.process.LUT;

import java.awt.Color;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.results.Spot;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.FrameRange;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PromptException;
import org.sam2tracker.run.PromptKey;
import org.sam2tracker.run.PromptSet;
import org.sam2tracker.run.SessionRecord.SessionObject;
import org.sam2tracker.run.SessionRecord;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.FeatureStore;
import org.sam2tracker.track.FrameResult;
import org.sam2tracker.track.InteractiveTracking;
import org.sam2tracker.track.ObjectResult;
import org.sam2tracker.track.Prompt;

/**
 * Interactive tracking on one plane of an open image: clicks and boxes in image pixels on 1-based positions
 * along the tracked axis, gathered per object and position into the prompt SAM 2 is given; each object's masks
 * as a translucent overlay in its label colour; the label image of everything tracked so far. The channel,
 * axis and intensity rules are the tracker's ({@link TrackingOptions}, {@link GreyLevels}). The image is only read.
 * <p>
 * One thread marks and propagates; {@link #overlay}, {@link #labelImage} and {@link #objectIds} may be called from
 * any other while it works (the image window scrolled during a propagation).
 */
public final class InteractiveImage implements AutoCloseable {

	/** How opaque an object's filled mask is over the image. */
	static final double MASK_OPACITY = 0.4;

	private final ImagePlus imp;
	private final TrackingAxis axis;
	private final TrackingOptions options;
	private final int plane;
	private final FrameRange range;
	private final GreyLevels levels;
	private final ImagePlusFrames frames;
	private final InteractiveTracking tracking;
	private final LUT lut = LabelLut.lut();
	/** Where the prompts of a session come from, in run reports and messages. */
	static final String SOURCE = "SAM 2 Interactive";

	private final Map<Integer, String> names = new ConcurrentHashMap<>();
	private final Set<Integer> hidden = ConcurrentHashMap.newKeySet();
	/** Each object's clicks and box per position, as given to the engine. */
	private Map<Integer, Map<Integer, Marks>> marks = new HashMap<>();
	private final Deque<Map<Integer, Map<Integer, Marks>>> undone = new ArrayDeque<>();
	private final Deque<Map<Integer, Map<Integer, Marks>>> history = new ArrayDeque<>();

	/**
	 * One object's marks on one position: clicks in order (x, y, label 1 or 0) and an optional box, or an outline
	 * alone (SAM 2 takes a mask without clicks or box).
	 */
	private record Marks(List<float[]> clicks, float[] box, boolean[] mask) {

		static final Marks NONE = new Marks(List.of(), null, null);

		Marks with(final float[] click) {
			final List<float[]> more = new ArrayList<>(clicks);
			more.add(click);
			return new Marks(more, box, null);
		}

		Prompt prompt() {
			if (mask != null) return Prompt.mask(mask);
			final float[] xy = new float[2 * clicks.size()];
			final int[] labels = new int[clicks.size()];
			for (int i = 0; i < clicks.size(); i++) {
				xy[2 * i] = clicks.get(i)[0];
				xy[2 * i + 1] = clicks.get(i)[1];
				labels[i] = (int) clicks.get(i)[2];
			}
			return box == null ? Prompt.points(xy, labels) : Prompt.boxAndPoints(box, xy, labels);
		}

		/** The marks a prompt is made of, so that later clicks add to it. */
		static Marks of(final Prompt p) {
			if (p.isMask()) return new Marks(List.of(), null, p.mask());
			final List<float[]> clicks = new ArrayList<>();
			for (int i = 0; i < p.pointCount(); i++) {
				clicks.add(new float[] { p.points()[2 * i], p.points()[2 * i + 1], p.labels()[i] });
			}
			return new Marks(clicks, p.box(), null);
		}
	}

	/**
	 * @param plane the slice (1-based) tracked through time, or 1 when tracking along z
	 * @param featureCacheFrames frames whose image features are kept in memory (16 MB each)
	 */
	public InteractiveImage(final ImagePlus imp, final TrackingOptions options, final Sam2Model model, final int plane,
		final int featureCacheFrames) throws BadInputException
	{
		this(imp, options, model, plane, featureCacheFrames, FeatureStore.NONE);
	}

	/** @param store where frames' features are looked for before encoding, and kept (a folder on disk) */
	public InteractiveImage(final ImagePlus imp, final TrackingOptions options, final Sam2Model model, final int plane,
		final int featureCacheFrames, final FeatureStore store) throws BadInputException
	{
		ImageChecks.check(imp, options.channel());
		this.imp = imp;
		this.axis = TrackingAxis.of(imp);
		this.options = options;
		this.plane = plane;
		this.range = axis.range(options);
		this.levels = GreyLevels.of(imp, axis, options.intensity(), range.first(), range.last());
		this.frames = new ImagePlusFrames(imp, axis, options.channel(), plane, range, levels);
		this.tracking = new InteractiveTracking(model, frames, featureCacheFrames, store);
	}

	/** How grey values become what the model sees, in words, for the log. */
	public String intensity() {
		return levels.describe();
	}

	// -- marks

	/** A click for an object at a position (1-based): positive adds to the object, negative takes away. */
	public ObjectResult click(final int position, final int objectId, final double x, final double y,
		final boolean positive)
	{
		final Marks now = marksOf(objectId, position);
		return mark(position, objectId, now.with(new float[] { (float) x, (float) y, positive ? 1 : 0 }));
	}

	/** A box around an object at a position (1-based), replacing the box it had there; its clicks stay. */
	public ObjectResult box(final int position, final int objectId, final double x0, final double y0, final double x1,
		final double y1)
	{
		final Marks now = marksOf(objectId, position);
		return mark(position, objectId, new Marks(now.mask() != null ? List.of() : now.clicks(), new float[] {
			(float) Math.min(x0, x1), (float) Math.min(y0, y1), (float) Math.max(x0, x1), (float) Math.max(y0, y1) },
			null));
	}

	/**
	 * An outline of an object at a position (1-based), as an image-sized mask: it replaces the clicks and the box
	 * the object had there, since SAM 2 takes an outline alone.
	 */
	public ObjectResult outline(final int position, final int objectId, final boolean[] mask) {
		return mark(position, objectId, new Marks(List.of(), null, mask.clone()));
	}

	/**
	 * Marks from the tracker's prompt readers (the ROI Manager, a selection, a prompt file) on the positions they
	 * name, each added to what its object has there: points as clicks, a box as the box, an outline replacing
	 * both. One undo step per prompt.
	 */
	public void add(final List<ObjectPrompt> prompts) throws BadInputException {
		for (final ObjectPrompt p : prompts) checkPrompt(p);
		for (final ObjectPrompt p : prompts) {
			final Prompt given = p.prompt();
			Marks next = marksOf(p.objectId(), p.position());
			if (given.isMask()) next = new Marks(List.of(), null, given.mask());
			else {
				final Marks more = Marks.of(given);
				final List<float[]> clicks = new ArrayList<>(next.mask() != null ? List.of() : next.clicks());
				clicks.addAll(more.clicks());
				next = new Marks(clicks, more.box() != null ? more.box() : next.mask() != null ? null : next.box(), null);
			}
			mark(p.position(), p.objectId(), next);
		}
	}

	private void checkPrompt(final ObjectPrompt p) throws BadInputException {
		if (!range.contains(p.position())) {
			throw new BadInputException("The prompt from " + p.source() + " is on " + axis.axisName() + " " + p
				.position() + ", outside the " + axis.axisName() + "s " + range + " being tracked.");
		}
		if (p.plane() != plane) {
			throw new BadInputException("The prompt from " + p.source() + " is on slice " + p.plane() + "; this " +
				"session tracks slice " + plane + ".");
		}
	}

	private ObjectResult mark(final int position, final int objectId, final Marks next) {
		checkPosition(position);
		final ObjectResult result = tracking.prompt(position - range.first(), objectId, next.prompt());
		remember();
		marks = copyWith(marks, objectId, position, next);
		return result;
	}

	private Marks marksOf(final int objectId, final int position) {
		return marks.getOrDefault(objectId, Map.of()).getOrDefault(position, Marks.NONE);
	}

	private static Map<Integer, Map<Integer, Marks>> copyWith(final Map<Integer, Map<Integer, Marks>> all,
		final int objectId, final int position, final Marks next)
	{
		final Map<Integer, Map<Integer, Marks>> copy = new HashMap<>(all);
		final Map<Integer, Marks> mine = new HashMap<>(copy.getOrDefault(objectId, Map.of()));
		mine.put(position, next);
		copy.put(objectId, mine);
		return copy;
	}

	/** Keeps the marks as they are before a change, as many steps back as the engine keeps. */
	private void remember() {
		history.addFirst(marks);
		while (history.size() > InteractiveTracking.UNDO_STEPS) history.removeLast();
		undone.clear();
	}

	/** Takes back the latest click, box or deletion. */
	public boolean undo() {
		if (history.isEmpty() || !tracking.undo()) return false;
		undone.addFirst(marks);
		marks = history.pollFirst();
		return true;
	}

	public boolean redo() {
		if (undone.isEmpty() || !tracking.redo()) return false;
		history.addFirst(marks);
		marks = undone.pollFirst();
		return true;
	}

	/** Removes an object with its marks and masks. */
	public void delete(final int objectId) {
		tracking.delete(objectId);
		remember();
		final Map<Integer, Map<Integer, Marks>> copy = new HashMap<>(marks);
		copy.remove(objectId);
		marks = copy;
	}

	// -- tracking

	/** Whether a position's image features are ready, so that a click there shows its mask without waiting. */
	public boolean ready(final int position) {
		return range.contains(position) && tracking.ready(position - range.first());
	}

	/** Encodes the position the user is on, then its neighbours, in the background. */
	public void prefetch(final int position, final int around) {
		if (range.contains(position)) tracking.prefetch(position - range.first(), around);
	}

	/**
	 * Propagates every object in the direction; each position whose masks changed is handed to {@code shown}
	 * (1-based) as soon as it is done. False when cancelled.
	 */
	public boolean propagate(final Direction direction, final IntConsumer shown, final BooleanSupplier cancelled) {
		return propagate(direction, null, shown, cancelled);
	}

	/** Propagates only the given objects (all when null), as {@link #propagate(Direction, IntConsumer, BooleanSupplier)}. */
	public boolean propagate(final Direction direction, final Set<Integer> only, final IntConsumer shown,
		final BooleanSupplier cancelled)
	{
		return tracking.propagate(direction, only, r -> shown.accept(r.frame() + range.first()), cancelled);
	}

	// -- showing and saving

	/** Each object's filled mask at a position, translucent in its label colour, for the image window. */
	public Overlay overlay(final int position) {
		final Overlay overlay = new Overlay();
		final Optional<FrameResult> result = results(position);
		if (result.isEmpty()) return overlay;
		final boolean[][] masks = options.postprocessing().masks(result.get());
		final int[] ids = result.get().objects().stream().mapToInt(ObjectResult::objectId).toArray();
		final ColorProcessor paint = new ColorProcessor(imp.getWidth(), imp.getHeight());
		final int maxLabel = maxLabel();
		boolean any = false;
		for (int o = 0; o < masks.length; o++) {
			if (hidden(ids[o])) continue;
			final int rgb = LabelLut.colour(lut, ids[o], maxLabel).getRGB() & 0xffffff;
			for (int p = 0; p < masks[o].length; p++) {
				if (masks[o][p]) {
					paint.set(p, rgb == 0 ? 0x010101 : rgb);
					any = true;
				}
			}
		}
		if (!any) return overlay;
		final ImageRoi roi = new ImageRoi(0, 0, paint);
		roi.setZeroTransparent(true);
		roi.setOpacity(MASK_OPACITY);
		roi.setName("SAM 2 masks");
		overlay.add(roi);
		return overlay;
	}

	/** The colour an object is shown in, the label image's. */
	public Color colour(final int objectId) {
		return LabelLut.colour(lut, objectId, Math.max(maxLabel(), objectId));
	}

	/** The label image of every position tracked so far (positions not reached are empty). */
	public ImagePlus labelImage() {
		final LabelImageBuilder labels = new LabelImageBuilder(imp, maxLabel());
		for (int position = range.first(); position <= range.last(); position++) {
			final Optional<FrameResult> result = results(position);
			if (result.isEmpty()) continue;
			labels.write(position, plane, options.postprocessing().masks(result.get()), result.get().objects().stream()
				.mapToInt(ObjectResult::objectId).toArray());
		}
		return labels.image(imp);
	}

	/**
	 * Whether every object is current on every position tracked: only then are the results whole, and only then
	 * may they be saved.
	 */
	public boolean complete() {
		if (tracking.objectIds().isEmpty()) return false;
		for (final int id : tracking.objectIds()) {
			// A current result exists by definition, so every frame current means every frame tracked.
			if (tracking.currentFrames(id).cardinality() < range.length()) return false;
		}
		return true;
	}

	/**
	 * Every object's prompts and corrections as the tracker's prompts (one per object and position), for the run
	 * report: what the engine was given, whatever way the marks came.
	 */
	public List<ObjectPrompt> prompts() {
		final List<ObjectPrompt> out = new ArrayList<>();
		for (final int id : tracking.objectIds()) {
			for (final Map<Integer, Prompt> given : List.of(tracking.prompts(id), tracking.corrections(id))) {
				given.forEach((t, prompt) -> out.add(new ObjectPrompt(new PromptKey(id, t + range.first(), plane), prompt,
					SOURCE)));
			}
		}
		out.sort(java.util.Comparator.comparing(ObjectPrompt::key));
		return out;
	}

	/**
	 * The session as a prompt file holds it: the prompts, which of them are corrections, the objects' names and
	 * visibility, and the options that shape the masks (for the batch tracker's replay to refuse others).
	 *
	 * @param maskOptions {@link SessionRecord#maskOptions} of the settings this session runs with
	 */
	public PromptSet session(final Map<String, String> maskOptions) {
		final Set<PromptKey> corrections = new HashSet<>();
		final List<SessionObject> listed = new ArrayList<>();
		for (final int id : tracking.objectIds()) {
			tracking.corrections(id).keySet().forEach(t -> corrections.add(new PromptKey(id, t + range.first(), plane)));
			listed.add(new SessionObject(id, name(id), hidden(id)));
		}
		return new PromptSet(prompts(), Optional.of(new SessionRecord(corrections, axis.alongZ(), maskOptions,
			listed)));
	}

	/**
	 * Opens a saved session, or any prompt file, into this one while it has no objects: each object gets its
	 * prompts (shown at once), its corrections (given when a propagation reaches them), its name and visibility;
	 * then a propagation both ways gives the results the session had. One undo step per object.
	 */
	public void restore(final PromptSet set) throws BadInputException {
		if (!tracking.objectIds().isEmpty()) {
			throw new BadInputException("This session already has objects: open a saved session in a new panel, or " +
				"delete the objects first.");
		}
		for (final ObjectPrompt p : set.prompts()) checkPrompt(p);
		final Map<Integer, Map<Integer, Prompt>> prompts = new LinkedHashMap<>();
		final Map<Integer, Map<Integer, Prompt>> corrections = new LinkedHashMap<>();
		set.session().ifPresent(s -> s.objects().forEach(o -> prompts.put(o.id(), new HashMap<>())));
		for (final ObjectPrompt p : set.prompts()) {
			final int t = p.position() - range.first();
			(set.isCorrection(p) ? corrections : prompts).computeIfAbsent(p.objectId(), id -> new HashMap<>()).put(t, p
				.prompt());
			prompts.computeIfAbsent(p.objectId(), id -> new HashMap<>());
		}
		for (final Map.Entry<Integer, Map<Integer, Prompt>> o : prompts.entrySet()) {
			if (o.getValue().isEmpty() && corrections.containsKey(o.getKey())) {
				throw new PromptException("Object " + o.getKey() + " has corrections but no prompt to start from: a " +
					"correction changes a tracked frame, so the object needs a prompt on a frame that is not one.");
			}
		}
		for (final Map.Entry<Integer, Map<Integer, Prompt>> o : prompts.entrySet()) {
			final int id = o.getKey();
			if (o.getValue().isEmpty()) continue;
			final Map<Integer, Prompt> fixes = corrections.getOrDefault(id, Map.of());
			try {
				tracking.restore(id, o.getValue(), fixes);
			}
			catch (final IllegalArgumentException e) {
				throw new PromptException("Object " + id + " cannot be restored: " + e.getMessage() + ".");
			}
			remember();
			final Map<Integer, Map<Integer, Marks>> copy = new HashMap<>(marks);
			final Map<Integer, Marks> mine = new HashMap<>();
			for (final Map<Integer, Prompt> given : List.of(o.getValue(), fixes)) {
				given.forEach((t, prompt) -> mine.put(t + range.first(), Marks.of(prompt)));
			}
			copy.put(id, mine);
			marks = copy;
		}
		set.session().ifPresent(s -> s.objects().forEach(o -> {
			rename(o.id(), o.name());
			hide(o.id(), o.hidden());
		}));
	}

	// -- names and visibility

	/** The object's name, "Object 7" until renamed. */
	public String name(final int objectId) {
		return names.getOrDefault(objectId, "Object " + objectId);
	}

	/** Names the object (a blank name gives back the default); the label stays its number. */
	public void rename(final int objectId, final String name) {
		if (name == null || name.isBlank()) names.remove(objectId);
		else names.put(objectId, name.strip());
	}

	/** Hides the object's overlay (or shows it again); its results are kept and saved as ever. */
	public void hide(final int objectId, final boolean hide) {
		if (hide) hidden.add(objectId);
		else hidden.remove(objectId);
	}

	public boolean hidden(final int objectId) {
		return hidden.contains(objectId);
	}

	/**
	 * The label image and the spots of every position, as the tracker's result; call when {@link #complete()}.
	 * The figures of time and device are the session's.
	 */
	public TrackingResult result(final Sam2Model model, final double seconds) {
		final int maxLabel = maxLabel();
		final LabelImageBuilder labels = new LabelImageBuilder(imp, maxLabel);
		final Set<PromptKey> prompted = new HashSet<>();
		prompts().forEach(p -> prompted.add(p.key()));
		final List<Spot> spots = new ArrayList<>();
		int done = 0;
		for (int position = range.first(); position <= range.last(); position++) {
			final Optional<FrameResult> here = results(position);
			if (here.isEmpty()) continue;
			done++;
			spots.addAll(TrackingJob.record(here.get(), frames, axis, plane, options.postprocessing(), labels, prompted,
				maxLabel));
		}
		spots.sort(TrackingJob.SPOT_ORDER);
		return new TrackingResult(labels.image(imp), spots, TrackingJob.calibration(imp), axis.alongZ(), tracking
			.objectIds().size(), done, range.length(), complete(), model.device().toString(), seconds, model.bundle(),
			model.stageTimings(), org.sam2tracker.results.Lineage.NONE);
	}

	/** The largest object label, 0 before any object. */
	private int maxLabel() {
		return tracking.objectIds().stream().mapToInt(Integer::intValue).max().orElse(0);
	}

	/** Every object's result at a position, those that have one, in the objects' order. */
	private Optional<FrameResult> results(final int position) {
		if (!range.contains(position)) return Optional.empty();
		final int t = position - range.first();
		final List<ObjectResult> here = new ArrayList<>();
		for (final int id : tracking.objectIds()) tracking.result(id, t).ifPresent(here::add);
		if (here.isEmpty()) return Optional.empty();
		final FrameResult first = new FrameResult(t, frames.width(), frames.height(), lowResSize(here.get(0)), here);
		return Optional.of(first);
	}

	private static int lowResSize(final ObjectResult r) {
		return (int) Math.round(Math.sqrt(r.lowResLogits().length));
	}

	/** The positions this session tracks along the axis, 1-based. */
	public FrameRange range() {
		return range;
	}

	/** Whether some object has a result at the position; from any thread. */
	public boolean hasResults(final int position) {
		if (!range.contains(position)) return false;
		final int t = position - range.first();
		return tracking.objectIds().stream().anyMatch(id -> tracking.result(id, t).isPresent());
	}

	/** The objects, in the order they were first marked. */
	public List<Integer> objectIds() {
		return tracking.objectIds();
	}

	/**
	 * Whether every object's masks at a position are current: a propagation would not change them. From the thread
	 * that marks and propagates.
	 */
	public boolean isCurrent(final int position) {
		final int t = position - range.first();
		return tracking.objectIds().stream().allMatch(id -> tracking.isCurrent(id, t));
	}

	private void checkPosition(final int position) {
		if (!range.contains(position)) {
			throw new IllegalArgumentException("Position " + position + " is outside the " + axis.axisName() + "s " +
				range + " being tracked.");
		}
	}

	@Override
	public void close() {
		tracking.close();
	}
}
