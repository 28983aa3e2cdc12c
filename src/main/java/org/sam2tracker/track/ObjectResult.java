package org.sam2tracker.track;

/**
 * One object on one frame: its low-resolution mask logits (L x L; the no-object score everywhere when absent),
 * its object score logit (> 0 means present), and the decoder token its mask came from (0 single mask, 1-3
 * multimask, -1 when no decoder mask was made: a reused conditioning output or a mask prompt).
 */
public record ObjectResult(int objectId, float[] lowResLogits, float score, int maskIndex) {

	public boolean present() {
		return score > 0;
	}
}
