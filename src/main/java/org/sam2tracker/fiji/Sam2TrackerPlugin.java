package org.sam2tracker.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Prefs;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;
import ij.plugin.frame.Recorder;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.util.List;

import org.sam2tracker.imagej.TrackingException;
import org.sam2tracker.install.CatalogEntry;
import org.sam2tracker.install.DownloadException;
import org.sam2tracker.install.InstallException;
import org.sam2tracker.install.Sizes;
import org.sam2tracker.imagej.TrackingResult;
import org.sam2tracker.model.ModelRegistry;

/**
 * Plugins > Tracking > SAM 2 Tracker...: tracks the objects marked on the current image through its frames
 * (or slices) and shows a label image. From a macro, {@code run("SAM 2 Tracker...", "model=... ")} runs without
 * a dialog, headless too; the keys are those of {@link TrackerSettings.Key}.
 */
public class Sam2TrackerPlugin implements PlugIn {

	static final String TITLE = "SAM 2 Tracker";
	private static final String PREFS_KEY = "sam2tracker.settings";
	private static final java.util.concurrent.atomic.AtomicInteger FAILURES = new java.util.concurrent.atomic.AtomicInteger();

	@Override
	public void run(final String arg) {
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			fail("There is no image: open a time-lapse or a z-stack first.");
			return;
		}
		final ModelRegistry models = ModelFolders.registry();
		final TrackerSettings settings;
		try {
			settings = settings(imp, models);
		}
		catch (final IllegalArgumentException e) {
			fail(e.getMessage());
			return;
		}
		if (settings == null) return;
		final boolean headless = GraphicsEnvironment.isHeadless();
		final ImageJProgress progress = new ImageJProgress(headless || IJ.getInstance() == null);
		IJ.resetEscape();
		try {
			final TrackingResult result = TrackerRun.execute(imp, settings, models, progress, IJ::escapePressed);
			if (!result.complete()) {
				progress.log("Stopped on request after " + result.framesDone() + " of " + result.framesTotal() +
					" frames; the label image and tables hold the frames done.");
			}
			result.labels().show();
			TrackerRun.deliver(imp, result, settings, progress);
			if (!headless && IJ.getInstance() != null) {
				ResultsWindows.show(result);
			}
		}
		catch (final TrackingException | IOException e) {
			fail(e.getMessage());
		}
		finally {
			IJ.showProgress(1.0);
		}
	}

	private static TrackerSettings settings(final ImagePlus imp, final ModelRegistry models) {
		final List<String> installed = List.copyOf(models.installed().keySet());
		final TrackerSettings saved = saved(installed);
		final String macro = Macro.getOptions();
		if (macro != null || GraphicsEnvironment.isHeadless()) {
			// Keys left out of a macro line take the built-in defaults, never a previous run's choices.
			return TrackerSettings.fromMacro(macro, TrackerSettings.defaults(installed.isEmpty() ? "" : installed.get(
				0)));
		}
		final ModelOffers offers = new ModelOffers(FijiInstall.installer(), installed);
		final List<String> items = offers.items(TrackerDialog.modelItems(installed, saved.model()));
		TrackerSettings chosen = TrackerDialog.show(imp, saved, items);
		if (chosen == null) return null;
		final CatalogEntry offer = offers.offered(chosen.model());
		if (offer != null) {
			if (!IJ.showMessageWithCancel(TITLE, offer.title() + " is not installed yet. Download it now?\n \n" +
				Sizes.of(offer.plannedBytes()) + ", once, from " + offer.weightsUrl().getHost() + " into\n" +
				offers.installer().root())) return null;
			try {
				FijiInstall.install(offers.installer(), offer, null);
			}
			catch (final InstallException | DownloadException e) {
				throw new IllegalArgumentException(e.getMessage(), e);
			}
			chosen = chosen.withModel(offer.name());
		}
		Prefs.set(PREFS_KEY, chosen.toMacro());
		record(chosen);
		return chosen;
	}

	/** The recorder gets the settings' own macro line, so that a recorded run replays exactly. */
	static void record(final TrackerSettings settings) {
		if (!Recorder.record) return;
		Recorder.resetCommandOptions();
		recordOptions(settings);
	}

	/** Hands every option of the settings to the recorder, in the order of their macro line. */
	static void recordOptions(final TrackerSettings settings) {
		new MacroOptions(settings.toMacro()).forEach((key, value) -> {
			if (TrackerSettings.FLAGS.contains(key)) Recorder.recordOption(key);
			else Recorder.recordOption(key, value.isEmpty() ? "[]" : value);
		});
	}

	private static TrackerSettings saved(final List<String> installed) {
		final TrackerSettings builtIn = TrackerSettings.defaults(installed.isEmpty() ? "" : installed.get(0));
		final String line = Prefs.get(PREFS_KEY, null);
		if (line == null) return builtIn;
		try {
			return TrackerSettings.fromMacro(line, builtIn);
		}
		catch (final IllegalArgumentException e) {
			return builtIn;
		}
	}

	/** Runs that could not go on since this ImageJ started: a headless launcher's exit code. */
	static int failures() {
		return FAILURES.get();
	}

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
