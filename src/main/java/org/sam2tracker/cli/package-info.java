/**
 * The command line, {@code java -jar SAM2_Tracker.jar track|models|info}, on picocli: {@link
 * org.sam2tracker.cli.TrackCommand track} (one input or a batch, the result files of the output set),
 * {@link org.sam2tracker.cli.ModelsCommand models} (list, install, verify, remove) and
 * {@link org.sam2tracker.cli.InfoCommand info}. It is thin: it parses the arguments (the run options come from
 * the table of {@link org.sam2tracker.run.RunParameters}), calls the layers below and prints progress and
 * messages.
 * <p>
 * It may import every package of the project below it ({@code output}, {@code io}, {@code imagej}, {@code run},
 * {@code results}, {@code track}, {@code install}, {@code model}, {@code files}) and picocli, but never
 * {@code fiji}, and nothing imports it. Anything Fiji should do alike goes below, not here: options into
 * {@code RunParameters}, readers into {@code io}, result files into {@code output}; only what is the console's own
 * (exit codes, Ctrl-C, progress on the error stream) stays here.
 */
package org.sam2tracker.cli;
