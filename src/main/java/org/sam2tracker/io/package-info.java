/**
 * Readers of what a user hands a run: input images ({@link org.sam2tracker.io.InputImages}: TIFF and
 * hyperstacks, OME-TIFF, PNG and JPEG, folders of images as a time-lapse, and Bio-Formats reached by reflection
 * when it is there), prompt files ({@link org.sam2tracker.io.PromptFiles}: CSV, JSON and ImageJ RoiSets), and the
 * expansion of a batch into inputs and the discovery of each input's prompts.
 * <p>
 * It may import {@code imagej}, {@code run}, {@code track}, {@code model}, {@code results} and {@code files}
 * (and ImageJ); nothing of {@code output}, {@code cli} or {@code fiji}. A new input format or prompt format goes
 * here; its prompt pieces go through the shared {@link org.sam2tracker.run.PromptMerger} rather than a merge or
 * check of their own.
 */
package org.sam2tracker.io;
