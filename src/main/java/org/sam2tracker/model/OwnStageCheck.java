package org.sam2tracker.model;

import java.util.Random;

/**
 * One call of a stage the engine computes itself (the memory attention, the image encoder) against the model's
 * own graph for it, on seeded inputs, before the engine's takes the graph's place: a model whose stage is not
 * SAM 2.1's as the engine computes it then runs that stage exact, saying so, rather than wrong. The graph's side
 * runs first, so that a caller may free the graph before the engine's side runs.
 */
final class OwnStageCheck {

	/**
	 * The largest relative RMS difference allowed; bfloat16's rounding makes 0.2 to 0.6% in the memory attention
	 * and up to 0.9% in the image encoder's outputs.
	 */
	static final double TOLERANCE = 0.02;

	/** The graph's memory attention for one object with one memory frame and one pointer. */
	@FunctionalInterface
	interface Graph {

		float[] attend(float[] imageEmbed, float[] memory, long[] memoryTpos, float[] pointer, float[] pointerTpos);
	}

	private OwnStageCheck() {}

	/**
	 * The seeded pixels the image encoders are checked on: the graph's outputs for them first, then the engine's,
	 * compared by {@link #error(float[][], float[][])}.
	 */
	static float[] pixels(final BundleConfig c) {
		return gaussian(new Random(2), 3 * c.imageSize() * c.imageSize());
	}

	/** The largest relative RMS difference of an encoder's outputs from the graph's. */
	static double error(final float[][] ours, final float[][] theirs) {
		double worst = 0;
		for (int i = 0; i < theirs.length; i++) worst = Math.max(worst, relativeError(ours[i], theirs[i]));
		return worst;
	}

	/** The relative RMS difference of {@code own} from {@code graph} on the seeded inputs. */
	static double error(final OneDnnMemoryAttention own, final BundleConfig c, final Graph graph) {
		final int hw = c.featureSize() * c.featureSize();
		final Random random = new Random(1);
		final float[] embed = gaussian(random, c.hiddenDim() * hw);
		final float[] memory = gaussian(random, c.memoryDim() * hw);
		final long[] tpos = { c.numMaskmem() - 1 };
		final float[] pointer = gaussian(random, c.hiddenDim());
		final float[] pointerTpos = { 0 };
		final float[] theirs = graph.attend(embed, memory, tpos, pointer, pointerTpos);
		return relativeError(own.attend(embed, 1, memory, tpos, 1, pointer, pointerTpos), theirs);
	}

	/** The relative RMS difference of {@code ours} from {@code theirs}. */
	static double relativeError(final float[] ours, final float[] theirs) {
		double diff = 0;
		double norm = 0;
		for (int i = 0; i < theirs.length; i++) {
			diff += (ours[i] - theirs[i]) * (double) (ours[i] - theirs[i]);
			norm += theirs[i] * (double) theirs[i];
		}
		if (norm == 0) return diff == 0 ? 0 : Double.POSITIVE_INFINITY;
		return Math.sqrt(diff / norm);
	}

	/** {@code n} values of a standard normal distribution from {@code random}. */
	static float[] gaussian(final Random random, final int n) {
		final float[] x = new float[n];
		for (int i = 0; i < n; i++) x[i] = (float) random.nextGaussian();
		return x;
	}
}
