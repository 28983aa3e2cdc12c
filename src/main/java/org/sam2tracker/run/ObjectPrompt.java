package org.sam2tracker.run;

import org.sam2tracker.track.Prompt;

/**
 * Everything given for one object on one frame: the merged prompt, and {@code source}, which names the ROIs or
 * the lines of a file it came from, for messages.
 */
public record ObjectPrompt(PromptKey key, Prompt prompt, String source) {

	public int objectId() {
		return key.objectId();
	}

	/** The position along the tracked axis, 1-based. */
	public int position() {
		return key.position();
	}

	/** The plane across the tracked axis (the slice of a time-lapse), 1-based; 1 for a z-stack. */
	public int plane() {
		return key.plane();
	}
}
