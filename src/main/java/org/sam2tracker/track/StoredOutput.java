package org.sam2tracker.track;

/**
 * What an object keeps of one frame for later frames: its logits, object pointer and score, and its memory
 * features, rounded to bfloat16 (as the reference stores them, see {@link Bfloat16}) and kept as 16-bit values.
 */
final class StoredOutput {

	float[] lowRes; // kept for conditioning outputs, which later frames return as they are
	float[] highRes; // S x S logits, needed only until the memory is encoded
	final float[] pointer;
	final float score;
	final int maskIndex;
	short[] memory;

	StoredOutput(final float[] lowRes, final float[] highRes, final float[] pointer, final float score,
		final int maskIndex)
	{
		this.lowRes = lowRes;
		this.highRes = highRes;
		this.pointer = pointer;
		this.score = score;
		this.maskIndex = maskIndex;
	}

	long bytes() {
		return 4L * ((lowRes == null ? 0 : lowRes.length) + pointer.length + (highRes == null ? 0 : highRes.length)) +
			2L * (memory == null ? 0 : memory.length);
	}
}
