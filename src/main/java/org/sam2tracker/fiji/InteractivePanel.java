package org.sam2tracker.fiji;

import ij.IJ;
import ij.ImageListener;
import ij.ImagePlus;
import ij.gui.ImageCanvas;
import ij.gui.ImageWindow;

import java.awt.BorderLayout;
import java.awt.Button;
import java.awt.Choice;
import java.awt.Frame;
import java.awt.GridLayout;
import java.awt.Label;
import java.awt.Panel;
import java.awt.Point;
import java.awt.event.InputEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.sam2tracker.imagej.InteractiveImage;
import org.sam2tracker.imagej.TrackingAxis;
import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.track.Direction;

/**
 * The interactive panel beside an image: objects, and buttons to propagate, stop, undo, redo and show the label
 * image. On the image window a click adds a positive point to the selected object on the current frame, an
 * Alt-click (or Shift-click) a negative one, a drag a box; each object's mask appears at once as a translucent
 * overlay. The model and the engine run on one worker thread, never on the event thread.
 */
final class InteractivePanel extends Frame implements ImageListener {

	private static final long serialVersionUID = 1L;
	/** Frames encoded ahead on each side of the one the user is on. */
	private static final int ENCODE_AROUND = 3;
	/** A press and release farther apart than this, in screen pixels, is a box, not a click. */
	private static final int DRAG_PIXELS = 5;

