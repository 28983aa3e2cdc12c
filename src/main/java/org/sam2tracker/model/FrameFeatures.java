package org.sam2tracker.model;

/** The image encoder's outputs for one frame, flat in C order: [1, C/8, 4h, 4h], [1, C/4, 2h, 2h], [1, C, h, h]. */
public record FrameFeatures(float[] highResFeat0, float[] highResFeat1, float[] imageEmbed) {

	public long bytes() {
		return 4L * (highResFeat0.length + highResFeat1.length + imageEmbed.length);
	}
}
