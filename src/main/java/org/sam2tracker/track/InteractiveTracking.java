package org.sam2tracker.track;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.track.ObjectTrack.Entry;
import org.sam2tracker.track.ObjectTrack.Origin;

/**
 * SAM 2 as an interactive loop: a prompt shows its object's mask at once, propagation tracks the objects through
 * the stack, a prompt on a tracked frame corrects it there, and the next propagation recomputes only what a change
 * can alter. The rules (docs/INTERACTIVE.md):
 * <ul>
 * <li>Each object is its own SAM 2 run; objects share the image features, never their memories, so a prompt
 * changes only its own object.</li>
 * <li>Forward propagation runs the frames after an object's first prompted frame, backward the frames before it,
 * as {@link TrackingSession#propagate} does.</li>
 * <li>A frame's result is current while every output it could read is unchanged: the object's conditioning
 * frames and its tracked outputs within the memory's reach on the side it was tracked from. A new conditioning
 * prompt therefore makes all the object's tracked frames stale; a correction, only the frames beyond it in the
 * direction of propagation (and those beyond them in turn).</li>
 * <li>Outputs the memory bound has dropped are made again, from the nearest kept frame, when a frame that reads
 * them must run; being current, they come out the same.</li>
 * </ul>
 * A propagation therefore gives what the same prompts, corrections and propagations give with every frame
 * recomputed ({@code incremental = false}, kept to prove it). One thread drives a session; {@link #result} and
 * {@link #objectIds} may be read from any other (an image window showing masks while a propagation runs).
 */
public final class InteractiveTracking implements AutoCloseable {

	/** Undo steps kept: each holds its objects' outputs of that moment (shared while unchanged). */
	public static final int UNDO_STEPS = 50;

