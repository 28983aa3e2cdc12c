package org.sam2tracker.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutOfMemoryTest {

	@Test
	void namesTheCeilingInUnitsAUserReadsAndHowToRaiseIt() {
		final String gb = OutOfMemory.message(6L << 30, "Edit > Options > Memory & Threads");
		assertTrue(gb.contains("at most 6.0 GB here"), gb);
		assertTrue(gb.contains("Give it more (Edit > Options > Memory & Threads)"), gb);
		assertTrue(gb.endsWith("fewer objects at once."), gb);
		assertTrue(OutOfMemory.runMessage("x").endsWith("at once. Nothing was written."));
		final String mb = OutOfMemory.message(40L << 20, "java -Xmx8g");
		assertTrue(mb.contains("at most 40 MB here"), mb);
	}
}
