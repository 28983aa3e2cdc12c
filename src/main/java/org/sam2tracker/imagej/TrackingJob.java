package org.sam2tracker.imagej;

import ij.ImagePlus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.results.Calibration;
import org.sam2tracker.results.Lineage;
import org.sam2tracker.results.Spot;
import org.sam2tracker.results.SpotMeasurer;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.FrameRange;
import org.sam2tracker.run.LaterSeeds;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PromptException;
import org.sam2tracker.run.PromptKey;
import org.sam2tracker.run.PromptSet;
import org.sam2tracker.run.RunException;
import org.sam2tracker.run.SessionRecord;
import org.sam2tracker.run.TrackingListener;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.FeatureStore;
import org.sam2tracker.track.FrameResult;
import org.sam2tracker.track.MaskPostprocessing;
import org.sam2tracker.track.ObjectResult;
import org.sam2tracker.track.TrackingSession;

/**
 * One tracking run over an image: opens the model, runs a session per plane that carries prompts (one for a
 * z-stack), writes each finished frame into the label image and measures it. The input image is only read.
 * Used by the Fiji commands and the command line alike.
 */
public final class TrackingJob {

	/** Encoded frames kept per session: enough for a run that turns back at its start frame. */
	private static final int FEATURE_CACHE_FRAMES = 4;

	private final ImagePlus imp;
	private final TrackingOptions options;
	private final List<ObjectPrompt> prompts;
	private final Optional<SessionRecord> session;
	private final LaterSeeds laterSeeds;
	private final FeatureStore features;
	private final TrackingAxis axis;

	public TrackingJob(final ImagePlus imp, final TrackingOptions options, final List<ObjectPrompt> prompts) {
		this(imp, options, PromptSet.of(prompts));
	}

	/** A run of prompts as read from a file: a saved interactive session is replayed as the session ran. */
	public TrackingJob(final ImagePlus imp, final TrackingOptions options, final PromptSet prompts) {
		this(imp, options, prompts, FeatureStore.NONE);
	}

	/** A run whose frames' image features are looked for in the store before encoding, and kept there. */
	public TrackingJob(final ImagePlus imp, final TrackingOptions options, final PromptSet prompts,
		final FeatureStore features)
	{
		this.features = features;
		this.imp = imp;
		this.options = options;
		this.prompts = prompts.prompts();
		this.session = prompts.session();
		this.laterSeeds = prompts.laterSeeds();
		this.axis = TrackingAxis.of(imp);
	}

	/** The positions the run covers along the tracked axis. */
	public FrameRange range() throws BadInputException {
		return axis.range(options);
	}

	/** Checks the image, the options and the prompts before anything heavy starts. */
	public void check() throws BadInputException {
		ImageChecks.check(imp, options.channel());
		final FrameRange range = range();
		if (prompts.isEmpty()) {
			throw new PromptException("There are no prompts: mark at least one object on one " + axis.axisName() + ".");
		}
		for (final ObjectPrompt p : prompts) {
			if (!range.contains(p.position())) {
				throw new PromptException("The prompt from " + p.source() + " is on " + axis.axisName() + " " +
					p.position() + ", outside the chosen " + axis.axisName() + "s " + range + ".");
			}
			if (p.plane() < 1 || p.plane() > axis.planes()) {
				throw new PromptException("The prompt from " + p.source() + " is on slice " + p.plane() +
					"; the image has " + axis.planes() + ".");
			}
		}
		if (session.isPresent()) checkSession(session.get());
	}

	/** A session followed one slice along one axis: the image must be opened the same way. */
	private void checkSession(final SessionRecord s) throws BadInputException {
		if (s.alongZ() != axis.alongZ()) {
			throw new BadInputException("The saved session followed the " + (s.alongZ() ? "slices of a z-stack" :
				"frames of a time-lapse") + ", but " + imp.getTitle() + " is opened as a " + (axis.alongZ() ? "z-stack" :
					"time-lapse") + ": open it as the session did (on the command line, --stack-axis " + (s.alongZ() ?
						"z" : "time") + ").");
		}
		final Set<Integer> planes = new TreeSet<>();
		prompts.forEach(p -> planes.add(p.plane()));
		if (planes.size() > 1) {
			throw new PromptException("A saved session follows one slice, but this one has prompts on slices " +
				planes + ": save one session per slice.");
		}
	}

