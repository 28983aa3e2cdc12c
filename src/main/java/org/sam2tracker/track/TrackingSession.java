package org.sam2tracker.track;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.sam2tracker.model.BundleConfig;
import org.sam2tracker.model.DecoderOutput;
import org.sam2tracker.model.FrameFeatures;
import org.sam2tracker.model.Sam2Model;

/**
 * SAM 2.1 video tracking of several objects through a frame source: prompts on any frame, propagation forward
 * and backward, corrections. The bookkeeping is that of transformers' Sam2VideoModel (models/README.md, "Running
 * a video"); objects are batched through every graph. Memory stays bounded: an object keeps its conditioning
 * outputs and, of its tracked frames, only those that a later frame can still use ({@link MemoryBank}). How the
 * objects are packed into each graph's batch is {@link DecoderBatch}'s, {@link MemoryEncoderBatch}'s and
 * {@link AttentionBatch}'s.
 * <p>
 * One thread drives a session; the model it runs on may serve several sessions one after the other.
 */
public final class TrackingSession {

	private final Sam2Model model;
	private final BundleConfig c;
	private final FrameSource frames;
	private final FeatureCache features;
	private final MemoryBank memory;
	private final Map<Integer, TrackedObject> objects = new LinkedHashMap<>();
	private final List<Integer> newInputs = new ArrayList<>();

	public TrackingSession(final Sam2Model model, final FrameSource frames, final int featureCacheFrames) {
		this(model, frames, featureCacheFrames, FeatureStore.NONE);
	}

	/** A session that looks for each frame's features in the store before encoding it, and keeps them there. */
	public TrackingSession(final Sam2Model model, final FrameSource frames, final int featureCacheFrames,
		final FeatureStore store)
	{
		this(model, frames, featureCache(model, frames, featureCacheFrames, store), false);
	}

	/**
	 * A session reading its image features from a cache that other sessions on the same frames share; see
	 * {@link MemoryBank} for {@code forwardAfterFirstPrompt}.
	 */
	TrackingSession(final Sam2Model model, final FrameSource frames, final FeatureCache features,
		final boolean forwardAfterFirstPrompt)
	{
		this.model = model;
		this.c = model.config();
		this.frames = frames;
		this.features = features;
		this.memory = new MemoryBank(c, frames.frameCount(), forwardAfterFirstPrompt);
	}

	/** The image encoder's outputs of recently used frames, for one session or for several on the same frames. */
	static FeatureCache featureCache(final Sam2Model model, final FrameSource frames, final int capacity,
		final FeatureStore store)
	{
		final BundleConfig config = model.config();
		final FramePreprocessor preprocessor = new FramePreprocessor(config.imageSize(), config.imageMean(), config
			.imageStd());
		if (store == FeatureStore.NONE) {
			return new FeatureCache(capacity, t -> model.encodeImage(preprocessor.pixelValues(frames.frame(t))));
		}
		final String fingerprint = model.encoderFingerprint();
		return new FeatureCache(capacity, t -> {
			final float[] pixels = preprocessor.pixelValues(frames.frame(t));
			final String key = FeatureKey.of(fingerprint, pixels);
			final FrameFeatures kept = store.find(key);
			if (kept != null) return kept;
			final FrameFeatures made = model.encodeImage(pixels);
			store.keep(key, made);
			return made;
		});
	}

	// -- prompts

	/** Adds a prompt for an object on a frame and runs that frame at once; returns every object's result there. */
	public FrameResult addPrompt(final int frame, final int objectId, final Prompt prompt) {
		return addPrompt(frame, objectId, prompt, false);
	}

	/**
	 * As {@link #addPrompt(int, int, Prompt)}, reading memory as a propagation in the given direction would: what
	 * a correction queued with {@link #correct} gives when a propagation reaches it.
	 */
	FrameResult addPrompt(final int frame, final int objectId, final Prompt prompt, final boolean reverse) {
		queuePrompt(frame, objectId, prompt);
		return runFrame(frame, reverse);
	}

	/** Runs every object on one frame as a propagation in the given direction does there. */
	FrameResult run(final int frame, final boolean reverse) {
		checkFrame(frame);
		return runFrame(frame, reverse);
	}

