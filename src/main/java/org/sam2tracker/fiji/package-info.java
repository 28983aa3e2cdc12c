/**
 * The Fiji front end: the ImageJ 1 menu commands ({@link org.sam2tracker.fiji.Sam2TrackerPlugin SAM 2 Tracker},
 * {@link org.sam2tracker.fiji.ManageModelsPlugin SAM 2 Manage Models}), the dialog made field by field from the
 * option table of {@link org.sam2tracker.run.RunParameters}, the macro keys, the SciJava command and the launcher
 * that runs macros headless on plain ImageJ 1. It is thin: it parses what the user gave, calls the layers below
 * and shows what came back.
 * <p>
 * It may import every package of the project below it ({@code output}, {@code io}, {@code imagej}, {@code run},
 * {@code results}, {@code track}, {@code install}, {@code model}, {@code files}), ImageJ and SciJava, but never
 * {@code cli}, and nothing imports it. Work that the command line needs too does not belong here: a new option
 * goes into {@code RunParameters}, the work on an image into {@code imagej}, a result file into {@code output};
 * only what is Fiji's own (windows, status bar, menus, macro syntax) stays here.
 */
package org.sam2tracker.fiji;
