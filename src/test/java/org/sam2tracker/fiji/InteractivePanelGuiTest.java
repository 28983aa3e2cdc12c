package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.ImageCanvas;
import ij.gui.Roi;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.model.Device;
import org.sam2tracker.output.OutputSet;
import org.sam2tracker.testing.AwtButtons;
import org.sam2tracker.testing.CellsClip;
import org.sam2tracker.testing.TestData;

/**
 * The panel on a real screen (run under Xvfb; skipped without a display): real mouse clicks on the image window
 * show the mask, the Propagate button fills the other frames, an Alt-click correction changes only later frames;
 * a selection becomes the selected object's prompt, objects are renamed and hidden, a saved session reopens in a
 * new panel to the same labels, and a click on another slice is refused.
 */
class InteractivePanelGuiTest {

	@Test
	void clicksOnTheImageWindowTrackAndCorrectTheObject() throws Exception {
		assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display: run under Xvfb (xvfb-run)");
		final ImagePlus cells = CellsClip.open("cells-8bit.tif");
		cells.show();
		waitFor(() -> cells.getWindow() != null && cells.getWindow().isShowing(), "the image window");
		final InteractivePanel panel = InteractivePanel.open(cells, TestData.TOY_BUNDLE, Device.CPU);
		try {
			final Robot robot = new Robot();
			robot.setAutoDelay(30);
			final float[] cell = CellsClip.centroid(1, 2);
			clickOn(robot, cells, cell);
			waitFor(() -> panel.idle() && cells.getOverlay() != null && cells.getOverlay().size() == 1,
				"the mask overlay after a click");
			assertTrue(panel.image.objectIds().contains(1));

			AwtButtons.press(panel, "Propagate >");
			waitFor(() -> panel.idle() && panel.image.isCurrent(CellsClip.FRAMES), "propagation to the last frame");
			EventQueue.invokeAndWait(() -> cells.setT(8));
			waitFor(() -> cells.getOverlay() != null && cells.getOverlay().size() == 1, "the mask on frame 8");
			final ImagePlus tracked = panel.image.labelImage();

			EventQueue.invokeAndWait(() -> cells.setT(12));
			robot.keyPress(KeyEvent.VK_ALT);
			clickOn(robot, cells, CellsClip.centroid(12, 2));
			robot.keyRelease(KeyEvent.VK_ALT);
			waitFor(() -> panel.idle() && !panel.image.isCurrent(13), "the correction on frame 12");
			assertTrue(panel.image.isCurrent(11));
			AwtButtons.press(panel, "Propagate >");
			waitFor(() -> panel.idle() && panel.image.isCurrent(CellsClip.FRAMES), "propagation after the correction");
			final ImagePlus corrected = panel.image.labelImage();
			for (int frame = 1; frame < 12; frame++) {
				assertArrayEquals((short[]) tracked.getStack().getPixels(frame), (short[]) corrected.getStack()
					.getPixels(frame), "frame " + frame);
			}
			assertFalse(java.util.Arrays.equals((short[]) tracked.getStack().getPixels(12), (short[]) corrected
				.getStack().getPixels(12)), "the negative click changed frame 12");

			AwtButtons.press(panel, "Delete");
			waitFor(() -> panel.idle() && panel.image.objectIds().isEmpty() && panel.listedObjects().isEmpty(),
				"the object deleted from the session and the list");
			waitFor(() -> cells.getOverlay() != null && cells.getOverlay().size() == 0, "its mask gone");
			AwtButtons.press(panel, "Undo");
			waitFor(() -> panel.idle() && panel.listedObjects().equals(java.util.List.of("1: Object 1")),
				"the object back in the list after an undo");
			assertArrayEquals((short[]) corrected.getStack().getPixels(12), (short[]) panel.image.labelImage()
				.getStack().getPixels(12), "and its masks with it");
		}
		finally {
			EventQueue.invokeAndWait(panel::close);
			cells.changes = false;
			cells.close();
		}
		assertEquals(null, cells.getOverlay(), "closing the panel takes its masks off the image");
	}