	/** Opens the options' model, runs, and closes the model. */
	public TrackingResult run(final TrackingListener listener, final BooleanSupplier cancelled)
		throws RunException
	{
		check();
		try (Sam2Model model = open()) {
			listener.log("Model " + model.describe() + ".");
			if (model.precisionNote() != null) listener.log("Precision: " + model.precisionNote() + ".");
			return run(model, listener, cancelled);
		}
	}

	/** Runs on a model that is already open (a batch opens it once); the options' model and device are not used. */
	public TrackingResult run(final Sam2Model model, final TrackingListener listener, final BooleanSupplier cancelled)
		throws BadInputException
	{
		check();
		if (session.isPresent()) return replay(model, listener, cancelled);
		final FrameRange range = range();
		model.resetTimings();
		final int maxLabel = prompts.stream().mapToInt(ObjectPrompt::objectId).max().orElse(0);
		final int objects = (int) prompts.stream().mapToInt(ObjectPrompt::objectId).distinct().count();
		final TreeSet<Integer> planes = new TreeSet<>();
		prompts.forEach(p -> planes.add(p.plane()));
		final int total = planes.stream().mapToInt(plane -> framesToVisit(plane, range)).sum();
		final GreyLevels levels = GreyLevels.of(imp, axis, options.intensity(), range.first(), range.last());
		listener.log("Intensity: " + levels.describe() + ".");
		levels.warnings(imp.getTitle()).forEach(listener::log);
		final LabelImageBuilder labels = new LabelImageBuilder(imp, maxLabel);
		final TreeMap<String, List<Spot>> spots = new TreeMap<>();
		final Set<PromptKey> prompted = new HashSet<>();
		prompts.forEach(p -> prompted.add(p.key()));
		final long start = System.nanoTime();
		int done = 0;
		boolean complete = true;
		final String device = model.device().toString();
		listener.started(total, objects);
		final Map<Integer, Integer> parents = new TreeMap<>();
		int newObjects = 0;
		for (final int plane : planes) {
			final ImagePlusFrames frames = new ImagePlusFrames(imp, axis, options.channel(), plane, range, levels);
			final TrackingSession session = new TrackingSession(model, frames, FEATURE_CACHE_FRAMES, features);
			final List<ObjectPrompt> here = prompts.stream().filter(p -> p.plane() == plane).sorted(Comparator
				.comparingInt(ObjectPrompt::position)).toList();
			for (final ObjectPrompt p : here) addPrompt(session, p, range);
			final int[] counter = { done };
			final Map<Integer, Map<Integer, Double>> scores = new TreeMap<>();
			final boolean finished = session.propagate(startPosition(here) - range.first(), options.direction(), -1,
				result -> {
					record(result, frames, plane, labels, spots, prompted, maxLabel);
					for (final ObjectResult o : result.objects()) scores.computeIfAbsent(frames.position(result.frame()),
						k -> new TreeMap<>()).put(o.objectId(), (double) o.score());
					listener.frameDone(++counter[0], total);
				}, cancelled);
			done = counter[0];
			if (!finished) {
				complete = false;
				break;
			}
			final Map<Integer, Integer> starts = new TreeMap<>();
			for (final ObjectPrompt p : here) starts.merge(p.objectId(), p.position(), Math::min);
			final PlanePass pass = new PlanePass(model, frames, plane, range, labels, options.postprocessing(), features);
			if (!laterSeeds.isEmpty() && plane == 1 && options.direction() != Direction.BACKWARD) {
				final int before = starts.size();
				final Set<Integer> changed = new AppearancePass(pass, options.seedOverlap()).follow(laterSeeds, starts,
					scores, prompted, listener, cancelled);
				newObjects += starts.size() - before;
				remeasure(changed, plane, frames, labels, scores, prompted, spots);
			}
			if (options.divisions() != null && options.direction() != Direction.BACKWARD) {
				final DivisionPass.Outcome divided = new DivisionPass(pass, options.divisions()).follow(starts, scores,
					prompted, listener, cancelled);
				if (cancelled.getAsBoolean()) {
					complete = false;
					break;
				}
				parents.putAll(divided.parents());
				remeasure(divided.changed(), plane, frames, labels, scores, prompted, spots);
			}
			MergeCheck.report(labels, plane, range, new java.util.HashSet<>(parents.values()), axis.axisName()).forEach(
				listener::log);
		}
		final double seconds = (System.nanoTime() - start) / 1e9;
		listener.log(String.format(Locale.ROOT, "%s %d object%s through %d of %d frames in %.1f s (%.2f s per " +
			"frame).", complete ? "Tracked" : "Cancelled: tracked", objects, objects == 1 ? "" : "s", done, total,
			seconds, done == 0 ? 0 : seconds / done));
		final List<Spot> all = new ArrayList<>();
		spots.values().forEach(all::addAll);
		all.sort(SPOT_ORDER);
		if (done > 0) lostObjects(all, range).forEach(listener::log);
		final ImagePlus labelImage = labels.image(imp);
		if (!complete) labelImage.setProperty("Info", "Incomplete: the run was cancelled after " + done + " of " +
			total + " frames.");
		return new TrackingResult(labelImage, all, calibration(imp), axis.alongZ(), objects + newObjects + parents
			.size(), done, total, complete, device, seconds, model.bundle(), model.stageTimings(), new Lineage(parents));
	}

