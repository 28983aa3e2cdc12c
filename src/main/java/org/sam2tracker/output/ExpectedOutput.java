package org.sam2tracker.output;

import ij.ImagePlus;

import java.util.List;

import org.sam2tracker.run.ObjectPrompt;

/**
 * What a run's results will be like, known before any tracking: the label image's size and the largest label.
 * Formats check from it that they can hold the labels, and the output set that the disk has room.
 *
 * @param planes the label image's planes: slices times frames
 */
public record ExpectedOutput(int width, int height, int planes, int maxLabel) {

	/** The results of tracking these prompts through this image. */
	public static ExpectedOutput of(final ImagePlus imp, final List<ObjectPrompt> prompts) {
		return new ExpectedOutput(imp.getWidth(), imp.getHeight(), imp.getNSlices() * imp.getNFrames(), prompts
			.stream().mapToInt(ObjectPrompt::objectId).max().orElse(0));
	}

	/** Bytes of the label image's pixels: 16-bit, or 32-bit past 65535 labels. */
	public long labelBytes() {
		return (long) width * height * planes * (maxLabel > 65535 ? 4 : 2);
	}
}
