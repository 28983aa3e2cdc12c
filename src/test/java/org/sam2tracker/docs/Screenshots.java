package org.sam2tracker.docs;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.ImageWindow;
import ij.gui.PointRoi;
import ij.process.ImageProcessor;

import java.awt.Checkbox;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import org.sam2tracker.fiji.InteractivePlugin;
import org.sam2tracker.fiji.Sam2TrackerPlugin;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.testing.AwtButtons;
import org.sam2tracker.model.ModelRegistry;

/**
 * Makes the README screenshots {@code dialog.png} and {@code result.png} in the folder given as argument: plain
 * ImageJ with the cells clip, a click on each cell, the SAM 2 Tracker dialog, then the input with its outlines beside
 * the label image. It runs in the project folder and needs a screen (docs/make-screenshots.sh gives it a virtual one);
 * it always exits by itself.
 */
public final class Screenshots {

	private static final Path CLIP = Path.of("test-data/clips/cells");
	private static final Path BUNDLE = Path.of("test-data/bundles/toy-blob-tracker");
	private static final int CELLS = 4;
	/** A frame past the prompts' one. The toy model merges cells 1 and 2 once they touch (frame 5), so not later. */
	private static final int SHOWN_FRAME = 4;
	private static final int ZOOM = 200;
	private static final int GAP = 8;
	private static final long WAIT_MS = 60_000;

	private Screenshots() {}

	public static void main(final String[] args) {
		final Path out = Path.of(args.length > 0 ? args[0] : "docs/images");
		// Whatever goes wrong (a modal error, a run that never ends), the program must not keep its caller waiting.
		final Thread watchdog = new Thread(() -> {
			sleep(5 * WAIT_MS);
			System.err.println("Screenshots: gave up after " + 5 * WAIT_MS / 1000 + " s.");
			Runtime.getRuntime().halt(3);
		});
		watchdog.setDaemon(true);
		watchdog.start();
		int status = 0;
		try {
			make(out);
		}
		catch (final Throwable e) {
			e.printStackTrace();
			status = 1;
		}
		System.exit(status);
	}

	private static void make(final Path out) throws Exception {
		Files.createDirectories(out);
		if (System.getProperty(ModelRegistry.PROPERTY) == null) System.setProperty(ModelRegistry.PROPERTY, toyModels()
			.toString());
		final Robot robot = new Robot();

		// dialog.png: ImageJ, the clip with a click on each cell, and the dialog, side by side.
		final ImageJ ij = new ImageJ();
		onEdt(() -> ij.setLocation(0, 0));
		await("the ImageJ window", () -> ij.isShowing() ? ij : null);

		final ImagePlus imp = IJ.openImage(CLIP.resolve("cells-16bit.tif").toString());
		imp.setRoi(clicks(IJ.openImage(CLIP.resolve("labels.tif").toString())));
		imp.show();
		final ImageWindow input = await("the clip's window", imp::getWindow);
		IJ.run(imp, "Set... ", "zoom=" + ZOOM);
		onEdt(() -> input.setLocation(0, ij.getY() + ij.getHeight() + GAP));

		// The plugin shows a modal dialog and then tracks, so it runs on its own thread as from the menu.
		final Thread run = new Thread(() -> {
			WindowManager.setTempCurrentImage(imp);
			new Sam2TrackerPlugin().run("");
		}, "SAM 2 Tracker");
		run.start();
		final GenericDialog dialog = await("the SAM 2 Tracker dialog", () -> Arrays.stream(Window.getWindows()).filter(
			w -> w instanceof GenericDialog && w.isShowing() && "SAM 2 Tracker".equals(((GenericDialog) w).getTitle()))
			.map(w -> (GenericDialog) w).findFirst().orElse(null));
		onEdt(() -> {
			dialog.setLocation(Math.max(ij.getWidth(), input.getWidth()) + GAP, 0);
			// The outlines on the input make the result picture; ticking the box also shows where it is.
			for (final Object box : dialog.getCheckboxes()) {
				final Checkbox checkbox = (Checkbox) box;
				if (checkbox.getLabel().equals(RunParameters.OVERLAY.label())) checkbox.setState(true);
			}
		});
		capture(robot, out.resolve("dialog.png"), ij, input, dialog);

		// result.png: OK, then the input with its outlines beside the label image, on the same frame.
		onEdt(() -> dialog.actionPerformed(new ActionEvent(dialog.getButtons()[0], ActionEvent.ACTION_PERFORMED,
			"OK")));
		run.join(WAIT_MS);
		if (run.isAlive()) throw new IllegalStateException("The tracking did not end within " + WAIT_MS / 1000 + " s.");
		final ImagePlus labels = await("the label image", () -> {
			for (final int id : WindowManager.getIDList()) {
				final ImagePlus other = WindowManager.getImage(id);
				if (other != imp && other.getTitle().endsWith("-labels") && other.getWindow() != null) return other;
			}
			return null;
		});
		final ImageWindow output = labels.getWindow();
		IJ.run(labels, "Set... ", "zoom=" + ZOOM);
		imp.deleteRoi();
		showFrame(imp, SHOWN_FRAME);
		showFrame(labels, SHOWN_FRAME);
		onEdt(() -> {
			input.setLocation(0, 0);
			output.setLocation(input.getWidth() + GAP, 0);
			input.toFront();
			output.toFront();
		});
		capture(robot, out.resolve("result.png"), input, output);
		labels.changes = false;
		onEdt(labels::close);
		imp.changes = false;
		onEdt(imp::close);

		// interactive.png: the interactive panel beside the clip, one object per cell clicked, propagated.
		final ImagePlus clip = IJ.openImage(CLIP.resolve("cells-16bit.tif").toString());
		clip.show();
		final ImageWindow window = await("the clip's window", clip::getWindow);
		IJ.run(clip, "Set... ", "zoom=" + ZOOM);
		onEdt(() -> window.setLocation(0, 0));
		final Thread open = new Thread(() -> {
			WindowManager.setTempCurrentImage(clip);
			new InteractivePlugin().run("");
		}, "SAM 2 Interactive");
		open.start();
		final GenericDialog choice = await("the SAM 2 Interactive dialog", () -> Arrays.stream(Window.getWindows())
			.filter(w -> w instanceof GenericDialog && w.isShowing() && "SAM 2 Interactive".equals(((GenericDialog) w)
				.getTitle())).map(w -> (GenericDialog) w).findFirst().orElse(null));
		onEdt(() -> choice.actionPerformed(new ActionEvent(choice.getButtons()[0], ActionEvent.ACTION_PERFORMED,
			"OK")));
		final Frame panel = await("the interactive panel", () -> Arrays.stream(Window.getWindows()).filter(w ->
			w instanceof Frame f && w.isShowing() && f.getTitle().startsWith("SAM 2 Interactive:")).map(w -> (Frame) w)
			.findFirst().orElse(null));
		onEdt(() -> panel.setLocation(window.getWidth() + GAP, 0));
		final ImagePlus truth = IJ.openImage(CLIP.resolve("labels.tif").toString());
		final PointRoi centres = clicks(truth);
		for (int cell = 0; cell < CELLS; cell++) {
			if (cell > 0) AwtButtons.press(panel, "New object");
			final ij.gui.ImageCanvas canvas = clip.getCanvas();
			final java.awt.Point on = canvas.getLocationOnScreen();
			final java.awt.Polygon p = centres.getPolygon();
			robot.mouseMove(on.x + canvas.screenX(p.xpoints[cell]), on.y + canvas.screenY(p.ypoints[cell]));
			robot.mousePress(java.awt.event.InputEvent.BUTTON1_DOWN_MASK);
			robot.mouseRelease(java.awt.event.InputEvent.BUTTON1_DOWN_MASK);
			robot.waitForIdle();
			sleep(1500);
		}
		AwtButtons.press(panel, "Propagate >");
		sleep(20_000);
		showFrame(clip, SHOWN_FRAME);
		await("the masks on frame " + SHOWN_FRAME, () -> clip.getOverlay() != null && clip.getOverlay().size() > 0 ?
			clip.getOverlay() : null);
		capture(robot, out.resolve("interactive.png"), window, panel);
	}