	/**
	 * Corrects an object on a frame without running it: the next propagation that reaches the frame uses the
	 * prompt, and the frames after it follow the corrected mask.
	 */
	public void correct(final int frame, final int objectId, final Prompt prompt) {
		if (!objects.containsKey(objectId)) {
			throw new IllegalArgumentException("Object " + objectId + " is not being tracked, so it cannot be " +
				"corrected: prompt it first (tracked objects: " + objects.keySet() + ").");
		}
		queuePrompt(frame, objectId, prompt);
	}

	private void queuePrompt(final int frame, final int objectId, final Prompt prompt) {
		checkFrame(frame);
		prompt.validate(frames.width(), frames.height());
		final TrackedObject object = objects.computeIfAbsent(objectId, TrackedObject::new);
		if (prompt.isMask()) {
			object.masks.put(frame, MaskResize.toModel(prompt.mask(), frames.width(), frames.height(), c.imageSize()));
			object.pointCoords.remove(frame);
			object.pointLabels.remove(frame);
		}
		else {
			setPoints(object, frame, prompt);
			object.masks.remove(frame);
		}
		// As in the reference, the latest prompt names the objects with new input.
		newInputs.clear();
		newInputs.add(objectId);
	}

	private void setPoints(final TrackedObject object, final int frame, final Prompt prompt) {
		final float sx = (float) ((double) c.imageSize() / frames.width());
		final float sy = (float) ((double) c.imageSize() / frames.height());
		final float[] box = prompt.box();
		final float[] xy = prompt.points();
		final int n = prompt.pointCount() + (box == null ? 0 : 2);
		final float[] coords = new float[2 * n];
		final int[] labels = new int[n];
		int k = 0;
		if (box != null) {
			coords[0] = box[0] * sx;
			coords[1] = box[1] * sy;
			coords[2] = box[2] * sx;
			coords[3] = box[3] * sy;
			labels[0] = 2;
			labels[1] = 3;
			k = 2;
		}
		final int[] clickLabels = prompt.labels();
		for (int i = 0; i < clickLabels.length; i++, k++) {
			coords[2 * k] = xy[2 * i] * sx;
			coords[2 * k + 1] = xy[2 * i + 1] * sy;
			labels[k] = clickLabels[i];
		}
		object.pointCoords.put(frame, coords);
		object.pointLabels.put(frame, labels);
	}

	// -- propagation

	/** The earliest conditioning frame of any object: where propagation starts by default. */
	public int firstConditioningFrame() {
		return objects.values().stream().flatMap(o -> o.conditioning.keySet().stream()).mapToInt(Integer::intValue)
			.min().orElseThrow(() -> new IllegalStateException(
				"No prompted frame has been run yet: add a prompt before propagating."));
	}

	/**
	 * Propagates from {@code start} in the given direction through at most {@code maxFrames} frames after it
	 * (all when negative), handing each frame's results to the listener as they come. Stops between frames when
	 * {@code cancelled} says so; the results handed out until then stay valid. Returns false when cancelled.
	 */
	public boolean propagate(final int start, final Direction direction, final int maxFrames,
		final Consumer<FrameResult> listener, final BooleanSupplier cancelled)
	{
		checkFrame(start);
		final int n = frames.frameCount();
		final int limit = maxFrames < 0 ? n : maxFrames;
		if (direction != Direction.BACKWARD) {
			final int end = Math.min(start + limit, n - 1);
			for (int t = start; t <= end; t++) {
				if (cancelled.getAsBoolean()) return false;
				listener.accept(runFrame(t, false));
			}
		}
		// Backward alone always runs its start frame, even the first; after a forward pass it would repeat frame 0.
		if (direction == Direction.BACKWARD || (direction == Direction.BOTH && start > 0)) {
			final int end = Math.max(start - limit, 0);
			for (int t = start; t >= end; t--) {
				if (cancelled.getAsBoolean()) return false;
				listener.accept(runFrame(t, true));
			}
		}
		return true;
	}