	private final ImagePlus imp;
	private final TrackingAxis axis;
	/** The slice tracked through time (1 along z), fixed when the panel opens. */
	private final int plane;
	private final Sam2Model model;
	final InteractiveImage image;
	private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
		final Thread t = new Thread(r, "SAM 2 interactive");
		t.setDaemon(true);
		return t;
	});
	private final AtomicBoolean stop = new AtomicBoolean();
	private final java.awt.List objects = new java.awt.List(8);
	private final Label status = new Label("Click on an object.");
	private final MouseAdapter mouse = new CanvasMouse();
	private final java.awt.Checkbox overwrite = new java.awt.Checkbox("Overwrite");
	private int nextObject = 1;
	/** Seconds the worker spent on the model, for the run report. */
	private double engineSeconds;

	private InteractivePanel(final ImagePlus imp, final Sam2Model model, final InteractiveImage image,
		final int plane)
	{
		super("SAM 2 Interactive: " + imp.getTitle());
		this.imp = imp;
		this.axis = TrackingAxis.of(imp);
		this.plane = plane;
		this.model = model;
		this.image = image;
		setLayout(new BorderLayout());
		final Panel objectButtons = new Panel(new GridLayout(1, 2));
		objectButtons.add(button("New object", this::newObject));
		objectButtons.add(button("Delete", () -> {
			final int object = selected();
			run(() -> {
				image.delete(object);
				refreshObjects(false);
			}, "Deleted object " + object + ".");
		}));
		final Panel top = new Panel(new BorderLayout());
		top.add(new Label("Objects (the selected one receives the clicks)"), BorderLayout.NORTH);
		top.add(objects, BorderLayout.CENTER);
		top.add(objectButtons, BorderLayout.SOUTH);
		final Panel actions = new Panel(new GridLayout(0, 3));
		actions.add(button("Propagate >", () -> propagate(Direction.FORWARD)));
		actions.add(button("< Propagate", () -> propagate(Direction.BACKWARD)));
		actions.add(button("< Both >", () -> propagate(Direction.BOTH)));
		actions.add(button("Undo", () -> history(image::undo, "Undone.", "Nothing to undo.")));
		actions.add(button("Redo", () -> history(image::redo, "Redone.", "Nothing to redo.")));
		actions.add(button("Stop", () -> stop.set(true)));
		actions.add(button("Label image", () -> worker.execute(() -> image.labelImage().show())));
		actions.add(button("Save results...", this::save));
		actions.add(overwrite);
		add(top, BorderLayout.NORTH);
		add(actions, BorderLayout.CENTER);
		add(status, BorderLayout.SOUTH);
		newObject();
		addWindowListener(new WindowAdapter() {

			@Override
			public void windowClosing(final WindowEvent e) {
				close();
			}
		});
		pack();
	}

	/** Opens the model and the panel beside the image; the model stays open while the panel is. */
	static InteractivePanel open(final ImagePlus imp, final Path bundle, final Device device)
		throws BundleException, BadInputException
	{
		final Sam2Model model = Sam2Model.open(bundle, device, Runtime.getRuntime().availableProcessors());
		try {
			final TrackingOptions options = TrackingOptions.builder(bundle).device(device).build();
			final int plane = TrackingAxis.of(imp).alongZ() ? 1 : imp.getZ();
			final InteractiveImage image = new InteractiveImage(imp, options, model, plane, featureCacheFrames(imp));
			final InteractivePanel panel = new InteractivePanel(imp, model, image, plane);
			panel.attach();
			return panel;
		}
		catch (final BadInputException | RuntimeException e) {
			model.close();
			throw e;
		}
	}

	/** As many frames' features as a quarter of the heap holds (16 MB each), at least 8. */
	private static int featureCacheFrames(final ImagePlus imp) {
		final long quarter = Runtime.getRuntime().maxMemory() / 4;
		return (int) Math.max(8, Math.min(TrackingAxis.of(imp).length(), quarter / (16L << 20)));
	}

	private void attach() {
		final ImageWindow window = imp.getWindow();
		if (window != null) {
			final ImageCanvas canvas = window.getCanvas();
			canvas.addMouseListener(mouse);
			canvas.addMouseMotionListener(mouse);
			final Point at = window.getLocation();
			setLocation(at.x + window.getWidth() + 8, at.y);
		}
		ImagePlus.addImageListener(this);
		image.prefetch(position(), ENCODE_AROUND);
		setVisible(true);
	}

	// -- the image window

	/** Clicks, Alt-clicks and drags on the canvas, in image pixels. */
	private final class CanvasMouse extends MouseAdapter {

		private Point pressed;

		@Override
		public void mousePressed(final MouseEvent e) {
			pressed = e.getPoint();
		}

		@Override
		public void mouseReleased(final MouseEvent e) {
			if (pressed == null) return;
			final ImageCanvas canvas = imp.getCanvas();
			final double x0 = canvas.offScreenXD(pressed.x);
			final double y0 = canvas.offScreenYD(pressed.y);
			final double x1 = canvas.offScreenXD(e.getX());
			final double y1 = canvas.offScreenYD(e.getY());
			final boolean drag = pressed.distance(e.getPoint()) > DRAG_PIXELS;
			final boolean negative = (e.getModifiersEx() & (InputEvent.ALT_DOWN_MASK | InputEvent.SHIFT_DOWN_MASK)) != 0;
			pressed = null;
			if (!axis.alongZ() && imp.getZ() != plane) {
				status.setText("This panel tracks slice " + plane + ": go back to it to mark, or open another panel " +
					"on slice " + imp.getZ() + ".");
				return;
			}
			final int position = position();
			final int object = selected();
			if (drag) run(() -> image.box(position, object, x0, y0, x1, y1), "Box for object " + object + ".");
			else run(() -> image.click(position, object, x0, y0, !negative), (negative ? "Negative" : "Positive") +
				" click for object " + object + ".");
		}
	}

	@Override
	public void imageUpdated(final ImagePlus updated) {
		if (updated != imp) return;
		showOverlay();
		image.prefetch(position(), ENCODE_AROUND);
		status.setText(axis.axisName().substring(0, 1).toUpperCase() + axis.axisName().substring(1) + " " + position() +
			(image.ready(position()) ? ": ready for clicks." : ": being prepared, a click waits for it."));
	}

	@Override
	public void imageOpened(final ImagePlus opened) {}

	@Override
	public void imageClosed(final ImagePlus closed) {
		if (closed == imp) close();
	}

	/** The current position along the tracked axis, 1-based. */
	int position() {
		return axis.alongZ() ? imp.getZ() : imp.getT();
	}

	private void showOverlay() {
		imp.setOverlay(image.overlay(position()));
	}

	// -- actions

	private void newObject() {
		objects.add("Object " + nextObject);
		objects.select(objects.getItemCount() - 1);
		nextObject++;
	}

	/**
	 * Lists the objects the session has (after a deletion, an undo or a redo), keeping the selected one, and the
	 * newest when it is selected and not marked yet (unless it was just deleted).
	 */
	private void refreshObjects(final boolean keepUnmarked) {
		final int chosen = selected();
		final java.util.List<Integer> ids = new java.util.ArrayList<>(image.objectIds());
		if (keepUnmarked && !ids.contains(chosen) && chosen == nextObject - 1) ids.add(chosen);
		java.awt.EventQueue.invokeLater(() -> {
			objects.removeAll();
			for (final int id : ids) objects.add("Object " + id);
			final int at = ids.indexOf(chosen);
			if (at >= 0) objects.select(at);
			else if (!ids.isEmpty()) objects.select(ids.size() - 1);
		});
	}

	/** The names in the objects list, as shown. */
	java.util.List<String> listedObjects() {
		return java.util.List.of(objects.getItems());
	}

	/** The selected object's label (the number in its name). */
	int selected() {
		final String item = objects.getSelectedItem();
		return item == null ? 1 : Integer.parseInt(item.substring(item.indexOf(' ') + 1));
	}

	private void propagate(final Direction direction) {
		stop.set(false);
		worker.execute(() -> {
			status.setText("Propagating " + direction.name().toLowerCase() + "... (Stop or Esc to stop)");
			IJ.resetEscape();
			final int[] done = { 0 };
			final long start = System.nanoTime();
			final boolean finished = image.propagate(direction, p -> {
				done[0]++;
				if (p == position()) showOverlay();
				IJ.showProgress(done[0], Math.max(done[0], axis.length()));
			}, () -> stop.get() || IJ.escapePressed());
			IJ.showProgress(1.0);
			engineSeconds += (System.nanoTime() - start) / 1e9;
			status.setText((finished ? "Propagated: " : "Stopped: ") + done[0] + " object-frames computed.");
			showOverlay();
		});
	}

	/** Asks for a folder, then saves the tracker's six outputs there, or says why not. */
	private void save() {
		final String chosen = new ij.io.DirectoryChooser("Save the results of " + imp.getTitle() + " in").getDirectory();
		if (chosen == null) return;
		final boolean replace = overwrite.getState();
		worker.execute(() -> {
			try {
				status.setText(InteractiveSave.save(imp, image, model, Path.of(chosen), replace, engineSeconds));
			}
			catch (final BadInputException | java.io.IOException e) {
				status.setText(e.getMessage());
				IJ.error(InteractivePlugin.TITLE, e.getMessage());
			}
		});
	}

	/** Whether the worker has nothing queued or running: what a user sees is up to date. */
	boolean idle() {
		final java.util.concurrent.Future<?> probe = worker.submit(() -> {});
		try {
			probe.get();
			return true;
		}
		catch (final InterruptedException | java.util.concurrent.ExecutionException e) {
			return false;
		}
	}

	/** Runs an engine step on the worker thread, then shows the current frame's masks. */
	private void run(final Runnable step, final String done) {
		worker.execute(() -> {
			try {
				final long start = System.nanoTime();
				step.run();
				engineSeconds += (System.nanoTime() - start) / 1e9;
				status.setText(done);
			}
			catch (final IllegalArgumentException e) {
				status.setText(e.getMessage());
			}
			showOverlay();
		});
	}

	private void history(final java.util.function.BooleanSupplier step, final String done, final String nothing) {
		worker.execute(() -> {
			status.setText(step.getAsBoolean() ? done : nothing);
			refreshObjects(true);
			showOverlay();
		});
	}

	private static Button button(final String label, final Runnable action) {
		final Button b = new Button(label);
		b.addActionListener(e -> action.run());
		return b;
	}

	/** Closes the panel, frees the model and removes the masks from the image. */
	void close() {
		ImagePlus.removeImageListener(this);
		final ImageCanvas canvas = imp.getCanvas();
		if (canvas != null) {
			canvas.removeMouseListener(mouse);
			canvas.removeMouseMotionListener(mouse);
		}
		stop.set(true);
		worker.execute(() -> {
			image.close();
			model.close();
		});
		worker.shutdown();
		imp.setOverlay(null);
		dispose();
	}

	/** Where the models are looked for, for the plugin's choice. */
	static ModelRegistry models() {
		return ModelFolders.registry();
	}
}
