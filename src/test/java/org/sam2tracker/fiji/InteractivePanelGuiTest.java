package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ij.ImagePlus;
import ij.gui.ImageCanvas;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.sam2tracker.model.Device;
import org.sam2tracker.testing.AwtButtons;
import org.sam2tracker.testing.CellsClip;
import org.sam2tracker.testing.TestData;

/**
 * The panel on a real screen (run under Xvfb; skipped without a display): real mouse clicks on the image window
 * show the mask, the Propagate button fills the other frames, an Alt-click correction changes only later frames.
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
			waitFor(() -> panel.idle() && panel.listedObjects().equals(java.util.List.of("Object 1")),
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