	/** Outputs of tracked frames kept across all objects: what memory holds beyond the conditioning frames. */
	public int storedTrackedOutputs() {
		return objects.values().stream().mapToInt(o -> o.tracked.size()).sum();
	}

	/** Bytes held by every object's kept outputs (conditioning and tracked), for memory accounting. */
	public long retainedBytes() {
		return objects.keySet().stream().mapToLong(this::retainedBytes).sum();
	}

	// -- one object's state, for interactive tracking

	/** Whether the object has been tracked on the frame (so that a prompt there corrects it). */
	boolean tracked(final int objectId, final int frame) {
		final TrackedObject object = objects.get(objectId);
		return object != null && object.trackedFrames.get(frame);
	}

	/**
	 * Counts the frame as one the object was tracked on, so that a prompt there is a correction read from memory
	 * (as it was when first given), not a new conditioning frame: for corrections restored before a propagation
	 * reaches them.
	 */
	void markTracked(final int objectId, final int frame) {
		checkFrame(frame);
		objects.get(objectId).trackedFrames.set(frame);
	}

	/** Whether the object still keeps its output of the frame, where later frames can read it. */
	boolean keeps(final int objectId, final int frame) {
		final TrackedObject object = objects.get(objectId);
		return object != null && (object.conditioning.containsKey(frame) || object.tracked.containsKey(frame));
	}

	/** How many frames away an output can be read: what a frame needs kept around it. */
	int memoryReach() {
		return memory.reach();
	}

	/** A copy of the object's inputs and kept outputs, which {@link #restore} puts back exactly. */
	TrackedObject saveState(final int objectId) {
		final TrackedObject object = objects.get(objectId);
		return object == null ? new TrackedObject(objectId) : object.copy();
	}

	/** Puts an object back as {@link #saveState} found it, with no input pending. */
	void restore(final TrackedObject state) {
		objects.put(state.id, state.copy());
		newInputs.clear();
	}

	/** Forgets an object and everything it keeps. */
	void remove(final int objectId) {
		objects.remove(objectId);
		newInputs.remove((Integer) objectId);
	}

	/** Bytes held by one object's kept outputs. */
	long retainedBytes(final int objectId) {
		final TrackedObject object = objects.get(objectId);
		return object == null ? 0 : java.util.stream.Stream.concat(object.conditioning.values().stream(),
			object.tracked.values().stream()).mapToLong(StoredOutput::bytes).sum();
	}

	// -- one frame

	/**
	 * Runs every object on frame t. The object with new input makes a conditioning output where it has not been
	 * tracked, and a tracked output with its prompt where it has; any other object returns its conditioning
	 * output on t if it has one, and is otherwise tracked from its memory. Results come in the objects' order.
	 */
	private FrameResult runFrame(final int t, final boolean reverseIn) {
		boolean reverse = reverseIn;
		final List<TrackedObject> order = new ArrayList<>(objects.values());
		final StoredOutput[] outputs = new StoredOutput[order.size()];
		final int[] indices = new int[order.size()];
		final List<FrameJob> jobs = new ArrayList<>();
		for (int i = 0; i < order.size(); i++) {
			final TrackedObject object = order.get(i);
			final boolean isNew = newInputs.contains(object.id);
			if (!isNew && object.conditioning.containsKey(t)) {
				outputs[i] = object.conditioning.get(t);
				indices[i] = -1;
				continue;
			}
			boolean initial = false;
			float[] coords = null;
			int[] labels = null;
			float[] mask = null;
			if (isNew) {
				initial = !object.trackedFrames.get(t);
				if (initial) reverse = false;
				coords = object.pointCoords.get(t);
				labels = object.pointLabels.get(t);
				mask = object.masks.get(t);
				if (labels != null || mask != null) newInputs.remove((Integer) object.id);
			}
			jobs.add(new FrameJob(object, i, initial, reverse, coords, labels, mask));
			if (!initial) object.trackedFrames.set(t);
		}
		if (!jobs.isEmpty()) {
			final FrameFeatures f = features.get(t);
			runMaskPrompts(f, jobs);
			runDecoders(f, t, jobs);
			encodeMemories(f, jobs);
			for (final FrameJob job : jobs) {
				memory.keep(job.object, t, job.output, job.initial);
				outputs[job.index] = job.output;
				indices[job.index] = job.output.maskIndex;
			}
		}
		final List<ObjectResult> results = new ArrayList<>();
		for (int i = 0; i < order.size(); i++) {
			// A copy: conditioning outputs are returned again later and must not change with what a listener does.
			results.add(new ObjectResult(order.get(i).id, outputs[i].lowRes.clone(), outputs[i].score, indices[i]));
		}
		for (final FrameJob job : jobs) {
			if (!job.initial) job.output.lowRes = null; // a tracked frame's logits are never read again
		}
		return new FrameResult(t, frames.width(), frames.height(), c.lowResMaskSize(), results);
	}

