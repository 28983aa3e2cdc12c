package org.sam2tracker.track;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.sam2tracker.model.BundleConfig;
import org.sam2tracker.model.DecoderInput;
import org.sam2tracker.model.DecoderOutput;
import org.sam2tracker.model.FrameFeatures;
import org.sam2tracker.model.Sam2Model;

/**
 * SAM 2.1 video tracking of several objects through a frame source: prompts on any frame, propagation forward
 * and backward, corrections. The bookkeeping is that of transformers' Sam2VideoModel (models/README.md, "Running
 * a video"); objects are batched through every graph. Memory stays bounded: an object keeps its conditioning
 * outputs and, of its tracked frames, only those that a later frame can still use.
 * <p>
 * One thread drives a session; the model it runs on may serve several sessions one after the other.
 */
public final class TrackingSession {

	private final Sam2Model model;
	private final BundleConfig c;
	private final FrameSource frames;
	private final FramePreprocessor preprocessor;
	private final FeatureCache features;
	private final MemoryReader memory;
	private final Map<Integer, TrackedObject> objects = new LinkedHashMap<>();
	private final List<Integer> newInputs = new ArrayList<>();

	public TrackingSession(final Sam2Model model, final FrameSource frames, final int featureCacheFrames) {
		this.model = model;
		this.c = model.config();
		this.frames = frames;
		this.preprocessor = new FramePreprocessor(c.imageSize(), c.imageMean(), c.imageStd());
		this.features = new FeatureCache(featureCacheFrames, t -> model.encodeImage(preprocessor.pixelValues(
			frames.frame(t))));
		this.memory = new MemoryReader(c, frames.frameCount());
	}

	// -- prompts

	/** Adds a prompt for an object on a frame and runs that frame at once; returns every object's result there. */
	public FrameResult addPrompt(final int frame, final int objectId, final Prompt prompt) {
		queuePrompt(frame, objectId, prompt);
		return runFrame(frame, false);
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
		if (direction != Direction.FORWARD && start > 0) {
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
		return objects.values().stream().flatMap(o -> java.util.stream.Stream.concat(o.conditioning.values().stream(),
			o.tracked.values().stream())).mapToLong(StoredOutput::bytes).sum();
	}

	// -- one frame

	private static final class Job {

		final TrackedObject object;
		final int index;
		final boolean initial;
		final boolean reverse;
		final float[] coords;
		final int[] labels;
		final float[] mask;
		StoredOutput output;

		Job(final TrackedObject object, final int index, final boolean initial, final boolean reverse,
			final float[] coords, final int[] labels, final float[] mask)
		{
			this.object = object;
			this.index = index;
			this.initial = initial;
			this.reverse = reverse;
			this.coords = coords;
			this.labels = labels;
			this.mask = mask;
		}

		boolean fromPrompt() {
			return labels != null || mask != null;
		}
	}

	private FrameResult runFrame(final int t, final boolean reverseIn) {
		boolean reverse = reverseIn;
		final List<TrackedObject> order = new ArrayList<>(objects.values());
		final StoredOutput[] outputs = new StoredOutput[order.size()];
		final int[] indices = new int[order.size()];
		final List<Job> jobs = new ArrayList<>();
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
			jobs.add(new Job(object, i, initial, reverse, coords, labels, mask));
			if (!initial) object.trackedFrames.set(t);
		}
		if (!jobs.isEmpty()) {
			final FrameFeatures f = features.get(t);
			runMaskPrompts(f, jobs);
			runDecoders(f, t, jobs);
			encodeMemories(f, jobs);
			for (final Job job : jobs) {
				(job.initial ? job.object.conditioning : job.object.tracked).put(t, job.output);
				outputs[job.index] = job.output;
				indices[job.index] = job.output.maskIndex;
				forgetUnreachable(job.object, t);
			}
		}
		final List<ObjectResult> results = new ArrayList<>();
		for (int i = 0; i < order.size(); i++) {
			// A copy: conditioning outputs are returned again later and must not change with what a listener does.
			results.add(new ObjectResult(order.get(i).id, outputs[i].lowRes.clone(), outputs[i].score, indices[i]));
		}
		for (final Job job : jobs) {
			if (!job.initial) job.output.lowRes = null; // a tracked frame's logits are never read again
		}
		return new FrameResult(t, frames.width(), frames.height(), c.lowResMaskSize(), results);
	}

