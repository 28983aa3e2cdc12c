package org.sam2tracker.fiji;

import ij.IJ;
import ij.ImageListener;
import ij.ImagePlus;
import ij.gui.ImageCanvas;
import ij.gui.ImageWindow;
import ij.gui.Roi;
import ij.io.OpenDialog;
import ij.io.SaveDialog;

import java.awt.BorderLayout;
import java.awt.Button;
import java.awt.Checkbox;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.GridLayout;
import java.awt.Label;
import java.awt.Panel;
import java.awt.Point;
import java.awt.TextField;
import java.awt.event.InputEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.atomic.AtomicBoolean;

import org.sam2tracker.cache.FeatureStores;
import org.sam2tracker.imagej.InteractiveImage;
import org.sam2tracker.imagej.RoiPrompts;
import org.sam2tracker.imagej.TrackingAxis;
import org.sam2tracker.install.GpuSetup;
import org.sam2tracker.install.SizedModels;
import org.sam2tracker.io.PromptFiles;
import org.sam2tracker.io.PromptJson;
import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PointMode;
import org.sam2tracker.run.PromptKey;
import org.sam2tracker.run.PromptSet;
import org.sam2tracker.run.PromptSource;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.run.RunSettings;
import org.sam2tracker.run.SessionRecord;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.FeatureStore;