	private final Sam2Model model;
	private final FrameSource frames;
	private final FeatureCache features;
	private final boolean incremental;
	private final Map<Integer, ObjectTrack> objects = new LinkedHashMap<>();
	private final Deque<ObjectTrack.Snapshot> undo = new ArrayDeque<>();
	private final Deque<ObjectTrack.Snapshot> redo = new ArrayDeque<>();
	private long versions;
	private long created;
	/** Each object's results and the objects' order, as other threads may read them while this one works. */
	private final Map<Integer, Map<Integer, ObjectResult>> shown = new ConcurrentHashMap<>();
	private volatile List<Integer> order = List.of();
	/** Encodes frames ahead of the user, one at a time, newest wish first. */
	private final ThreadPoolExecutor encoding = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
		new LinkedBlockingQueue<>(), r -> {
			final Thread t = new Thread(r, "SAM 2 frame encoding");
			t.setDaemon(true);
			return t;
		});
	private int framesRun;

	/**
	 * @param featureCacheFrames image features kept in memory: frames whose features are kept are never encoded
	 *        again, so as many as fit make corrections cheapest
	 */
	public InteractiveTracking(final Sam2Model model, final FrameSource frames, final int featureCacheFrames) {
		this(model, frames, featureCacheFrames, FeatureStore.NONE);
	}

	/** A session whose frames' features are looked for in the store first, and kept there once made. */
	public InteractiveTracking(final Sam2Model model, final FrameSource frames, final int featureCacheFrames,
		final FeatureStore store)
	{
		this(model, frames, featureCacheFrames, store, true);
	}

	InteractiveTracking(final Sam2Model model, final FrameSource frames, final int featureCacheFrames,
		final boolean incremental)
	{
		this(model, frames, featureCacheFrames, FeatureStore.NONE, incremental);
	}

	private InteractiveTracking(final Sam2Model model, final FrameSource frames, final int featureCacheFrames,
		final FeatureStore store, final boolean incremental)
	{
		this.model = model;
		this.frames = frames;
		this.features = TrackingSession.featureCache(model, frames, featureCacheFrames, store);
		this.incremental = incremental;
	}

	// -- image features ahead of time

	/**
	 * Encodes the frame the user has come to, then the frames around it, nearest first, in the background; what
	 * was asked for earlier and not yet started is dropped. The features are kept as the cache's size allows.
	 */
	public void prefetch(final int frame, final int around) {
		encoding.getQueue().clear();
		for (int d = 0; d <= around; d++) {
			for (final int t : d == 0 ? new int[] { frame } : new int[] { frame + d, frame - d }) {
				if (t < 0 || t >= frames.frameCount() || features.known(t)) continue;
				encoding.execute(() -> features.get(t));
			}
		}
	}

	/** Whether a frame's image features are ready: a prompt there shows its mask with no encoding. */
	public boolean ready(final int frame) {
		return features.ready(frame);
	}

	/**
	 * Stops the background encoding, waiting for a frame being encoded to finish (so that the model may be closed
	 * next); the session's results stay readable.
	 */
	@Override
	public void close() {
		encoding.shutdownNow();
		try {
			encoding.awaitTermination(10, TimeUnit.MINUTES);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	// -- prompts

	/**
	 * Gives an object its prompt on a frame (replacing the one it had there) and returns its result there at
	 * once. On a frame the object was tracked on this is a correction, read from its memory; elsewhere it is a
	 * conditioning frame.
	 */
	public ObjectResult prompt(final int frame, final int objectId, final Prompt prompt) {
		final ObjectTrack o = objects.computeIfAbsent(objectId, this::newTrack);
		remember(o);
		final boolean correction = o.session.tracked(objectId, frame) && !o.isConditioning(frame);
		if (!correction) return condition(o, frame, prompt);
		final int first = o.firstPrompt();
		final boolean reverse = first >= 0 && frame < first;
		catchUp(o, frame, reverse);
		ensureMemory(o, frame, reverse);
		final ObjectResult result = o.session.addPrompt(frame, objectId, prompt, reverse).objects().get(0);
		o.corrections.put(frame, prompt);
		final List<Long> read = reads(o, frame, reverse);
		framesRun++;
		put(o, frame, new Entry(result, Origin.CORRECTION, ++versions, read));
		return result;
	}

	/** A prompt on a frame the object was never tracked on: a conditioning frame, from the image features alone. */
	private ObjectResult condition(final ObjectTrack o, final int frame, final Prompt prompt) {
		final ObjectResult result = o.session.addPrompt(frame, o.id, prompt).objects().get(0);
		o.prompts.put(frame, prompt);
		framesRun++;
		put(o, frame, new Entry(result, Origin.PROMPT, ++versions, List.of()));
		return result;
	}

	/**
	 * Gives a new object the prompts and corrections a session had (from {@link #prompts} and
	 * {@link #corrections} of that session, or a file saved from them), as one undoable step: the prompts run at
	 * once, the corrections when a propagation reaches their frames. Since a current result is what a propagation
	 * from the prompts and corrections gives, a propagation both ways then gives the results the session had.
	 *
	 * @throws IllegalStateException when the object already exists here
	 */
	public void restore(final int objectId, final Map<Integer, Prompt> prompts, final Map<Integer, Prompt> corrections) {
		if (objects.containsKey(objectId)) throw new IllegalStateException("object " + objectId + " already exists");
		if (prompts.isEmpty()) throw new IllegalArgumentException("object " + objectId + " has no prompt to start from");
		for (final int frame : corrections.keySet()) {
			if (prompts.containsKey(frame)) throw new IllegalArgumentException("object " + objectId + " has a prompt " +
				"and a correction on frame " + frame + "; a frame has one or the other");
		}
		final ObjectTrack o = newTrack(objectId);
		remember(o);
		objects.put(objectId, o);
		new java.util.TreeMap<>(prompts).forEach((frame, prompt) -> condition(o, frame, prompt));
		o.corrections.putAll(corrections);
		corrections.keySet().forEach(frame -> o.session.markTracked(objectId, frame));
	}

	/** The object's conditioning prompts by frame, as last given (empty for an unknown object). */
	public Map<Integer, Prompt> prompts(final int objectId) {
		final ObjectTrack o = objects.get(objectId);
		return o == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(o.prompts));
	}

	/** The object's corrections by frame: prompts given on frames it had been tracked on. */
	public Map<Integer, Prompt> corrections(final int objectId) {
		final ObjectTrack o = objects.get(objectId);
		return o == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(o.corrections));
	}

	/** Removes an object, and with it every output it keeps (undone by {@link #undo}). */
	public void delete(final int objectId) {
		final ObjectTrack o = objects.get(objectId);
		if (o == null) return;
		remember(o);
		o.session.remove(objectId);
		objects.remove(objectId);
		publishAll();
	}

	// -- undo

	/** Puts back the object that the latest prompt or deletion changed, as it was; false when nothing to undo. */
	public boolean undo() {
		return step(undo, redo);
	}

	/** Does again what {@link #undo} took back; false when nothing to redo. */
	public boolean redo() {
		return step(redo, undo);
	}

	private boolean step(final Deque<ObjectTrack.Snapshot> from, final Deque<ObjectTrack.Snapshot> to) {
		final ObjectTrack.Snapshot s = from.pollFirst();
		if (s == null) return false;
		to.addFirst(current(s.id()));
		apply(s);
		return true;
	}

	private void remember(final ObjectTrack o) {
		undo.addFirst(o.snapshot());
		while (undo.size() > UNDO_STEPS) undo.removeLast();
		redo.clear();
	}

	/** The state of an object now; an absent object's is empty. */
	private ObjectTrack.Snapshot current(final int id) {
		final ObjectTrack o = objects.get(id);
		return o != null ? o.snapshot() : ObjectTrack.Snapshot.absent(id);
	}

	private void apply(final ObjectTrack.Snapshot s) {
		if (s.entries().isEmpty() && s.prompts().isEmpty()) {
			final ObjectTrack o = objects.remove(s.id());
			if (o != null) o.session.remove(s.id());
			publishAll();
			return;
		}
		final ObjectTrack o = objects.computeIfAbsent(s.id(), id -> new ObjectTrack(id, newSession(), s.created()));
		o.restore(s);
		// Back in the order the objects were first prompted, as the label image numbers them.
		final List<ObjectTrack> all = new ArrayList<>(objects.values());
		all.sort(java.util.Comparator.comparingLong(t -> t.created));
		objects.clear();
		all.forEach(t -> objects.put(t.id, t));
		publishAll();
	}

	// -- what other threads may read

	/** Records a frame's result, and shows it to readers on other threads. */
	private void put(final ObjectTrack o, final int frame, final Entry e) {
		o.entries.put(frame, e);
		shown.computeIfAbsent(o.id, id -> new ConcurrentHashMap<>()).put(frame, e.result());
		if (!order.contains(o.id)) publishAll();
	}

	/** Shows every object's results as they are now, after an undo, a redo or a deletion. */
	private void publishAll() {
		for (final ObjectTrack o : objects.values()) {
			final Map<Integer, ObjectResult> results = new ConcurrentHashMap<>();
			o.entries.forEach((t, e) -> results.put(t, e.result()));
			shown.put(o.id, results);
		}
		shown.keySet().retainAll(objects.keySet());
		order = List.copyOf(objects.keySet());
	}

	private ObjectTrack newTrack(final int id) {
		return new ObjectTrack(id, newSession(), ++created);
	}

	/** One object's session: its own memory, the shared features. */
	private TrackingSession newSession() {
		return new TrackingSession(model, frames, features, true);
	}

	// -- propagation

	/**
	 * Propagates the given objects (all when null) in the direction, frame by frame across objects, handing each
	 * newly computed result to the listener (a one-object {@link FrameResult}). Frames whose results are current
	 * are not run. Returns false when cancelled between frames; what was handed out until then stays valid.
	 */
	public boolean propagate(final Direction direction, final Set<Integer> only, final Consumer<FrameResult> listener,
		final BooleanSupplier cancelled)
	{
		final List<ObjectTrack> chosen = objects.values().stream().filter(o -> only == null || only.contains(o.id))
			.filter(o -> o.firstPrompt() >= 0).toList();
		final int n = frames.frameCount();
		if (direction != Direction.BACKWARD) {
			for (int t = 0; t < n; t++) {
				if (cancelled.getAsBoolean()) return false;
				for (final ObjectTrack o : chosen) {
					if (t > o.firstPrompt()) runIfStale(o, t, false, listener);
				}
			}
		}
		if (direction != Direction.FORWARD) {
			for (int t = n - 1; t >= 0; t--) {
				if (cancelled.getAsBoolean()) return false;
				for (final ObjectTrack o : chosen) {
					if (t < o.firstPrompt()) runIfStale(o, t, true, listener);
				}
			}
		}
		return true;
	}

	private void runIfStale(final ObjectTrack o, final int t, final boolean reverse,
		final Consumer<FrameResult> listener)
	{
		if (o.isConditioning(t)) return; // a prompt's own result: it reads no memory
		if (incremental && readsWhatItRead(o, t)) return;
		ensureMemory(o, t, reverse);
		final ObjectResult r = runOne(o, t, reverse);
		put(o, t, new Entry(r, origin(o, t, reverse), ++versions, reads(o, t, reverse)));
		listener.accept(new FrameResult(t, frames.width(), frames.height(), model.config().lowResMaskSize(), List
			.of(r)));
	}

	/**
	 * Brings the frames a correction on t reads up to date first (those between the first prompt and t), so that
	 * it reads what a propagation reaching t would.
	 */
	private void catchUp(final ObjectTrack o, final int t, final boolean reverse) {
		final int first = o.firstPrompt();
		if (reverse) {
			for (int u = first - 1; u > t; u--) runIfStale(o, u, true, r -> {});
		}
		else {
			for (int u = first + 1; u < t; u++) runIfStale(o, u, false, r -> {});
		}
	}

	/** Runs one object on a frame; a correction there is given again, as a propagation reaching it does. */
	private ObjectResult runOne(final ObjectTrack o, final int t, final boolean reverse) {
		final Prompt correction = o.corrections.get(t);
		if (correction != null) o.session.correct(t, o.id, correction);
		framesRun++;
		return o.session.run(t, reverse).objects().get(0);
	}

	private static Origin origin(final ObjectTrack o, final int t, final boolean reverse) {
		if (o.corrections.containsKey(t)) return Origin.CORRECTION;
		return reverse ? Origin.BACKWARD : Origin.FORWARD;
	}

	// -- what a frame reads

	/** Whether the object's result on the frame was made, from the outputs that are there now. */
	private boolean readsWhatItRead(final ObjectTrack o, final int t) {
		final Entry e = o.entries.get(t);
		if (e == null) return false;
		if (e.origin() == Origin.PROMPT) return true;
		return e.read().equals(reads(o, t, e.read().get(0) == 1));
	}

	/**
	 * Whether the object's result on the frame is current: it reads what it read, and so does every output it
	 * reads, down to the prompts. Forward frames read earlier forward frames; backward frames read later frames of
	 * either side; so the forward side is settled first, from its start up, then the backward side from its top.
	 */
	private boolean isCurrent(final ObjectTrack o, final int t) {
		return currentFrames(o).get(t);
	}

	private java.util.BitSet currentFrames(final ObjectTrack o) {
		final java.util.BitSet current = new java.util.BitSet();
		final int first = o.firstPrompt();
		if (first < 0) return current;
		final int reach = o.session.memoryReach();
		final int n = frames.frameCount();
		for (int u = first; u < n; u++) settle(o, u, current, reach, false);
		for (int u = first - 1; u >= 0; u--) settle(o, u, current, reach, true);
		return current;
	}

	private void settle(final ObjectTrack o, final int u, final java.util.BitSet current, final int reach,
		final boolean reverse)
	{
		final Entry e = o.entries.get(u);
		if (e == null || !readsWhatItRead(o, u)) return;
		if (e.origin() != Origin.PROMPT) {
			final List<Long> read = e.read();
			for (int i = 1 + 2 * o.prompts.size(); i < read.size(); i += 2) {
				if (!current.get((int) (long) read.get(i))) return;
			}
		}
		current.set(u);
	}

	/**
	 * The versions of every output frame t could read when run in the direction: all conditioning frames, and the
	 * tracked outputs within the memory's reach on the side it is tracked from (forward frames only those after
	 * the first prompt, see {@link MemoryBank}). First the direction.
	 */
	private List<Long> reads(final ObjectTrack o, final int t, final boolean reverse) {
		final List<Long> read = new ArrayList<>();
		read.add(reverse ? 1L : 0L);
		for (final int u : o.prompts.keySet()) {
			read.add((long) u);
			read.add(o.entries.get(u).version());
		}
		final int reach = o.session.memoryReach();
		final int lowest = reverse ? 0 : o.firstPrompt() + 1;
		for (int offset = 1; offset <= reach; offset++) {
			final int u = reverse ? t + offset : t - offset;
			final Entry e = u < lowest ? null : o.entries.get(u);
			if (e != null && e.origin() != Origin.PROMPT) {
				read.add((long) u);
				read.add(e.version());
			}
		}
		return read;
	}

	/**
	 * Makes again the outputs frame t reads that the memory bound dropped, each from its own memory, earliest
	 * first on the side it reads from; a current output comes out the same and keeps its version.
	 */
	private void ensureMemory(final ObjectTrack o, final int t, final boolean reverse) {
		final TreeSet<Integer> missing = new TreeSet<>();
		final Deque<int[]> todo = new ArrayDeque<>();
		todo.add(new int[] { t, reverse ? 1 : 0 });
		final int reach = o.session.memoryReach();
		final int first = o.firstPrompt();
		while (!todo.isEmpty()) {
			final int[] frame = todo.poll();
			for (int offset = 1; offset <= reach; offset++) {
				final int u = frame[1] == 1 ? frame[0] + offset : frame[0] - offset;
				final Entry e = frame[1] == 0 && u <= first ? null : o.entries.get(u);
				if (e == null || e.origin() == Origin.PROMPT || o.session.keeps(o.id, u) || !missing.add(u)) continue;
				todo.add(new int[] { u, (int) (long) e.read().get(0) });
			}
		}
		// Forward-read outputs from the earliest up, backward-read ones from the latest down.
		final List<Integer> order = new ArrayList<>();
		missing.stream().filter(u -> o.entries.get(u).read().get(0) == 0).forEach(order::add);
		missing.descendingSet().stream().filter(u -> o.entries.get(u).read().get(0) == 1).forEach(order::add);
		for (final int u : order) {
			final Entry e = o.entries.get(u);
			final boolean back = e.read().get(0) == 1;
			final boolean same = isCurrent(o, u);
			final ObjectResult again = runOne(o, u, back);
			// A stale output made again is a new one, and what reads it must run again too.
			put(o, u, same ? new Entry(again, e.origin(), e.version(), e.read()) : new Entry(again, e.origin(),
				++versions, reads(o, u, back)));
		}
	}

	// -- reading results

	/** The object's latest result on the frame, current or not; empty where it has none. */
	public Optional<ObjectResult> result(final int objectId, final int frame) {
		final Map<Integer, ObjectResult> results = shown.get(objectId);
		return results == null ? Optional.empty() : Optional.ofNullable(results.get(frame));
	}

	/** Whether the object's result on the frame is current (a propagation would not change it). */
	public boolean isCurrent(final int objectId, final int frame) {
		final ObjectTrack o = objects.get(objectId);
		return o != null && isCurrent(o, frame);
	}

	/** The frames on which the object's results are current, all at once (as cheap as one {@link #isCurrent}). */
	public java.util.BitSet currentFrames(final int objectId) {
		final ObjectTrack o = objects.get(objectId);
		return o == null ? new java.util.BitSet() : currentFrames(o);
	}

	/** The objects in the order they were first prompted. */
	public List<Integer> objectIds() {
		return order;
	}

	/** Object-frame runs since the session began (prompts, propagated frames and outputs made again). */
	public int framesRun() {
		return framesRun;
	}

	/** Bytes the object's kept outputs hold (0 once deleted). */
	public long retainedBytes(final int objectId) {
		final ObjectTrack o = objects.get(objectId);
		return o == null ? 0 : o.session.retainedBytes(objectId);
	}
}