	/** A folder holding only the toy bundle, so the model choice shows it and nothing from this computer. */
	private static Path toyModels() throws IOException {
		final Path models = Files.createTempDirectory("sam2tracker-models");
		models.toFile().deleteOnExit();
		Files.createSymbolicLink(models.resolve(BUNDLE.getFileName()), BUNDLE.toAbsolutePath());
		models.resolve(BUNDLE.getFileName()).toFile().deleteOnExit();
		return models;
	}

	/** One point at the centre of each cell on frame 1; each point becomes an object. */
	private static PointRoi clicks(final ImagePlus truth) {
		final ImageProcessor ip = truth.getStack().getProcessor(1);
		final PointRoi points = new PointRoi();
		for (int cell = 1; cell <= CELLS; cell++) {
			long sx = 0, sy = 0, n = 0;
			for (int p = 0; p < ip.getPixelCount(); p++) {
				if ((int) ip.getf(p) != cell) continue;
				sx += p % ip.getWidth();
				sy += p / ip.getWidth();
				n++;
			}
			points.addPoint(Math.round((double) sx / n), Math.round((double) sy / n));
		}
		return points;
	}

	private static void showFrame(final ImagePlus imp, final int frame) {
		if (imp.getNFrames() > 1) imp.setT(frame);
		else imp.setSlice(frame);
	}

	/** Saves the windows, once drawn, as they lie on the screen; the bare screen between them stays transparent. */
	private static void capture(final Robot robot, final Path file, final Window... windows) throws Exception {
		robot.waitForIdle();
		sleep(1500);
		robot.waitForIdle();
		final Rectangle area = new Rectangle(windows[0].getBounds());
		for (final Window w : windows) area.add(w.getBounds());
		final BufferedImage picture = new BufferedImage(area.width, area.height, BufferedImage.TYPE_INT_ARGB);
		final Graphics2D g = picture.createGraphics();
		for (final Window w : windows) {
			final Rectangle bounds = w.getBounds();
			g.drawImage(robot.createScreenCapture(bounds), bounds.x - area.x, bounds.y - area.y, null);
		}
		g.dispose();
		ImageIO.write(picture, "png", file.toFile());
		System.out.println("Wrote " + file + " (" + area.width + "x" + area.height + ").");
	}

	/** Polls until the probe gives something; fails after a minute. */
	private static <T> T await(final String what, final Supplier<T> probe) {
		final long end = System.currentTimeMillis() + WAIT_MS;
		for (T found = probe.get(); ; found = probe.get()) {
			if (found != null) return found;
			if (System.currentTimeMillis() > end) throw new IllegalStateException("Gave up waiting for " + what + " after " +
				WAIT_MS / 1000 + " s.");
			sleep(100);
		}
	}

	private static void onEdt(final Runnable r) throws InterruptedException, InvocationTargetException {
		EventQueue.invokeAndWait(r);
	}

	private static void sleep(final long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