/**
 * The interactive panel beside an image: the objects (label, name, shown or hidden), buttons to propagate, stop,
 * undo, redo, take prompts from the selection or the ROI Manager, open and save the session, show the label image
 * and save the results, and a strip of the frames showing which are ready for clicks and which have masks. On the
 * image window a click adds a positive point to the selected object on the current frame, an Alt-click (or
 * Shift-click) a negative one, a drag a box; each object's mask appears at once as a translucent overlay. The
 * model and the engine run on one worker thread ({@link PanelWorker}), never on the event thread.
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
	private final RunSettings settings;
	private final Sam2Model model;
	final InteractiveImage image;
	private final PanelWorker worker = new PanelWorker(this::tell);
	private final AtomicBoolean stop = new AtomicBoolean();
	private final java.awt.List objects = new java.awt.List(8);
	/** The selected object's name, for Rename. */
	final TextField name = new TextField(16);
	private final Label status = new Label("Click on an object.");
	private final MouseAdapter mouse = new CanvasMouse();
	private final Checkbox overwrite = new Checkbox("Overwrite");
	/** Whether propagation runs the selected object alone. */
	final Checkbox selectedOnly = new Checkbox("Selected object only");
	/** The selected object's colour, the label image's. */
	private final Label swatch = new Label("      ");
	private final FrameStrip strip;
	private final Timer repaint = new Timer("SAM 2 frame strip", true);
	private int nextObject = 1;
	/** Seconds the worker spent on the model, for the run report. */
	private double engineSeconds;

	private InteractivePanel(final ImagePlus imp, final RunSettings settings, final Sam2Model model,
		final InteractiveImage image, final int plane)
	{
		super("SAM 2 Interactive: " + imp.getTitle());
		this.imp = imp;
		this.axis = TrackingAxis.of(imp);
		this.plane = plane;
		this.settings = settings;
		this.model = model;
		this.image = image;
		this.strip = new FrameStrip(image.range().first(), image.range().last(), image::ready, image::hasResults,
			this::position, this::go);
		setLayout(new BorderLayout());
		add(objectsPanel(), BorderLayout.NORTH);
		add(actionsPanel(), BorderLayout.CENTER);
		final Panel bottom = new Panel(new BorderLayout());
		bottom.add(new Label("Frames: ready for clicks (top), with masks (bottom)"), BorderLayout.NORTH);
		bottom.add(strip, BorderLayout.CENTER);
		bottom.add(status, BorderLayout.SOUTH);
		add(bottom, BorderLayout.SOUTH);
		objects.addItemListener(e -> showName());
		newObject();
		addWindowListener(new WindowAdapter() {

			@Override
			public void windowClosing(final WindowEvent e) {
				close();
			}
		});
		pack();
	}

	private Panel objectsPanel() {
		final Panel buttons = new Panel(new GridLayout(1, 3));
		buttons.add(button("New object", this::newObject));
		buttons.add(button("Delete", () -> {
			final int object = selected();
			run(() -> {
				image.delete(object);
				refreshObjects(false);
			}, "Deleted object " + object + ".");
		}));
		buttons.add(button("Hide / show", () -> {
			final int object = selected();
			image.hide(object, !image.hidden(object));
			refreshObjects(true);
			showOverlay();
		}));
		final Panel naming = new Panel(new BorderLayout());
		naming.add(swatch, BorderLayout.WEST);
		naming.add(name, BorderLayout.CENTER);
		naming.add(button("Rename", () -> {
			image.rename(selected(), name.getText());
			refreshObjects(true);
		}), BorderLayout.EAST);
		final Panel south = new Panel(new GridLayout(2, 1));
		south.add(buttons);
		south.add(naming);
		final Panel top = new Panel(new BorderLayout());
		top.add(new Label("Objects (the selected one receives the clicks)"), BorderLayout.NORTH);
		top.add(objects, BorderLayout.CENTER);
		top.add(south, BorderLayout.SOUTH);
		return top;
	}

	private Panel actionsPanel() {
		final Panel actions = new Panel(new GridLayout(0, 3));
		actions.add(button("Propagate >", () -> propagate(Direction.FORWARD)));
		actions.add(button("< Propagate", () -> propagate(Direction.BACKWARD)));
		actions.add(button("< Both >", () -> propagate(Direction.BOTH)));
		actions.add(button("Undo", () -> history(image::undo, "Undone.", "Nothing to undo.")));
		actions.add(button("Redo", () -> history(image::redo, "Redone.", "Nothing to redo.")));
		actions.add(button("Stop", () -> stop.set(true)));
		actions.add(selectedOnly);
		actions.add(new Label());
		actions.add(new Label());
		actions.add(button("From selection", this::fromSelection));
		actions.add(button("From ROI Manager", this::fromRoiManager));
		actions.add(button("Label image", () -> worker.execute(() -> image.labelImage().show())));
		actions.add(button("Open session...", this::openSession));
		actions.add(button("Save session...", this::saveSession));
		actions.add(button("Save results...", this::save));
		actions.add(overwrite);
		return actions;
	}

	/** Opens the model and the panel beside the image with the tracker's defaults, on the device. */
	static InteractivePanel open(final ImagePlus imp, final Path bundle, final Device device)
		throws BundleException, BadInputException
	{
		return open(imp, RunSettings.defaults().with(RunParameters.DEVICE, device), bundle);
	}

	/** Opens the model and the panel beside the image; the model stays open while the panel is. */
	static InteractivePanel open(final ImagePlus imp, final RunSettings settings, final Path bundle)
		throws BundleException, BadInputException
	{
		final TrackingOptions options = settings.trackingOptions(bundle);
		final FeatureStore store = FeatureStores.of(settings, IJ::log);
		if (options.device() != Device.CPU) IJ.log(InteractivePlugin.TITLE + ": " + GpuSetup.prepare().line());
		final Sam2Model model = SizedModels.open(bundle, options.inputSize(), options.precision(), options.device(),
			Runtime.getRuntime().availableProcessors());
		try {
			final int plane = TrackingAxis.of(imp).alongZ() ? 1 : imp.getZ();
			final InteractiveImage image = new InteractiveImage(imp, options, model, plane, featureCacheFrames(imp),
				store);
			final InteractivePanel panel = new InteractivePanel(imp, settings, model, image, plane);
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
		repaint.schedule(new TimerTask() {

			@Override
			public void run() {
				strip.repaint();
			}
		}, 500, 500);
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
			final String elsewhere = otherSlice();
			if (elsewhere != null) {
				status.setText(elsewhere);
				return;
			}
			final int position = position();
			final int object = selected();
			if (drag) run(() -> image.box(position, object, x0, y0, x1, y1), "Box for object " + object + ".");
			else run(() -> image.click(position, object, x0, y0, !negative), (negative ? "Negative" : "Positive") +
				" click for object " + object + ".");
		}
	}

	/** Why the image's current slice cannot take marks, or null when it can. */
	private String otherSlice() {
		if (axis.alongZ() || imp.getZ() == plane) return null;
		return "This panel tracks slice " + plane + ": go back to it to mark, or open another panel on slice " + imp
			.getZ() + ".";
	}

	@Override
	public void imageUpdated(final ImagePlus updated) {
		if (updated != imp) return;
		showOverlay();
		image.prefetch(position(), ENCODE_AROUND);
		status.setText(axis.axisName().substring(0, 1).toUpperCase() + axis.axisName().substring(1) + " " + position() +
			(image.ready(position()) ? ": ready for clicks." : ": being prepared, a click waits for it."));
		strip.repaint();
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

	private void go(final int position) {
		if (axis.alongZ()) imp.setZ(position);
		else imp.setT(position);
	}

	private void showOverlay() {
		imp.setOverlay(image.overlay(position()));
	}

	/** What the status line says now. */
	String status() {
		return status.getText();
	}

	// -- objects

	private void newObject() {
		final int id = nextObject++;
		objects.add(item(id));
		objects.select(objects.getItemCount() - 1);
		showName();
	}

	/** An object as the list shows it: its label, its name, and whether it is hidden. */
	private String item(final int id) {
		return id + ": " + image.name(id) + (image.hidden(id) ? " (hidden)" : "");
	}

	private void showName() {
		name.setText(image.name(selected()));
		swatch.setBackground(image.colour(selected()));
	}

	/**
	 * Lists the objects the session has (after a deletion, an undo, a redo, a rename or an opened session), keeping
	 * the selected one, and the newest when it is selected and not marked yet (unless it was just deleted).
	 */
	private void refreshObjects(final boolean keepUnmarked) {
		final int chosen = selected();
		final List<Integer> ids = new ArrayList<>(image.objectIds());
		if (keepUnmarked && !ids.contains(chosen) && chosen == nextObject - 1) ids.add(chosen);
		for (final int id : ids) nextObject = Math.max(nextObject, id + 1);
		EventQueue.invokeLater(() -> {
			objects.removeAll();
			for (final int id : ids) objects.add(item(id));
			final int at = ids.indexOf(chosen);
			if (at >= 0) objects.select(at);
			else if (!ids.isEmpty()) objects.select(ids.size() - 1);
			showName();
		});
	}

	/** The items in the objects list, as shown. */
	List<String> listedObjects() {
		return List.of(objects.getItems());
	}

	/** The selected object's label (the number its item starts with). */
	int selected() {
		final String item = objects.getSelectedItem();
		return item == null ? 1 : Integer.parseInt(item.substring(0, item.indexOf(':')));
	}

	// -- prompts from ROIs

	/** The image's selection as the selected object's prompt on the current frame, by the tracker's ROI rules. */
	private void fromSelection() {
		final Roi selection = imp.getRoi();
		if (selection == null) {
			status.setText("There is no selection: draw points, a rectangle or an outline on the image first.");
			return;
		}
		final String elsewhere = otherSlice();
		if (elsewhere != null) {
			status.setText(elsewhere);
			return;
		}
		final Roi here = (Roi) selection.clone();
		if (imp.isHyperStack()) here.setPosition(0, imp.getZ(), imp.getT());
		else here.setPosition(imp.getCurrentSlice());
		final int object = selected();
		final int position = position();
		run(() -> {
			final List<ObjectPrompt> read = reader().read(List.of(new RoiPrompts.NamedRoi(here, "the selection")));
			final List<ObjectPrompt> mine = new ArrayList<>();
			for (final ObjectPrompt p : read) {
				mine.add(new ObjectPrompt(new PromptKey(object, position, plane), p.prompt(), p.source()));
			}
			image.add(mine);
			imp.deleteRoi();
		}, "The selection is now object " + object + "'s prompt on this " + axis.axisName() + ".");
	}

	/** Every ROI Manager entry as prompts, objects numbered as the tracker numbers them (groups are one object). */
	private void fromRoiManager() {
		final List<RoiPrompts.NamedRoi> rois = RoiPrompts.collect(imp, PromptSource.ROI_MANAGER);
		run(() -> {
			image.add(reader().read(rois));
			refreshObjects(false);
		}, "Prompts from the ROI Manager's " + rois.size() + " entr" + (rois.size() == 1 ? "y" : "ies") + ".");
	}

	private RoiPrompts reader() {
		return new RoiPrompts(imp, settings.get(RunParameters.POINTS), image.range());
	}

	// -- propagation

	private void propagate(final Direction direction) {
		stop.set(false);
		final java.util.Set<Integer> only = selectedOnly.getState() ? java.util.Set.of(selected()) : null;
		worker.execute(() -> {
			status.setText("Propagating " + (only == null ? "" : "object " + only.iterator().next() + " ") + direction
				.name().toLowerCase() + "... (Stop or Esc to stop)");
			IJ.resetEscape();
			final int[] done = { 0 };
			final long start = System.nanoTime();
			try {
				final boolean finished = image.propagate(direction, only, p -> {
					done[0]++;
					if (p == position()) showOverlay();
					IJ.showProgress(done[0], Math.max(done[0], axis.length()));
				}, () -> stop.get() || IJ.escapePressed());
				engineSeconds += (System.nanoTime() - start) / 1e9;
				status.setText((finished ? "Propagated: " : "Stopped: ") + done[0] + " object-frames computed.");
			}
			finally { // the frames done so far stay, also when the worker tells it ran out of memory
				IJ.showProgress(1.0);
				showOverlay();
			}
		});
	}

	// -- sessions and results

	/** Asks for a .json file, then saves the session there: objects, prompts and corrections. */
	private void saveSession() {
		final SaveDialog dialog = new SaveDialog("Save the SAM 2 session of " + imp.getTitle(), imp.getShortTitle() +
			"-session", ".json");
		if (dialog.getFileName() == null) return;
		final Path file = Path.of(dialog.getDirectory(), dialog.getFileName());
		worker.execute(() -> report(() -> saveSession(file)));
	}

	/**
	 * Saves the session as a prompt file that SAM 2 Tracker (menu, macro, command line) replays to the same labels,
	 * and that Open session... reopens; returns what was saved, in words. On the worker thread.
	 */
	String saveSession(final Path file) throws IOException {
		final PromptSet session = image.session(SessionRecord.maskOptions(settings));
		if (session.prompts().isEmpty()) throw new IOException("There is nothing to save: mark an object first.");
		PromptJson.write(file, session, axis.alongZ(), imp.getWidth());
		return "Saved the session (" + image.objectIds().size() + " objects) to " + file + ".";
	}

	/** Asks for a session or prompt file, then opens it into this panel. */
	private void openSession() {
		final OpenDialog dialog = new OpenDialog("Open a SAM 2 session or prompt file for " + imp.getTitle());
		if (dialog.getFileName() == null) return;
		final Path file = Path.of(dialog.getDirectory(), dialog.getFileName());
		worker.execute(() -> report(() -> openSession(file)));
	}

	/**
	 * Opens a saved session (or any prompt file: JSON, CSV, RoiSet) into this panel while it has no objects; returns
	 * what was opened, in words. On the worker thread.
	 */
	String openSession(final Path file) throws BadInputException {
		final PromptSet read = PromptFiles.read(file, imp, settings.get(RunParameters.POINTS), IJ::log);
		if (read.session().isPresent()) read.session().get().checkReplay(settings, file.getFileName().toString());
		image.restore(read);
		refreshObjects(false);
		showOverlay();
		final int corrections = read.session().map(s -> s.corrections().size()).orElse(0);
		return "Opened " + image.objectIds().size() + " objects from " + file.getFileName() + (corrections > 0 ? "; " +
			"their " + corrections + " corrections apply when you propagate (< Both > to see every frame)." : ".");
	}

	/** Asks for a folder, then saves the tracker's outputs there, or says why not. */
	private void save() {
		final String chosen = new ij.io.DirectoryChooser("Save the results of " + imp.getTitle() + " in").getDirectory();
		if (chosen == null) return;
		worker.execute(() -> report(() -> saveResults(Path.of(chosen))));
	}

	/** Saves the tracker's outputs into the folder (Overwrite as ticked); what was saved, in words. */
	String saveResults(final Path folder) throws BadInputException, IOException {
		return InteractiveSave.save(imp, image, model, folder, overwrite.getState(), engineSeconds);
	}

	/** Something that says what it did, or fails with a message for the user. */
	private interface Told {
		String run() throws BadInputException, IOException;
	}

	private void report(final Told step) {
		try {
			status.setText(step.run());
		}
		catch (final BadInputException | IOException e) {
			tell(e.getMessage());
		}
	}

	/** Shows a step's failure in the status line and in a dialog. */
	private void tell(final String message) {
		status.setText(message);
		IJ.error(InteractivePlugin.TITLE, message);
	}

	/** Whether the worker has nothing queued or running: what a user sees is up to date. */
	boolean idle() {
		return worker.idle();
	}

	/** A step of the engine that may refuse its input. */
	private interface Step {
		void run() throws BadInputException;
	}

	/** Runs an engine step on the worker thread, then shows the current frame's masks. */
	private void run(final Step step, final String done) {
		worker.execute(() -> {
			try {
				final long start = System.nanoTime();
				step.run();
				engineSeconds += (System.nanoTime() - start) / 1e9;
				status.setText(done);
			}
			catch (final BadInputException | IllegalArgumentException e) {
				status.setText(e.getMessage());
			}
			finally {
				showOverlay(); // what the step left, also when the worker tells it ran out of memory
			}
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
		repaint.cancel();
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
