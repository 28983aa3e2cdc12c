package org.sam2tracker.track;

import java.util.Arrays;
import java.util.List;

/**
 * The graphs take a batch as one flat array with the objects side by side (C order, batch axis first); these
 * put per-object arrays into such an array and take them out again.
 *
 * <p>A batch of one is the object's own array: slice, concat and repeat then hand back the array they were given
 * instead of a copy (on the CPU every call is a batch of one, and those copies were a third of what tracking
 * allocated per frame). The arrays are read-only once made, so sharing them is safe.
 */
final class FlatArrays {

	private FlatArrays() {}

	/** The {@code index}-th block of {@code length} values. */
	static float[] slice(final float[] all, final int index, final int length) {
		if (index == 0 && all.length == length) return all;
		final float[] out = new float[length];
		System.arraycopy(all, index * length, out, 0, length);
		return out;
	}

	/** The first {@code length} values of each part, one block after the other. */
	static float[] concat(final List<float[]> parts, final int length) {
		if (parts.size() == 1 && parts.get(0).length == length) return parts.get(0);
		final float[] out = new float[parts.size() * length];
		for (int i = 0; i < parts.size(); i++) System.arraycopy(parts.get(i), 0, out, i * length, length);
		return out;
	}

	static float[] repeat(final float[] one, final int times) {
		if (times == 1) return one;
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
