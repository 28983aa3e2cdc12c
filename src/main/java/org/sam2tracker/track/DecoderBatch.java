package org.sam2tracker.track;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.sam2tracker.model.BundleConfig;
import org.sam2tracker.model.DecoderInput;
import org.sam2tracker.model.DecoderOutput;

/**
 * The mask decoder's calls for a frame's jobs: their inputs side by side along the batch axis, in the order
 * given, and each call's outputs handed back to the jobs in that order. It runs no graph; which embedding a job
 * decodes and whether it asks for several masks are the session's to say.
 */
final class DecoderBatch {

	private DecoderBatch() {}

	// -- clicks and tracking

	/**
	 * The decoder takes one point count per call: the jobs grouped by it, groups in the order of their first job,
	 * jobs in their own order.
	 */
	static Collection<List<FrameJob>> byPointCount(final List<FrameJob> jobs) {
		final Map<Integer, List<FrameJob>> byPoints = new LinkedHashMap<>();
		for (final FrameJob job : jobs) byPoints.computeIfAbsent(job.decoderPoints(), k -> new ArrayList<>()).add(job);
		return byPoints.values();
	}

	/** Jobs with the same point count: each one's image embedding and clicks, no mask input. */
	static DecoderInput clicks(final BundleConfig c, final List<FrameJob> batch,
		final Function<FrameJob, float[]> embedOf, final Predicate<FrameJob> multimaskOf)
	{
		final int e = c.hiddenDim() * c.featureSize() * c.featureSize();
		final int l = c.lowResMaskSize();
		final int n = batch.get(0).decoderPoints();
		final int b = batch.size();
		final float[] embed = FlatArrays.concat(batch.stream().map(embedOf).toList(), e);
		final float[] coords = new float[b * n * 2];
		final int[] labels = new int[b * n];
		final float[] noMemory = new float[b];
		final float[] multimask = new float[b];
		for (int i = 0; i < b; i++) {
			final FrameJob job = batch.get(i);
			if (job.labels != null) {
				System.arraycopy(job.coords, 0, coords, i * n * 2, n * 2);
				System.arraycopy(job.labels, 0, labels, i * n, n);
			}
			else {
				labels[i * n] = -1; // no clicks: one point (0, 0) that is not a point
			}
			noMemory[i] = job.initial ? 1f : 0f;
			multimask[i] = multimaskOf.test(job) ? 1f : 0f;
		}
		return new DecoderInput(b, n, embed, coords, labels, new float[b * l * l], new float[b], noMemory, multimask,
			FlatArrays.fill(b, -1f));
	}

	/** Each job's output from its decoded masks: low resolution, and upsampled for the memory encoder. */
	static void readClicks(final BundleConfig c, final List<FrameJob> batch, final DecoderOutput out) {
		final int l = c.lowResMaskSize();
		final int s = c.imageSize();
		for (int i = 0; i < batch.size(); i++) {
			final float[] low = FlatArrays.slice(out.lowResMasks(), i, l * l);
			batch.get(i).output = new StoredOutput(low, Bilinear.resize(low, l, l, s, s), FlatArrays.slice(out
				.objectPointers(), i, c.hiddenDim()), out.objectScores()[i], (int) out.maskIndex()[i]);
		}
	}

	// -- mask prompts

	/** The jobs' masks [B, 1, S, S], for the mask-prompt graph. */
	static float[] masks(final BundleConfig c, final List<FrameJob> masked) {
		final int s = c.imageSize();
		return FlatArrays.concat(masked.stream().map(j -> j.mask).toList(), s * s);
	}

	/**
	 * The image embedding and each mask's dense prompt, no clicks; an object counts as present when its mask
	 * has any pixel.
	 */
	static DecoderInput maskPrompts(final float[] imageEmbed, final float[] maskInputs, final List<FrameJob> masked) {
		final int b = masked.size();
		final float[] presence = new float[b];
		for (int i = 0; i < b; i++) presence[i] = FlatArrays.anyPositive(masked.get(i).mask) ? 1f : 0f;
		return new DecoderInput(b, 1, FlatArrays.repeat(imageEmbed, b), new float[2 * b], FlatArrays.fill(b, -1),
			maskInputs, FlatArrays.fill(b, 1f), new float[b], FlatArrays.fill(b, 1f), presence);
	}

	/**
	 * Each job's output: the mask-prompt graph's low-resolution logits, the mask itself scaled to logits at full
	 * resolution, and the decoder's object pointer and score.
	 */
	static void readMaskPrompts(final BundleConfig c, final List<FrameJob> masked, final float[] lowRes,
		final DecoderOutput out)
	{
		final int s = c.imageSize();
		final int l = c.lowResMaskSize();
		final int hd = c.hiddenDim();
		for (int i = 0; i < masked.size(); i++) {
			final FrameJob job = masked.get(i);
			final float[] high = new float[s * s];
			for (int p = 0; p < high.length; p++) high[p] = job.mask[p] * c.maskPromptScale() + c.maskPromptBias();
			job.output = new StoredOutput(FlatArrays.slice(lowRes, i, l * l), high, FlatArrays.slice(out
				.objectPointers(), i, hd), out.objectScores()[i], -1);
		}
	}
}
