/**
 * The adapters that touch ImageJ: an ImagePlus as the frames of a run and its grey levels as the bytes the model
 * sees, ROIs as prompts, the label image with its LUT and outline overlay, the spots and tracks as results
 * tables, and {@link org.sam2tracker.imagej.TrackingJob}, which runs a tracking over an image for both the Fiji
 * commands and the command line.
 * <p>
 * It may import {@code run}, {@code track}, {@code model} and {@code results} (and ImageJ); nothing of
 * {@code io}, {@code output}, {@code install} or the front ends. Code that turns ImageJ objects into the engine's
 * terms, or the engine's results back into ImageJ objects, goes here; what needs no ImageJ belongs further down
 * ({@code run}, {@code results}), and windows and dialogs further up ({@code fiji}).
 */
package org.sam2tracker.imagej;
