package org.sam2tracker.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Prefs;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.util.List;

import org.sam2tracker.imagej.InputSizeComparison;
import org.sam2tracker.imagej.ResultsTables;
import org.sam2tracker.imagej.TrackingResult;
import org.sam2tracker.install.CatalogEntry;
import org.sam2tracker.install.DownloadException;
import org.sam2tracker.install.DriverProbe;
import org.sam2tracker.install.GpuPack;
import org.sam2tracker.install.GpuPackInstaller;
import org.sam2tracker.install.InstallException;
import org.sam2tracker.install.Sizes;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.DeviceUnavailableException;
import org.sam2tracker.run.OutOfMemory;
import org.sam2tracker.run.RunException;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.run.RunSettings;

/**
 * Plugins > Tracking > SAM 2 Tracker...: tracks the objects marked on the current image through its frames
 * (or slices) and shows a label image. From a macro, {@code run("SAM 2 Tracker...", "model=... ")} runs without
 * a dialog, headless too; the keys are those of {@link RunParameters}.
 */
public class Sam2TrackerPlugin implements PlugIn {

	static final String TITLE = "SAM 2 Tracker";
	private static final String PREFS_KEY = "sam2tracker.settings";
	private static final java.util.concurrent.atomic.AtomicInteger FAILURES = new java.util.concurrent.atomic.AtomicInteger();

	/** The table of an input size comparison: each object's IoU on each frame. */
	static final String COMPARISON_TABLE = "Input size comparison";

