package org.sam2tracker.model;

/**
 * One call of the mask decoder for B objects with N points each, flat in C order (see models/README.md):
 * imageEmbed [B, C, h, h], pointCoords [B, N, 2] in model pixels, pointLabels [B, N], maskInput [B, 1, L, L],
 * and per object hasMaskInput, noMemory, multimask (0 or 1) and objectPresence (-1, 0 or 1).
 */
public record DecoderInput(int objects, int points, float[] imageEmbed, float[] pointCoords, int[] pointLabels,
	float[] maskInput, float[] hasMaskInput, float[] noMemory, float[] multimask, float[] objectPresence)
{}