	/**
	 * Replays a saved interactive session as it ran: each object on its own, its prompts as conditioning frames,
	 * its corrections given where the propagation reaches them, through every frame both ways (a session is saved
	 * only when complete), which gives the session's results.
	 */
	private TrackingResult replay(final Sam2Model model, final TrackingListener listener,
		final BooleanSupplier cancelled) throws BadInputException
	{
		final FrameRange range = range();
		model.resetTimings();
		final int plane = prompts.get(0).plane();
		final int objects = (int) prompts.stream().mapToInt(ObjectPrompt::objectId).distinct().count();
		final int conditioning = (int) prompts.stream().filter(p -> !session.get().corrections().contains(p.key()))
			.count();
		final int total = objects * range.length() - conditioning;
		final long start = System.nanoTime();
		try (InteractiveImage image = new InteractiveImage(imp, options, model, plane, FEATURE_CACHE_FRAMES,
			features)) {
			listener.log("Intensity: " + image.intensity() + "; replaying the saved session (" + session.get()
				.corrections().size() + " correction" + (session.get().corrections().size() == 1 ? "" : "s") + ") " +
				"both ways, each object on its own, as the session ran.");
			image.restore(new PromptSet(prompts, session));
			listener.started(total, objects);
			final int[] done = { 0 };
			final boolean finished = image.propagate(Direction.BOTH, p -> listener.frameDone(++done[0], total),
				cancelled);
			final double seconds = (System.nanoTime() - start) / 1e9;
			final TrackingResult result = image.result(model, seconds);
			listener.log(String.format(Locale.ROOT, "%s %d object%s: %d object-frames in %.1f s.", finished ?
				"Replayed" : "Cancelled: replayed", objects, objects == 1 ? "" : "s", done[0], seconds));
			if (finished) lostObjects(result.spots(), range).forEach(listener::log);
			return result;
		}
	}

	/**
	 * Which objects are missing at the end of the range they were followed to, or were never found: "Tracked 4
	 * objects" alone would hide them.
	 */
	private List<String> lostObjects(final List<Spot> spots, final FrameRange range) {
		final TreeMap<Integer, Integer> lastSeen = new TreeMap<>();
		final TreeMap<Integer, Integer> firstSeen = new TreeMap<>();
		for (final Spot s : spots) {
			final int position = axis.alongZ() ? s.slice() : s.frame();
			lastSeen.merge(s.label(), position, Math::max);
			firstSeen.merge(s.label(), position, Math::min);
		}
		final List<String> lines = new ArrayList<>();
		for (final int id : new TreeSet<>(prompts.stream().map(ObjectPrompt::objectId).toList())) {
			if (!lastSeen.containsKey(id)) {
				lines.add("Object " + id + " was not found on any " + axis.axisName() + ", not even where it was " +
					"prompted: check its prompt.");
			}
			else if (options.direction() != Direction.BACKWARD && lastSeen.get(id) < range.last()) {
				lines.add("Object " + id + " was lost: last seen on " + axis.axisName() + " " + lastSeen.get(id) + " of " +
					range.last() + ".");
			}
			else if (options.direction() == Direction.BACKWARD && firstSeen.get(id) > range.first()) {
				lines.add("Object " + id + " was lost going backward: first seen on " + axis.axisName() + " " + firstSeen
					.get(id) + ".");
			}
		}
		return lines;
	}

	private Sam2Model open() throws RunException {
		try {
			return Sam2Model.open(options.model(), options.inputSize(), options.precision(), options.device(), Runtime.getRuntime()
				.availableProcessors());
		}
		catch (final BundleException e) {
			throw RunException.of(e);
		}
	}

	private static void addPrompt(final TrackingSession session, final ObjectPrompt p, final FrameRange range)
		throws PromptException
	{
		try {
			session.addPrompt(p.position() - range.first(), p.objectId(), p.prompt());
		}
		catch (final IllegalArgumentException e) {
			throw new PromptException("The prompt from " + p.source() + " cannot be used: " + e.getMessage());
		}
	}

