package org.sam2tracker.model;

/**
 * A flaw of ONNX Runtime's int8 matrix products on AMX: where the product has 17 to 31 columns past a multiple of
 * 32 (24, 56, 90, ...), the last columns come out wrong, by whole orders of magnitude. Measured with ONNX Runtime
 * 1.22 (Java) and 1.23 (Python) on a Xeon with AMX, u8 x s8 products of every width from 1 to 80 and depths 12 to
 * 112; AVX-512 VNNI CPUs give them right. SAM 2.1's own models have no such width (each of theirs is a multiple
 * of 32, or 16 past one), but a model that has one must not run int8 on AMX.
 */
public final class AmxColumnFlaw {

	private AmxColumnFlaw() {}

	/** Whether a product of this many columns falls on the flaw. */
	public static boolean hits(final long columns) {
		final long past = columns % 32;
		return past >= 17;
	}

	/** The first of these column counts that falls on the flaw, or -1 for none. */
	public static long firstHit(final long[] columns) {
		for (final long c : columns) {
			if (hits(c)) return c;
		}
		return -1;
	}
}
