package org.sam2tracker.fiji;

import ij.IJ;

import java.nio.file.Path;
import java.util.Locale;

import org.sam2tracker.install.CatalogEntry;
import org.sam2tracker.install.DownloadException;
import org.sam2tracker.install.DownloadListener;
import org.sam2tracker.install.DownloadSettings;
import org.sam2tracker.install.GpuPack;
import org.sam2tracker.install.GpuPackInstaller;
import org.sam2tracker.install.InstallException;
import org.sam2tracker.install.ModelCatalog;
import org.sam2tracker.install.ModelDownload;
import org.sam2tracker.install.ModelInstaller;
import org.sam2tracker.install.Sizes;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.model.NativeRuntime;

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

	/**
	 * Installs this computer's GPU pack (downloaded, or from the jars or folder given); a failure or a cancellation
	 * is an exception whose message says what to do. A running Fiji uses it from its next start if ONNX Runtime has
	 * already started on the CPU.
	 */
	static void installGpuPack(final GpuPackInstaller installer, final Path from) throws InstallException,
		DownloadException
	{
		IJ.resetEscape();
		final GpuPack pack = installer.pack();
		IJ.log("SAM 2 Tracker: installing the GPU pack " + pack.id() + (from == null ? " (" + Sizes.of(pack
			.downloadBytes()) + " from Maven Central)" : " from " + from) + " into " + installer.folder());
		try {
			final StatusBar bar = new StatusBar("the GPU pack");
			if (from == null) installer.install(bar, IJ::escapePressed);
			else installer.installFrom(java.util.List.of(from), bar, IJ::escapePressed);
			IJ.log("SAM 2 Tracker: the GPU pack is installed; tracking with Device Auto or GPU uses it" + (NativeRuntime
				.started() ? " from the next start of Fiji (ONNX Runtime already runs on the CPU in this one)." : "."));
		}
		catch (final java.util.concurrent.CancellationException e) {
			throw new InstallException("The install of the GPU pack was cancelled. What was downloaded is kept: " +
				"installing again resumes it.", e);
		}
		finally {
			IJ.showProgress(1.0);
			IJ.showStatus("");
		}
	}

	/** Download progress in ImageJ's status and progress bars. */
	private static final class StatusBar implements DownloadListener {

		private final String what;

		StatusBar(final CatalogEntry entry) {
			this(entry.title());
		}

		StatusBar(final String what) {
			this.what = what;
		}

		@Override
		public void progress(final long done, final long total) {
			if (total > 0) IJ.showProgress((double) done / total);
			IJ.showStatus(String.format(Locale.ROOT, "Installing %s: %.0f%s MB (Esc cancels)", what, done / 1e6,
				total > 0 ? String.format(Locale.ROOT, " of %.0f", total / 1e6) : ""));
		}

		@Override
		public void message(final String line) {
			IJ.log("SAM 2 Tracker: " + line);
		}
	}
}
