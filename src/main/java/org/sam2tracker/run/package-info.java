/**
 * A run as such, without ImageJ: its options as one table ({@link org.sam2tracker.run.RunParameters} of
 * {@link org.sam2tracker.run.RunParameter}s, read into {@link org.sam2tracker.run.RunSettings}), the
 * {@link org.sam2tracker.run.TrackingOptions} a tracking needs, prompts ({@link org.sam2tracker.run.PromptKey},
 * {@link org.sam2tracker.run.ObjectPrompt} and the one merge and validation every reader uses,
 * {@link org.sam2tracker.run.PromptMerger}), the {@link org.sam2tracker.run.FrameRange}, the
 * {@link org.sam2tracker.run.TrackingListener}, and the exception family: {@link org.sam2tracker.run.RunException}
 * and its subclasses, each carrying the {@link org.sam2tracker.run.ExitStatus} a run ends with.
 * <p>
 * It may import {@code track}, {@code model} and {@code results}, never ImageJ ({@code ij}). A new option is
 * declared once in {@code RunParameters} (the command line, the dialog, the macro keys and the SciJava command
 * are all made from it); a new kind of failure is a subclass of {@code RunException} with its exit status.
 */
package org.sam2tracker.run;