	/** Mask prompts: the mask itself is the output; the decoder only draws the object pointer from it. */
	private void runMaskPrompts(final FrameFeatures f, final List<FrameJob> jobs) {
		final List<FrameJob> all = jobs.stream().filter(j -> j.mask != null).toList();
		for (final List<FrameJob> masked : CallBatches.of(all, model.objectsPerCall())) {
			final float[][] prompt = model.maskPrompt(DecoderBatch.masks(c, masked), masked.size());
			final float[] lowRes = prompt[0];
			final float[] maskInputs = prompt[1];
			final DecoderOutput out = model.decode(f, DecoderBatch.maskPrompts(f.imageEmbed(), maskInputs, masked));
			DecoderBatch.readMaskPrompts(c, masked, lowRes, out);
		}
	}

	/** Click and tracking frames: features (with memory when tracked), then the decoder, batched by point count. */
	private void runDecoders(final FrameFeatures f, final int t, final List<FrameJob> jobs) {
		final List<FrameJob> decoded = jobs.stream().filter(j -> j.mask == null).toList();
		if (decoded.isEmpty()) return;
		final Map<FrameJob, float[]> embeds = new LinkedHashMap<>();
		for (final FrameJob job : decoded) {
			if (job.initial) embeds.put(job, f.imageEmbed());
		}
		final List<FrameJob> remembering = decoded.stream().filter(j -> !j.initial).toList();
		final float[][] conditioned = memory.condition(model, f, t, remembering.stream().map(
			j -> new MemoryBank.Request(j.object, j.reverse)).toList());
		for (int i = 0; i < conditioned.length; i++) embeds.put(remembering.get(i), conditioned[i]);
		for (final List<FrameJob> samePoints : DecoderBatch.byPointCount(decoded)) {
			for (final List<FrameJob> batch : CallBatches.of(samePoints, model.objectsPerCall())) {
				final DecoderOutput out = model.decode(f, DecoderBatch.clicks(c, batch, embeds::get,
					this::useMultimask));
				DecoderBatch.readClicks(c, batch, out);
			}
		}
	}

	private boolean useMultimask(final FrameJob job) {
		final int points = job.labels == null ? 0 : job.labels.length;
		return c.multimaskOutputInSam() && (job.initial || c.multimaskOutputForTracking()) &&
			c.multimaskMinPtNum() <= points && points <= c.multimaskMaxPtNum();
	}

	/**
	 * The memories of every object that made a new output on this frame, in calls as large as the model takes;
	 * when any of them comes from a prompt, all their masks are binarized, as in the reference.
	 */
	private void encodeMemories(final FrameFeatures f, final List<FrameJob> jobs) {
		final boolean binarize = c.binarizeMaskFromPointsForMemEnc() && jobs.stream().anyMatch(FrameJob::fromPrompt);
		for (final List<FrameJob> call : CallBatches.of(jobs, model.objectsPerCall())) {
			final MemoryEncoderBatch batch = new MemoryEncoderBatch(c, call.stream().map(j -> j.output).toList(),
				binarize);
			batch.store(model.encodeMemory(f, batch.masks, batch.binarize, batch.scores));
		}
	}

	private void checkFrame(final int frame) {
		if (frame < 0 || frame >= frames.frameCount()) {
			throw new IllegalArgumentException("Frame " + (frame + 1) + " does not exist: the stack has " +
				frames.frameCount() + " frames (1 to " + frames.frameCount() + ").");
		}
	}
}
