package org.sam2tracker.track;

import java.util.List;

import org.sam2tracker.model.BundleConfig;

/**
 * One memory-attention call for objects whose memories have the same shape: their memory frames (widened from
 * bfloat16), temporal codes, pointers and pointer distances side by side along the batch axis, in the order
 * given, and the conditioned features handed back in that order. It runs no graph.
 */
final class AttentionBatch {

	final int objects;
	final int frames;
	final int pointers;
	final float[] memory;
	final long[] tpos;
	final float[] pointerValues;
	final float[] pointerTpos;
	private final int embedSize;

	AttentionBatch(final BundleConfig c, final List<MemoryBank.Memory> memories) {
		final int m = c.memoryDim() * c.featureSize() * c.featureSize();
		final int hd = c.hiddenDim();
		this.embedSize = hd * c.featureSize() * c.featureSize();
		final MemoryBank.Memory first = memories.get(0);
		this.objects = memories.size();
		this.frames = first.frames.size();
		this.pointers = first.pointers.size();
		final int b = objects;
		this.memory = new float[b * frames * m];
		this.tpos = new long[b * frames];
		this.pointerValues = new float[b * pointers * hd];
		this.pointerTpos = new float[b * pointers];
		for (int i = 0; i < b; i++) {
			final MemoryBank.Memory mem = memories.get(i);
			for (int k = 0; k < frames; k++) {
				Bfloat16.widenInto(mem.frames.get(k), memory, (i * frames + k) * m);
				tpos[i * frames + k] = mem.tpos.get(k);
			}
			for (int k = 0; k < pointers; k++) {
				System.arraycopy(mem.pointers.get(k), 0, pointerValues, (i * pointers + k) * hd, hd);
				pointerTpos[i * pointers + k] = mem.pointerTpos.get(k);
			}
		}
	}

	/** Each object's conditioned features [C, h, h], from the call's output. */
	float[][] split(final float[] conditioned) {
		final float[][] out = new float[objects][];
		for (int i = 0; i < objects; i++) out[i] = FlatArrays.slice(conditioned, i, embedSize);
		return out;
	}
}
