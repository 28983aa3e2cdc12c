package org.sam2tracker.track;

/**
 * What an object keeps of one frame for later frames: its logits, object pointer and score, and its memory
 * features, rounded to bfloat16 (as the reference stores them) and kept as 16-bit values.
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

	/** Rounds float32 to the nearest bfloat16, ties to even; returns the upper 16 bits. */
	static short toBfloat16(final float value) {
		final int bits = Float.floatToRawIntBits(value);
		final int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
		return (short) (rounded >>> 16);
	}

	static float fromBfloat16(final short value) {
		return Float.intBitsToFloat((value & 0xFFFF) << 16);
	}
}
