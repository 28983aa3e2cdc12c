package org.sam2tracker.fiji;

import ij.IJ;

import java.nio.file.Path;
import java.util.Locale;

import org.sam2tracker.install.CatalogEntry;
import org.sam2tracker.install.DownloadException;
import org.sam2tracker.install.DownloadListener;
import org.sam2tracker.install.DownloadSettings;
import org.sam2tracker.install.InstallException;
import org.sam2tracker.install.ModelCatalog;
import org.sam2tracker.install.ModelDownload;
import org.sam2tracker.install.ModelInstaller;
import org.sam2tracker.model.ModelRegistry;

/**
 * Installs a catalog model from Fiji: progress in the status and progress bars, messages in the log, Esc
 * cancels (what was downloaded is kept, and the next install resumes it).
 */
final class FijiInstall {

	private FijiInstall() {}

	static ModelInstaller installer() {
		return new ModelInstaller(ModelCatalog.builtIn(), ModelRegistry.installFolder(), new ModelDownload(
			DownloadSettings.defaults()));
	}

	/** Installs the model; a failure or a cancellation is an exception whose message says what to do. */
	static Path install(final ModelInstaller installer, final CatalogEntry entry, final Path weightsFile)
		throws InstallException, DownloadException
	{
		IJ.resetEscape();
		IJ.log("SAM 2 Tracker: installing " + entry.title() + (weightsFile == null ? " from " + entry.weightsUrl()
			: " from " + weightsFile) + " into " + installer.root());
		try {
			final Path folder = installer.install(entry, weightsFile, new StatusBar(entry), IJ::escapePressed);
			IJ.log("SAM 2 Tracker: " + entry.title() + " installed in " + folder);
			return folder;
		}
		catch (final java.util.concurrent.CancellationException e) {
			throw new InstallException("The install of " + entry.title() + " was cancelled. What was downloaded is " +
				"kept: installing again resumes it.", e);
		}
		finally {
			IJ.showProgress(1.0);
			IJ.showStatus("");
		}
	}

	/** Download progress in ImageJ's status and progress bars. */
	private static final class StatusBar implements DownloadListener {

		private final CatalogEntry entry;

		StatusBar(final CatalogEntry entry) {
			this.entry = entry;
		}

		@Override
		public void progress(final long done, final long total) {
			if (total > 0) IJ.showProgress((double) done / total);
			IJ.showStatus(String.format(Locale.ROOT, "Installing %s: %.0f%s MB (Esc cancels)", entry.title(), done / 1e6,
				total > 0 ? String.format(Locale.ROOT, " of %.0f", total / 1e6) : ""));
		}

		@Override
		public void message(final String line) {
			IJ.log("SAM 2 Tracker: " + line);
		}
	}
}
