package org.sam2tracker.track;

import java.util.List;

import org.sam2tracker.model.BundleConfig;

/**
 * One memory-encoder call for the outputs made on a frame: their full-resolution logits and scores side by side
 * along the batch axis, and the memory features handed back to each output in the same order, as bfloat16. It
 * runs no graph; whether the masks are binarized is the session's to say.
 */
final class MemoryEncoderBatch {

	final float[] masks;
	final float[] binarize;
	final float[] scores;
	private final List<StoredOutput> outputs;
	private final int memorySize;

	MemoryEncoderBatch(final BundleConfig c, final List<StoredOutput> outputs, final boolean binarize) {
		final int s = c.imageSize();
		final int b = outputs.size();
		this.outputs = outputs;
		this.memorySize = c.memoryDim() * c.featureSize() * c.featureSize();
		this.masks = FlatArrays.concat(outputs.stream().map(o -> o.highRes).toList(), s * s);
		this.binarize = FlatArrays.fill(b, binarize ? 1f : 0f);
		this.scores = new float[b];
		for (int i = 0; i < b; i++) scores[i] = outputs.get(i).score;
	}

	/** Keeps each output's memory features and lets go of its full-resolution logits. */
	void store(final float[] memory) {
		for (int i = 0; i < outputs.size(); i++) {
			final StoredOutput output = outputs.get(i);
			output.memory = Bfloat16.roundSlice(memory, i, memorySize);
			output.highRes = null; // 4 MB per object at full size: not kept past this frame
		}
	}
}
