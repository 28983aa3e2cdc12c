/**
 * SAM 2.1 video tracking: a {@link org.sam2tracker.track.TrackingSession} takes prompts on any frame of a
 * {@link org.sam2tracker.track.FrameSource}, keeps each object's memory bank, propagates forward and backward,
 * applies corrections, and returns per-frame results as logits and masks.
 * <p>
 * It knows nothing of ImageJ or files: it uses only {@code org.sam2tracker.model} (the graphs) and the JDK.
 */
package org.sam2tracker.track;
