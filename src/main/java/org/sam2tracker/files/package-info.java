/**
 * Files and folders that appear only complete: {@link org.sam2tracker.files.AtomicFiles} and
 * {@link org.sam2tracker.files.AtomicFolders} write under a hidden temporary name beside the target and move
 * the result into place at the end, so a failure leaves no trace and no half-written file carries its name.
 * <p>
 * It imports nothing else of the project. Every layer that writes a file ({@code output}, {@code install},
 * {@code io}) does so through here, so a change to how a file is made safe goes here, once.
 */
package org.sam2tracker.files;