	@Test
	void aSelectionPromptsTheSelectedObjectNamesAndHidingShowAndASavedSessionReopens(@TempDir final Path dir)
		throws Exception
	{
		assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display: run under Xvfb (xvfb-run)");
		final ImagePlus cells = CellsClip.open("cells-8bit.tif");
		cells.show();
		waitFor(() -> cells.getWindow() != null && cells.getWindow().isShowing(), "the image window");
		final Path session = dir.resolve("cells-session.json");
		final ImagePlus tracked;
		final InteractivePanel panel = InteractivePanel.open(cells, TestData.TOY_BUNDLE, Device.CPU);
		try {
			final float[] c = CellsClip.centroid(1, 3);
			EventQueue.invokeAndWait(() -> cells.setRoi(new Roi(c[0] - 10, c[1] - 10, 20, 20)));
			AwtButtons.press(panel, "From selection");
			waitFor(() -> panel.idle() && cells.getOverlay() != null && cells.getOverlay().size() == 1,
				"the mask of the rectangle");
			assertNull(cells.getRoi(), "the selection became the prompt");
			assertEquals(List.of(1), panel.image.objectIds());

			EventQueue.invokeAndWait(() -> panel.name.setText("nucleus"));
			AwtButtons.press(panel, "Rename");
			AwtButtons.press(panel, "Hide / show");
			waitFor(() -> panel.listedObjects().equals(List.of("1: nucleus (hidden)")), "the renamed, hidden object");
			waitFor(() -> cells.getOverlay() != null && cells.getOverlay().size() == 0, "no mask for a hidden object");

			AwtButtons.press(panel, "< Both >");
			waitFor(() -> panel.idle() && panel.image.complete(), "propagation through every frame");
			tracked = panel.image.labelImage();
			assertTrue(panel.saveSession(session).contains("Saved the session"));
			assertTrue(panel.saveResults(dir).contains(OutputSet.FORMATS.size() + " results"));
			final ImagePlus exported = ij.IJ.openImage(dir.resolve("cells-8bit-labels.tif").toString());
			for (int frame = 1; frame <= CellsClip.FRAMES; frame++) {
				assertArrayEquals((short[]) tracked.getStack().getPixels(frame), (short[]) exported.getStack().getPixels(
					frame), "exported frame " + frame);
			}
		}
		finally {
			EventQueue.invokeAndWait(panel::close);
		}

		final InteractivePanel again = InteractivePanel.open(cells, TestData.TOY_BUNDLE, Device.CPU);
		try {
			assertTrue(again.openSession(session).startsWith("Opened 1 objects"));
			waitFor(() -> again.listedObjects().equals(List.of("1: nucleus (hidden)")), "the object back, by name");
			AwtButtons.press(again, "< Both >");
			waitFor(() -> again.idle() && again.image.complete(), "propagation of the reopened session");
			for (int frame = 1; frame <= CellsClip.FRAMES; frame++) {
				assertArrayEquals((short[]) tracked.getStack().getPixels(frame), (short[]) again.image.labelImage()
					.getStack().getPixels(frame), "frame " + frame);
			}
		}
		finally {
			EventQueue.invokeAndWait(again::close);
			cells.changes = false;
			cells.close();
		}
	}

	@Test
	void aClickOnAnotherSliceThanTheTrackedOneIsRefusedWithTheReason() throws Exception {
		assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display: run under Xvfb (xvfb-run)");
		final ImagePlus cells = CellsClip.open("cells-8bit.tif");
		final ImageStack two = new ImageStack(cells.getWidth(), cells.getHeight());
		for (int t = 1; t <= cells.getStackSize(); t++) {
			two.addSlice(cells.getStack().getProcessor(t));
			two.addSlice(cells.getStack().getProcessor(t).duplicate());
		}
		final ImagePlus hyper = new ImagePlus("two slices", two);
		hyper.setDimensions(1, 2, cells.getStackSize());
		hyper.setOpenAsHyperStack(true);
		hyper.show();
		waitFor(() -> hyper.getWindow() != null && hyper.getWindow().isShowing(), "the image window");
		final InteractivePanel panel = InteractivePanel.open(hyper, TestData.TOY_BUNDLE, Device.CPU);
		try {
			EventQueue.invokeAndWait(() -> hyper.setPosition(1, 2, 1));
			final Robot robot = new Robot();
			robot.setAutoDelay(30);
			clickOn(robot, hyper, CellsClip.centroid(1, 2));
			waitFor(() -> panel.idle() && panel.status().contains("tracks slice 1"), "the refusal");
			assertTrue(panel.status().contains("go back to it to mark, or open another panel on slice 2"), panel
				.status());
			assertTrue(panel.image.objectIds().isEmpty(), "nothing was marked");
		}
		finally {
			EventQueue.invokeAndWait(panel::close);
			hyper.changes = false;
			hyper.close();
		}
	}

	private static void clickOn(final Robot robot, final ImagePlus imp, final float[] xy) {
		final ImageCanvas canvas = imp.getCanvas();
		final Point on = canvas.getLocationOnScreen();
		robot.mouseMove(on.x + canvas.screenXD(xy[0]), on.y + canvas.screenYD(xy[1]));
		robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
		robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
		robot.waitForIdle();
	}

	private static void waitFor(final BooleanSupplier condition, final String what) throws InterruptedException {
		final long deadline = System.nanoTime() + 180_000_000_000L;
		while (!condition.getAsBoolean()) {
			assertTrue(System.nanoTime() < deadline, "waited three minutes for " + what);
			Thread.sleep(50);
		}
	}
}