	/** Forward runs start at the earliest prompt, backward runs at the latest; both start at the earliest. */
	private int startPosition(final List<ObjectPrompt> here) {
		final int earliest = here.get(0).position();
		final int latest = here.get(here.size() - 1).position();
		return options.direction() == Direction.BACKWARD ? latest : earliest;
	}

	private int framesToVisit(final int plane, final FrameRange range) {
		final List<ObjectPrompt> here = prompts.stream().filter(p -> p.plane() == plane).sorted(Comparator
			.comparingInt(ObjectPrompt::position)).toList();
		final int s = startPosition(here);
		return switch (options.direction()) {
			case FORWARD -> range.last() - s + 1;
			case BACKWARD -> s - range.first() + 1;
			case BOTH -> (range.last() - s + 1) + (s > range.first() ? s - range.first() + 1 : 0);
		};
	}

	private void record(final FrameResult result, final ImagePlusFrames frames, final int plane,
		final LabelImageBuilder labels, final TreeMap<String, List<Spot>> spots, final Set<PromptKey> prompted,
		final int maxLabel)
	{
		final int position = frames.position(result.frame());
		spots.put(spotKey(position, plane), record(result, frames, axis, plane, options.postprocessing(), labels,
			prompted, maxLabel));
	}

	/** Where a plane's spots are kept until the run ends: the planes in position order. */
	private static String spotKey(final int position, final int plane) {
		return String.format(Locale.ROOT, "%09d/%09d", position, plane);
	}

	/**
	 * Writes one frame's masks into the label image and measures its spots: the one way a frame becomes results,
	 * for a tracking run and for an interactive session.
	 */
	static List<Spot> record(final FrameResult result, final ImagePlusFrames frames, final TrackingAxis axis,
		final int plane, final MaskPostprocessing postprocessing, final LabelImageBuilder labels,
		final Set<PromptKey> prompted, final int maxLabel)
	{
		final int position = frames.position(result.frame());
		labels.write(position, plane, postprocessing.masks(result), result.objects().stream().mapToInt(
			ObjectResult::objectId).toArray());
		final Map<Integer, Double> scores = new TreeMap<>();
		for (final ObjectResult o : result.objects()) scores.put(o.objectId(), (double) o.score());
		return measure(position, plane, frames, axis, labels, maxLabel, scores, prompted);
	}

	/** Measures again the planes a pass after the run changed, from the label image as it is now. */
	private void remeasure(final Set<Integer> changed, final int plane, final ImagePlusFrames frames,
		final LabelImageBuilder labels, final Map<Integer, Map<Integer, Double>> scores, final Set<PromptKey> prompted,
		final TreeMap<String, List<Spot>> spots)
	{
		for (final int position : changed) {
			spots.put(spotKey(position, plane), measure(position, plane, frames, axis, labels, labels.maxLabel(), scores
				.getOrDefault(position, Map.of()), prompted));
		}
	}

	/** The spots of one plane of the label image, each object with its score there (NaN for none). */
	private static List<Spot> measure(final int position, final int plane, final ImagePlusFrames frames,
		final TrackingAxis axis, final LabelImageBuilder labels, final int maxLabel, final Map<Integer, Double> scoresHere,
		final Set<PromptKey> prompted)
	{
		final double[] scores = new double[maxLabel + 1];
		java.util.Arrays.fill(scores, Double.NaN);
		scoresHere.forEach((label, score) -> scores[label] = score);
		final int frame = axis.alongZ() ? 1 : position;
		final int slice = axis.alongZ() ? position : plane;
		return SpotMeasurer.measure(frame, slice, labels.labels(position, plane), frames.intensity(position - frames
			.position(0)), frames.width(), maxLabel, scores, label -> prompted.contains(new PromptKey(label, position,
				plane)));
	}

	/** The order of spots in every result: by label, then frame, then slice. */
	static final Comparator<Spot> SPOT_ORDER = Comparator.comparingInt(Spot::label).thenComparingInt(Spot::frame)
		.thenComparingInt(Spot::slice);

	/** The image's calibration in the results' own terms. */
	static Calibration calibration(final ImagePlus imp) {
		final ij.measure.Calibration c = imp.getCalibration();
		return new Calibration(c.pixelWidth, c.pixelHeight, c.pixelDepth, c.getUnit(), c.frameInterval,
			c.getTimeUnit());
	}
}
