package org.sam2tracker.imagej;

import org.sam2tracker.track.Prompt;

/**
 * Everything given for one object on one frame. Positions are 1-based: {@code position} along the tracked
 * axis, {@code plane} across it. {@code source} names the ROIs it came from, for messages.
 */
public record ObjectPrompt(int objectId, int position, int plane, Prompt prompt, String source) {
}
