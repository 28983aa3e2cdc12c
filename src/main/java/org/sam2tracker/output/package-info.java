/**
 * The result files of a run, named after its input: one class per format behind
 * {@link org.sam2tracker.output.OutputFormat}, all listed in {@link org.sam2tracker.output.OutputSet#FORMATS}
 * (the label image as TIFF, the spots and tracks tables as CSV, TrackMate's CSV, the Cell Tracking Challenge
 * folder, and run.json, written last). The command line and Fiji's {@code save=} write that one list, and every
 * file appears only when complete.
 * <p>
 * It may import {@code imagej}, {@code run}, {@code results}, {@code model} and {@code files} (and the JDK,
 * ImageJ and Gson); nothing of {@code io}, {@code cli} or {@code fiji}. A new kind of result file is a new
 * {@code OutputFormat} added to {@code OutputSet.FORMATS}, so that both front ends write it without a change of
 * their own.
 */
package org.sam2tracker.output;