	@Override
	public void run(final String arg) {
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			fail("There is no image: open a time-lapse or a z-stack first.");
			return;
		}
		final ModelRegistry models = ModelFolders.registry();
		final boolean headless = GraphicsEnvironment.isHeadless();
		final ImageJProgress progress = new ImageJProgress(headless || IJ.getInstance() == null);
		IJ.resetEscape();
		try {
			final RunSettings settings = settings(imp, models);
			if (settings == null) return;
			try (TrackerRun run = new TrackerRun(imp, settings, models)) {
				if (settings.get(RunParameters.COMPARE_SIZES) > 0) {
					final InputSizeComparison.Outcome compared = run.compare(progress, IJ::escapePressed);
					if (!headless) ResultsTables.fill(new ResultsTable(), compared.table()).show(COMPARISON_TABLE);
					return;
				}
				final TrackerRun.Outcome outcome = run.track(progress, IJ::escapePressed);
				final TrackingResult result = outcome.result();
				if (!result.complete()) {
					progress.log("Stopped on request after " + result.framesDone() + " of " + result.framesTotal() +
						" frames; the label image and tables hold the frames done.");
				}
				// Repeated runs get windows and tables of their own, never replacing an earlier run's.
				result.labels().setTitle(uniqueTitle(result.labels().getTitle()));
				result.labels().show();
				run.deliver(outcome, progress);
				if (!headless && IJ.getInstance() != null) {
					ResultsWindows.show(result);
				}
			}
		}
		catch (final DeviceUnavailableException e) {
			forgetDevice();
			fail(e.getMessage());
		}
		catch (final RunException | InstallException | DownloadException e) {
			fail(e.getMessage());
		}
		catch (final IOException e) {
			fail("The results could not be saved: " + e.getMessage());
		}
		catch (final IllegalStateException e) {
			// A frame that could not be read as tracking reached it (a virtual stack's file that changed) names it.
			fail(e.getMessage());
		}
		catch (final OutOfMemoryError e) {
			fail(OutOfMemory.runMessage(MORE_MEMORY));
		}
		finally {
			IJ.showProgress(1.0);
		}
	}

	/** The settings of this run: from the macro line, or from the dialog (null when the user cancels). */
	private static RunSettings settings(final ImagePlus imp, final ModelRegistry models) throws BadInputException,
		InstallException, DownloadException
	{
		final List<String> installed = List.copyOf(models.installed().keySet());
		final String macro = Macro.getOptions();
		if (macro != null || GraphicsEnvironment.isHeadless()) {
			// Keys left out of a macro line take the built-in defaults, never a previous run's choices.
			return FijiOptions.fromMacro(macro, FijiOptions.defaults(installed));
		}
		final RunSettings saved = saved(installed);
		final ModelOffers offers = new ModelOffers(FijiInstall.installer(), installed);
		final List<String> items = offers.items(TrackerDialog.modelItems(installed, saved.get(RunParameters.MODEL)));
		RunSettings chosen = TrackerDialog.show(imp, saved, items);
		if (chosen == null) return null;
		final CatalogEntry offer = offers.offered(chosen.get(RunParameters.MODEL));
		if (offer != null) {
			if (!IJ.showMessageWithCancel(TITLE, offer.title() + " is not installed yet. Download it now?\n \n" +
				Sizes.of(offer.plannedBytes()) + ", once, from " + offer.weightsUrl().getHost() + " into\n" +
				offers.installer().root())) return null;
			FijiInstall.install(offers.installer(), offer, null);
			chosen = chosen.with(RunParameters.MODEL, offer.name());
		}
		if (chosen.get(RunParameters.DEVICE) == Device.GPU && !offerGpuPack()) return null;
		// The range belongs to this image: the next image's dialog starts from its own whole range.
		Prefs.set(PREFS_KEY, FijiOptions.toMacro(chosen.with(RunParameters.FIRST, 0).with(RunParameters.LAST, 0)));
		FijiOptions.record(chosen);
		return chosen;
	}

	/**
	 * GPU chosen where this computer has NVIDIA's driver but not the GPU pack: offers to install the pack, with its
	 * size. False when the user says no.
	 */
	private static boolean offerGpuPack() throws InstallException, DownloadException {
		final java.util.Optional<GpuPack> pack = GpuPack.forThisComputer();
		if (pack.isEmpty() || !DriverProbe.system().find().present()) return true;
		final GpuPackInstaller gpu = new GpuPackInstaller(pack.get(), GpuPack.standardRoot());
		if (gpu.status().installed()) return true;
		if (!IJ.showMessageWithCancel(TITLE, "Tracking on the GPU needs the GPU pack (CUDA for NVIDIA GPUs), which " +
			"is not installed yet. Download it now?\n \n" + Sizes.of(pack.get().downloadBytes()) + ", once, from Maven " +
			"Central into\n" + gpu.folder())) return false;
		FijiInstall.installGpuPack(gpu, null);
		return true;
	}

	/** The title, or with -2, -3, ... after it when an open image (a batch-mode one too) has it already. */
	static String uniqueTitle(final String title) {
		// Two open images may share a title: a set of them, not Set.of, which refuses repeats.
		final java.util.Set<String> open = new java.util.HashSet<>(java.util.Arrays.asList(WindowManager
			.getImageTitles()));
		if (!open.contains(title)) return title;
		int n = 2;
		while (open.contains(title + "-" + n)) n++;
		return title + "-" + n;
	}

	/** A device that could not be used is not offered again as the next default. */
	private static void forgetDevice() {
		final String line = Prefs.get(PREFS_KEY, null);
		if (line == null) return;
		try {
			final RunSettings saved = FijiOptions.fromMacro(line, RunSettings.defaults());
			Prefs.set(PREFS_KEY, FijiOptions.toMacro(saved.with(RunParameters.DEVICE, RunParameters.DEVICE
				.defaultValue())));
		}
		catch (final BadInputException e) {
			Prefs.set(PREFS_KEY, null);
		}
	}

	private static RunSettings saved(final List<String> installed) {
		final RunSettings builtIn = FijiOptions.defaults(installed);
		final String line = Prefs.get(PREFS_KEY, null);
		if (line == null) return builtIn;
		try {
			return FijiOptions.fromMacro(line, builtIn);
		}
		catch (final BadInputException e) {
			return builtIn;
		}
	}

	/** Runs that could not go on since this ImageJ started: a headless launcher's exit code. */
	static int failures() {
		return FAILURES.get();
	}

	/** How Fiji is given more memory, for {@link OutOfMemory#message}. */
	static final String MORE_MEMORY = "Edit > Options > Memory & Threads, then restart Fiji";

	private static void fail(final String message) {
		fail(TITLE, message);
	}

	/** Reports a command that cannot go on and stops the calling macro. Without a screen there is no dialog. */
	static void fail(final String title, final String message) {
		FAILURES.incrementAndGet();
		if (GraphicsEnvironment.isHeadless()) {
			System.err.println(title + ": " + message);
			// ImageJ would show the macro error in a dialog, which needs a screen: stop the macro quietly.
			final Interpreter macro = Interpreter.getInstance();
			if (macro != null) {
				macro.setIgnoreErrors(true);
				macro.abort(message);
			}
		}
		else {
			IJ.error(title, message);
		}
	}
}
