/**
 * Getting models onto disk, without ImageJ: the {@link org.sam2tracker.install.ModelCatalog} of models the
 * plugin can install by name, safe and resumable downloads ({@link org.sam2tracker.install.ModelDownload}: a
 * {@code .part} file, retries, size and SHA-256 checked before the file takes its name, one installer at a time),
 * catalog installs ({@link org.sam2tracker.install.ModelInstaller}) and imports of a bundle folder or zip
 * ({@link org.sam2tracker.install.BundleImport}). An install carries the model's graphs for every input size
 * the plugin ships; {@link org.sam2tracker.install.SizedModels} gives them to a model installed before it did.
 * <p>
 * It may import {@code model} and {@code files}, no ImageJ. The command line's {@code models} and Fiji's Manage
 * Models both install through here, so a change to how models are fetched, checked or placed goes here and
 * not into either front end; what they show while it happens comes in through a
 * {@link org.sam2tracker.install.DownloadListener}.
 */
package org.sam2tracker.install;
