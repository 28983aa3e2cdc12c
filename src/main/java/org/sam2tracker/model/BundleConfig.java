package org.sam2tracker.model;

/**
 * The numbers of a bundle's {@code config} that the engine uses. models/README.md explains each.
 * {@code imageEncoder} is null for a bundle whose manifest does not give the image encoder's layout (made before
 * it was written there): the engine's own image encoder cannot serve it.
 */
public record BundleConfig(
	int imageSize,
	int featureSize,
	int lowResMaskSize,
	int hiddenDim,
	int memoryDim,
	float[] imageMean,
	float[] imageStd,
	int numMaskmem,
	int maxObjectPointers,
	int maxCondFrameNum,
	boolean multimaskOutputInSam,
	boolean multimaskOutputForTracking,
	int multimaskMinPtNum,
	int multimaskMaxPtNum,
	boolean binarizeMaskFromPointsForMemEnc,
	float maskPromptScale,
	float maskPromptBias,
	float noObjectScore,
	HieraLayout imageEncoder)
{

	/** Tokens each object pointer is split into in the memory (hidden / memory width). */
	public int pointerSplits() {
		return hiddenDim / memoryDim;
	}
}
