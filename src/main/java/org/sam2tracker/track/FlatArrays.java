package org.sam2tracker.track;

import java.util.Arrays;
import java.util.List;

/**
 * The graphs take a batch as one flat array with the objects side by side (C order, batch axis first); these
 * put per-object arrays into such an array and take them out again.
 */
final class FlatArrays {

	private FlatArrays() {}

	/** The {@code index}-th block of {@code length} values. */
	static float[] slice(final float[] all, final int index, final int length) {
		final float[] out = new float[length];
		System.arraycopy(all, index * length, out, 0, length);
		return out;
	}

	/** The first {@code length} values of each part, one block after the other. */
	static float[] concat(final List<float[]> parts, final int length) {
		final float[] out = new float[parts.size() * length];
		for (int i = 0; i < parts.size(); i++) System.arraycopy(parts.get(i), 0, out, i * length, length);
		return out;
	}

	static float[] repeat(final float[] one, final int times) {
		final float[] out = new float[one.length * times];
		for (int i = 0; i < times; i++) System.arraycopy(one, 0, out, i * one.length, one.length);
		return out;
	}

	static float[] fill(final int n, final float value) {
		final float[] out = new float[n];
		Arrays.fill(out, value);
		return out;
	}

	static int[] fill(final int n, final int value) {
		final int[] out = new int[n];
		Arrays.fill(out, value);
		return out;
	}

	static boolean anyPositive(final float[] values) {
		for (final float v : values) {
			if (v > 0) return true;
		}
		return false;
	}
}
