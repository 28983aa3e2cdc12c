package org.sam2tracker.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The division rule on masks drawn by hand (20 x 10 pixels): a split of comparable parts that holds for three
 * frames is a division from its first frame; a flicker, a crumb, a lopsided split and a mask that took in a
 * neighbour are not.
 */
class DivisionRuleTest {

	private static final int W = 20;
	private static final int H = 10;
	private static final DivisionRule RULE = DivisionRule.CELLS;

	/** Filled rectangles [x0, x1) x [0, H). */
	private static boolean[] mask(final int... xs) {
		final boolean[] m = new boolean[W * H];
		for (int i = 0; i < xs.length; i += 2) {
			for (int y = 0; y < H; y++) for (int x = xs[i]; x < xs[i + 1]; x++) m[y * W + x] = true;
		}
		return m;
	}

	private static final boolean[] ONE = mask(4, 14);
	private static final boolean[] TWO = mask(2, 8, 12, 18);

	@Test
	void aSplitThatHoldsForThreeFramesIsADivisionFromItsFirst() {
		assertEquals(3, RULE.splitFrame(List.of(ONE, ONE, ONE, TWO, TWO, TWO, TWO), W, H));
		final boolean[][] parts = RULE.parts(TWO, W, H);
		assertNotNull(parts);
		assertEquals(60, count(parts[0]));
		assertEquals(60, count(parts[1]));
	}

	@Test
	void aFlickerACrumbALopsidedSplitOrAGrownMaskIsNone() {
		assertEquals(-1, RULE.splitFrame(List.of(ONE, TWO, TWO, ONE, TWO, ONE), W, H), "never three in a row");
		final boolean[] crumb = mask(2, 12, 15, 16); // 10 pixels apart from 100: below 16 pixels
		assertNull(RULE.parts(crumb, W, H));
		final boolean[] lopsided = mask(0, 12, 15, 18); // 30 of 120: below 0.4
		assertNull(RULE.parts(lopsided, W, H));
		final boolean[] small = mask(8, 11);
		final List<boolean[]> grew = new ArrayList<>(Arrays.asList(small, small, small, TWO, TWO, TWO));
		assertEquals(-1, RULE.splitFrame(grew, W, H), "120 pixels from 30: a neighbour taken in, not a division");
		assertEquals(-1, RULE.splitFrame(Arrays.asList(ONE, null, TWO, TWO, null), W, H), "absent frames break a run");
	}

	private static int count(final boolean[] m) {
		int n = 0;
		for (final boolean b : m) if (b) n++;
		return n;
	}
}
