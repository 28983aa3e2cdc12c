package org.sam2tracker.track;

/**
 * Memory features kept as bfloat16, the precision the reference stores them in: half the bytes of float32, and
 * rounding them here is what makes later frames read the same values the reference reads.
 */
public final class Bfloat16 {

	private Bfloat16() {}

	/** Rounds float32 to the nearest bfloat16, ties to even; returns the upper 16 bits. */
	public static short round(final float value) {
		final int bits = Float.floatToRawIntBits(value);
		final int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
		return (short) (rounded >>> 16);
	}

	public static float toFloat(final short value) {
		return Float.intBitsToFloat((value & 0xFFFF) << 16);
	}

	/** The {@code index}-th block of {@code length} values, rounded. */
	static short[] roundSlice(final float[] all, final int index, final int length) {
		final short[] packed = new short[length];
		for (int p = 0; p < length; p++) packed[p] = round(all[index * length + p]);
		return packed;
	}

	/** Widens {@code packed} into {@code into} from {@code offset} on. */
	static void widenInto(final short[] packed, final float[] into, final int offset) {
		for (int p = 0; p < packed.length; p++) into[offset + p] = toFloat(packed[p]);
	}
}