	/** Mask prompts: the mask itself is the output; the decoder only draws the object pointer from it. */
	private void runMaskPrompts(final FrameFeatures f, final List<Job> jobs) {
		final List<Job> masked = jobs.stream().filter(j -> j.mask != null).toList();
		if (masked.isEmpty()) return;
		final int s = c.imageSize();
		final int l = c.lowResMaskSize();
		final int b = masked.size();
		final float[] masks = new float[b * s * s];
		for (int i = 0; i < b; i++) System.arraycopy(masked.get(i).mask, 0, masks, i * s * s, s * s);
		final float[][] prompt = model.maskPrompt(masks, b);
		final float[] presence = new float[b];
		for (int i = 0; i < b; i++) presence[i] = anyPositive(masked.get(i).mask) ? 1f : 0f;
		final DecoderOutput out = model.decode(f, new DecoderInput(b, 1, repeat(f.imageEmbed(), b), new float[2 * b],
			fill(b, -1), prompt[1], fill(b, 1f), new float[b], fill(b, 1f), presence));
		final int hd = c.hiddenDim();
		for (int i = 0; i < b; i++) {
			final Job job = masked.get(i);
			final float[] high = new float[s * s];
			for (int p = 0; p < high.length; p++) high[p] = job.mask[p] * c.maskPromptScale() + c.maskPromptBias();
			job.output = new StoredOutput(slice(prompt[0], i, l * l), high, slice(out.objectPointers(), i, hd),
				out.objectScores()[i], -1);
		}
	}

	/** Click and tracking frames: features (with memory when tracked), then the decoder, batched by point count. */
	private void runDecoders(final FrameFeatures f, final int t, final List<Job> jobs) {
		final List<Job> decoded = jobs.stream().filter(j -> j.mask == null).toList();
		if (decoded.isEmpty()) return;
		final int e = c.hiddenDim() * c.featureSize() * c.featureSize();
		final Map<Job, float[]> embeds = new LinkedHashMap<>();
		for (final Job job : decoded) {
			if (job.initial) embeds.put(job, f.imageEmbed());
		}
		final List<Job> remembering = decoded.stream().filter(j -> !j.initial).toList();
		final float[][] conditioned = memory.condition(model, f, t, remembering.stream().map(
			j -> new MemoryReader.Request(j.object, j.reverse)).toList());
		for (int i = 0; i < conditioned.length; i++) embeds.put(remembering.get(i), conditioned[i]);
		final Map<Integer, List<Job>> byPoints = new LinkedHashMap<>();
		for (final Job job : decoded) {
			byPoints.computeIfAbsent(job.labels == null ? 1 : job.labels.length, k -> new ArrayList<>()).add(job);
		}
		final int l = c.lowResMaskSize();
		final int s = c.imageSize();
		for (final Map.Entry<Integer, List<Job>> group : byPoints.entrySet()) {
			final int n = group.getKey();
			final List<Job> batch = group.getValue();
			final int b = batch.size();
			final float[] embed = new float[b * e];
			final float[] coords = new float[b * n * 2];
			final int[] labels = new int[b * n];
			final float[] noMemory = new float[b];
			final float[] multimask = new float[b];
			for (int i = 0; i < b; i++) {
				final Job job = batch.get(i);
				System.arraycopy(embeds.get(job), 0, embed, i * e, e);
				if (job.labels != null) {
					System.arraycopy(job.coords, 0, coords, i * n * 2, n * 2);
					System.arraycopy(job.labels, 0, labels, i * n, n);
				}
				else {
					labels[i * n] = -1; // no clicks: one point (0, 0) that is not a point
				}
				noMemory[i] = job.initial ? 1f : 0f;
				multimask[i] = useMultimask(job) ? 1f : 0f;
			}
			final DecoderOutput out = model.decode(f, new DecoderInput(b, n, embed, coords, labels, new float[b * l * l],
				new float[b], noMemory, multimask, fill(b, -1f)));
			for (int i = 0; i < b; i++) {
				final float[] low = slice(out.lowResMasks(), i, l * l);
				batch.get(i).output = new StoredOutput(low, Bilinear.resize(low, l, l, s, s), slice(out.objectPointers(),
					i, c.hiddenDim()), out.objectScores()[i], (int) out.maskIndex()[i]);
			}
		}
	}

