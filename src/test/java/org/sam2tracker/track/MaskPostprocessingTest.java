package org.sam2tracker.track;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class MaskPostprocessingTest {

	@Test
	void fillsSmallEnclosedHolesOnly() {
		// 7 x 7: a ring around a 1-pixel hole, and a bay open to the border.
		final int w = 7, h = 7;
		final boolean[] mask = new boolean[w * h];
		for (int y = 1; y <= 5; y++) for (int x = 1; x <= 5; x++) mask[y * w + x] = true;
		mask[3 * w + 3] = false; // enclosed hole
		mask[1 * w + 3] = false; // bay touching the outside through (3, 0)? no: row 0 is background, so open
		MaskPostprocessing.fillHoles(mask, w, h, 1);
		assertTrue(mask[3 * w + 3], "the enclosed one-pixel hole is filled");
		assertFalse(mask[1 * w + 3], "a gap open to the background stays");
		assertFalse(mask[0], "the outside stays background");
	}

	@Test
	void leavesHolesLargerThanTheLimit() {
		final int w = 8, h = 8;
		final boolean[] mask = new boolean[w * h];
		Arrays.fill(mask, true);
		for (int y = 2; y <= 4; y++) for (int x = 2; x <= 4; x++) mask[y * w + x] = false; // 9-pixel hole
		MaskPostprocessing.fillHoles(mask, w, h, 8);
		assertFalse(mask[3 * w + 3]);
		MaskPostprocessing.fillHoles(mask, w, h, 9);
		assertTrue(mask[3 * w + 3]);
	}

	@Test
	void nonOverlapGivesEachPixelToTheStrongestObject() {
		final int l = 2;
		final float[] a = { 5, 5, -5, -5 };
		final float[] b = { 1, 9, 2, -3 };
		final FrameResult result = new FrameResult(0, 2, 2, l, List.of(new ObjectResult(1, a, 1, 0),
			new ObjectResult(2, b, 1, 0)));
		final boolean[][] plain = MaskPostprocessing.NONE.masks(result);
		assertTrue(plain[0][0] && plain[1][0], "without the option both objects claim pixel 0");
		final boolean[][] exclusive = new MaskPostprocessing(true, 0).masks(result);
		for (int p = 0; p < 4; p++) assertFalse(exclusive[0][p] && exclusive[1][p], "pixel " + p + " is shared");
		assertTrue(exclusive[0][0], "object 1 is stronger at pixel 0");
		assertTrue(exclusive[1][1], "object 2 is stronger at pixel 1");
		assertTrue(exclusive[1][2], "object 2 alone is positive at pixel 2");
		assertFalse(exclusive[0][3] || exclusive[1][3], "no object at pixel 3");
	}
}
