package org.sam2tracker.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class NaturalOrderTest {

	@Test
	void numbersCompareAsNumbers() {
		assertSorted("frame1.tif", "frame2.tif", "frame10.tif", "frame100.tif");
		assertSorted("t0009.png", "t10.png", "t011.png");
		assertSorted("a.tif", "B.tif", "c.tif");
		assertSorted("s1_t2.tif", "s1_t10.tif", "s2_t1.tif");
		assertSorted("img.tif", "img1.tif", "img1a.tif");
		assertSorted("x99999999999999999999.tif", "x100000000000000000000.tif");
	}

	@Test
	void equalByNumberIsStillOrdered() {
		assertSorted("f01.tif", "f1.tif");
		assertSorted("F1.tif", "f1.tif");
	}

	private static void assertSorted(final String... names) {
		final List<String> shuffled = new ArrayList<>(List.of(names));
		Collections.reverse(shuffled);
		shuffled.sort(NaturalOrder.INSTANCE);
		assertEquals(List.of(names), shuffled);
	}
}