	private boolean useMultimask(final Job job) {
		final int points = job.labels == null ? 0 : job.labels.length;
		return c.multimaskOutputInSam() && (job.initial || c.multimaskOutputForTracking()) &&
			c.multimaskMinPtNum() <= points && points <= c.multimaskMaxPtNum();
	}

	/** One memory-encoder call for every object that made a new output on this frame. */
	private void encodeMemories(final FrameFeatures f, final List<Job> jobs) {
		final int s = c.imageSize();
		final int b = jobs.size();
		final float[] high = new float[b * s * s];
		final float[] scores = new float[b];
		final boolean anyPrompt = c.binarizeMaskFromPointsForMemEnc() && jobs.stream().anyMatch(Job::fromPrompt);
		for (int i = 0; i < b; i++) {
			System.arraycopy(jobs.get(i).output.highRes, 0, high, i * s * s, s * s);
			scores[i] = jobs.get(i).output.score;
		}
		final float[] memory = model.encodeMemory(f, high, fill(b, anyPrompt ? 1f : 0f), scores);
		final int m = c.memoryDim() * c.featureSize() * c.featureSize();
		for (int i = 0; i < b; i++) {
			final short[] packed = new short[m];
			for (int p = 0; p < m; p++) packed[p] = StoredOutput.toBfloat16(memory[i * m + p]);
			jobs.get(i).output.memory = packed;
			jobs.get(i).output.highRes = null; // 4 MB per object at full size: not kept past this frame
		}
	}

	/**
	 * Drops tracked outputs that no later frame can use: those farther from the current frame, and from every
	 * conditioning frame of the object (where a later propagation may start), than memory and pointers reach.
	 */
	private void forgetUnreachable(final TrackedObject object, final int t) {
		final int reach = memory.reach();
		object.tracked.keySet().removeIf(u -> Math.abs(u - t) > reach &&
			object.conditioning.keySet().stream().allMatch(cf -> Math.abs(u - cf) > reach));
	}

	private void checkFrame(final int frame) {
		if (frame < 0 || frame >= frames.frameCount()) {
			throw new IllegalArgumentException("Frame " + (frame + 1) + " does not exist: the stack has " +
				frames.frameCount() + " frames (1 to " + frames.frameCount() + ").");
		}
	}

	// -- small array helpers

	static float[] slice(final float[] all, final int index, final int length) {
		final float[] out = new float[length];
		System.arraycopy(all, index * length, out, 0, length);
		return out;
	}

	private static float[] repeat(final float[] one, final int times) {
		final float[] out = new float[one.length * times];
		for (int i = 0; i < times; i++) System.arraycopy(one, 0, out, i * one.length, one.length);
		return out;
	}

	private static float[] fill(final int n, final float value) {
		final float[] out = new float[n];
		java.util.Arrays.fill(out, value);
		return out;
	}

	private static int[] fill(final int n, final int value) {
		final int[] out = new int[n];
		java.util.Arrays.fill(out, value);
		return out;
	}

	private static boolean anyPositive(final float[] mask) {
		for (final float v : mask) {
			if (v > 0) return true;
		}
		return false;
	}
}
