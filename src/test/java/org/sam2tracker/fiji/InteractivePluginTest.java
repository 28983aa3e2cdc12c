package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.GraphicsEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The interactive command without a screen says where to go instead, and opens nothing. */
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
}
