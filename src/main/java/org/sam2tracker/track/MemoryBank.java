package org.sam2tracker.track;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sam2tracker.model.BundleConfig;
import org.sam2tracker.model.FrameFeatures;
import org.sam2tracker.model.Sam2Model;

/**
 * Each object's memory: which of its kept outputs a frame reads (its memory frames with their temporal codes,
 * its object pointers with their signed distances) and which it may forget. Both live here because they are
 * one policy: an output is forgotten only when it lies beyond the reach that reading uses, from the current
 * frame and from every conditioning frame, so a change to what is read must change what is kept with it.
 * Memory attention runs batched over the objects whose memories have the same shape.
 */
final class MemoryBank {

	/** One object to condition, and the direction it is tracked in. */
	record Request(TrackedObject object, boolean reverse) {}

	/** An object's memory for one frame, in the order the reference concatenates it. */
	static final class Memory {

		final List<short[]> frames = new ArrayList<>();
		final List<Long> tpos = new ArrayList<>();
		final List<float[]> pointers = new ArrayList<>();
		final List<Float> pointerTpos = new ArrayList<>();
	}

	private final BundleConfig c;
	private final int numFrames;
	private final int maxPointers;
	private final boolean forwardAfterFirstPrompt;

	/**
	 * @param forwardAfterFirstPrompt whether forward tracking reads only tracked outputs after the object's first
	 *        conditioning frame. The reference reads whatever is there, so a forward pass run after a backward one
	 *        reads the backward outputs; with this set, forward frames come out as when forward runs first,
	 *        whatever the order, which interactive tracking needs so that propagations never undo each other.
	 */
	MemoryBank(final BundleConfig c, final int numFrames, final boolean forwardAfterFirstPrompt) {
		this.c = c;
		this.numFrames = numFrames;
		this.maxPointers = Math.min(numFrames, c.maxObjectPointers());
		this.forwardAfterFirstPrompt = forwardAfterFirstPrompt;
	}

	// -- keeping and forgetting

	/**
	 * Keeps the object's new output on frame t, as a conditioning or a tracked output, then forgets the tracked
	 * outputs that no later frame can read.
	 */
	void keep(final TrackedObject object, final int t, final StoredOutput output, final boolean conditioning) {
		(conditioning ? object.conditioning : object.tracked).put(t, output);
		forgetUnreachable(object, t);
	}

	/** How many frames away a tracked output can still be read, as a memory frame or as a pointer. */
	int reach() {
		return Math.max(c.numMaskmem() - 1, maxPointers - 1);
	}

	/**
	 * Drops tracked outputs that no later frame can use: those farther from the current frame, and from every
	 * conditioning frame of the object (where a later propagation may start), than memory and pointers reach.
	 */
	private void forgetUnreachable(final TrackedObject object, final int t) {
		final int reach = reach();
		object.tracked.keySet().removeIf(u -> Math.abs(u - t) > reach &&
			object.conditioning.keySet().stream().allMatch(cf -> Math.abs(u - cf) > reach));
	}

	// -- reading

	Memory gather(final TrackedObject object, final int t, final boolean reverse) {
		final Memory m = new Memory();
		final int lowest = !reverse && forwardAfterFirstPrompt ? object.conditioning.keySet().stream().mapToInt(
			Integer::intValue).min().orElse(-1) + 1 : 0;
		for (final StoredOutput out : object.conditioning.values()) {
			m.frames.add(out.memory);
			m.tpos.add((long) c.numMaskmem() - 1);
		}
		for (int offset = c.numMaskmem() - 1; offset >= 1; offset--) {
			final int u = reverse ? t + offset : t - offset;
			final StoredOutput out = u < lowest ? null : object.tracked.get(u);
			if (out != null) {
				m.frames.add(out.memory);
				m.tpos.add((long) offset - 1);
			}
		}
		final float divisor = maxPointers - 1;
		for (final Map.Entry<Integer, StoredOutput> e : object.conditioning.entrySet()) {
			final int u = e.getKey();
			if (reverse ? u >= t : u <= t) {
				m.pointers.add(e.getValue().pointer);
				m.pointerTpos.add((reverse ? u - t : t - u) / divisor);
			}
		}
		for (int offset = 1; offset < maxPointers; offset++) {
			final int u = reverse ? t + offset : t - offset;
			if (u < 0 || u >= numFrames) break;
			final StoredOutput out = u < lowest ? null : object.tracked.get(u);
			if (out != null) {
				m.pointers.add(out.pointer);
				m.pointerTpos.add(offset / divisor);
			}
		}
		return m;
	}

	/**
	 * Attention scores one memory-attention call may hold, where the device takes several objects per call (the
	 * GPU). Each object's image tokens attend to all of its memory tokens: (h*h) x (F*h*h + P*C/D) floats, about
	 * 470 MB for SAM 2.1 with 7 memory frames. All objects in one call would grow with the object count (9 GB for
	 * 20 objects) and the runtime keeps its peak.
	 */
	static final long SCORES_PER_CALL_BYTES = 1L << 28;

	/**
	 * How many objects with F memory frames and P pointers go through memory attention in one call: no more than
	 * the device takes ({@link Sam2Model#objectsPerCall()}), and no more than fit the scores budget. On the CPU
	 * that is one, as one object already fills the cores: with 10 objects, 7 memory frames and 2 cores, one per
	 * call took 16.1 s per frame at 1024 pixels against 33 s with all at once (before the fused attention); with
	 * it 11.8 s against 12.3 s and 2.6 GB less (2026-12-02); at 512 pixels 1.66 to 1.71 s against 1.87 s for nine
	 * per call, with a peak 0.37 to 0.43 GB lower (2026-12-03).
	 */
	int objectsPerCall(final int deviceObjects, final int frames, final int pointers) {
		final long tokens = (long) c.featureSize() * c.featureSize();
		final long memoryTokens = frames * tokens + (long) pointers * (c.hiddenDim() / c.memoryDim());
		final long fit = Math.max(1, SCORES_PER_CALL_BYTES / (Float.BYTES * tokens * memoryTokens));
		return (int) Math.min(deviceObjects, fit);
	}

	/** The conditioned features [C, h, h] of each requested object on frame t, in the order of the requests. */
	float[][] condition(final Sam2Model model, final FrameFeatures f, final int t, final List<Request> requests) {
		final Memory[] memories = new Memory[requests.size()];
		final Map<List<Integer>, List<Integer>> byShape = new LinkedHashMap<>();
		for (int i = 0; i < requests.size(); i++) {
			memories[i] = gather(requests.get(i).object(), t, requests.get(i).reverse());
			byShape.computeIfAbsent(List.of(memories[i].frames.size(), memories[i].pointers.size()),
				k -> new ArrayList<>()).add(i);
		}
		final List<List<Integer>> calls = new ArrayList<>();
		for (final Map.Entry<List<Integer>, List<Integer>> group : byShape.entrySet()) {
			final List<Integer> all = group.getValue();
			calls.addAll(CallBatches.of(all,
				objectsPerCall(model.objectsPerCall(), group.getKey().get(0), group.getKey().get(1))));
		}
		final float[][] out = new float[requests.size()][];
		for (final List<Integer> batch : calls) {
			final AttentionBatch call = new AttentionBatch(c, batch.stream().map(i -> memories[i]).toList());
			final float[][] conditioned = call.split(model.attend(f, call.objects, call.frames, call.pointers,
				call.memory, call.tpos, call.pointerValues, call.pointerTpos));
			for (int i = 0; i < batch.size(); i++) out[batch.get(i)] = conditioned[i];
		}
		return out;
	}
}
