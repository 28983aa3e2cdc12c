package org.sam2tracker.model;

import java.util.Arrays;

/**
 * What of SAM 2.1's Hiera image encoder its weights do not tell: the attention heads and the window size of each
 * of its stages, and the blocks that attend globally (the {@code image_encoder} entry of a manifest's config,
 * models/README.md). Widths, block counts and stage changes are read from the weights themselves.
 *
 * @param headsPerStage attention heads in each stage
 * @param windowPerStage the side in tokens of the square windows each stage attends within
 * @param globalBlocks the blocks, counted over all stages from 0, that attend over the whole image instead
 */
public record HieraLayout(int[] headsPerStage, int[] windowPerStage, int[] globalBlocks) {

	public HieraLayout {
		if (headsPerStage.length == 0 || headsPerStage.length != windowPerStage.length) {
			throw new IllegalArgumentException("a Hiera layout needs as many window sizes as stages");
		}
		headsPerStage = headsPerStage.clone();
		windowPerStage = windowPerStage.clone();
		globalBlocks = globalBlocks.clone();
	}

	public int stages() {
		return headsPerStage.length;
	}

	public boolean isGlobal(final int block) {
		return Arrays.stream(globalBlocks).anyMatch(b -> b == block);
	}

	@Override
	public int[] headsPerStage() {
		return headsPerStage.clone();
	}

	@Override
	public int[] windowPerStage() {
		return windowPerStage.clone();
	}

	@Override
	public int[] globalBlocks() {
		return globalBlocks.clone();
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof HieraLayout h && Arrays.equals(headsPerStage, h.headsPerStage) && Arrays.equals(
			windowPerStage, h.windowPerStage) && Arrays.equals(globalBlocks, h.globalBlocks);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(headsPerStage) * 31 * 31 + Arrays.hashCode(windowPerStage) * 31 + Arrays.hashCode(
			globalBlocks);
	}

	@Override
	public String toString() {
		return "HieraLayout[heads " + Arrays.toString(headsPerStage) + ", windows " + Arrays.toString(windowPerStage) +
			", global " + Arrays.toString(globalBlocks) + "]";
	}
}
