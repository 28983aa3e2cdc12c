package org.sam2tracker.model;

/**
 * The mask decoder's outputs for B objects: lowResMasks [B, 1, L, L], iouScores [B, 4], maskIndex [B],
 * objectScores [B] (logits), objectPointers [B, C].
 */
public record DecoderOutput(float[] lowResMasks, float[] iouScores, long[] maskIndex, float[] objectScores,
	float[] objectPointers)
{}
