package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.ImagePlus;

import java.awt.GraphicsEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.sam2tracker.testing.CellsClip;

/**
 * The interactive command without a screen says where to go instead, and opens nothing; without an image or an
 * installed model it says what to do first.
 */
class InteractivePluginTest {

	@Test
	void withoutAScreenItPointsToTheTracker() {
		assumeTrue(GraphicsEnvironment.isHeadless(), "this checks the headless message");
		final PrintStream was = System.out;
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		try {
			new InteractivePlugin().run("");
		}
		finally {
			System.setOut(was);
		}
		final String said = out.toString(StandardCharsets.UTF_8);
		assertTrue(said.contains("SAM 2 Interactive needs a screen: without one, track with SAM 2 Tracker..."), said);
	}

	@Test
	void withoutAnImageOrAModelItSaysWhatToDoFirst() {
		assertEquals("There is no image: open a time-lapse or a z-stack first.", InteractivePlugin.refusal(null, 1));
		final ImagePlus cells = CellsClip.open("cells-8bit.tif");
		assertTrue(InteractivePlugin.refusal(cells, 0).contains("install one with Plugins > Tracking > SAM 2 Manage " +
			"Models..."), InteractivePlugin.refusal(cells, 0));
		assertNull(InteractivePlugin.refusal(cells, 1));
	}
}
