package org.sam2tracker.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sam2tracker.track.Prompt;

/** The one merge and validation every prompt reader shares: what meets under one key, and what is refused. */
class PromptMergerTest {

	private static final PromptKey CELL_1 = new PromptKey(1, 3, 1);

	private final PromptMerger merger = new PromptMerger(100, 80);

	@Test
	void clicksOfOneKeyBecomeOnePromptInTheOrderGiven() throws Exception {
		merger.click(CELL_1, 10, 20, 1, "a.csv line 2");
		merger.click(new PromptKey(2, 3, 1), 50, 50, 1, "a.csv line 3");
		merger.click(CELL_1, 12, 22, 0, "a.csv line 4");
		final List<ObjectPrompt> prompts = merger.prompts();
		assertEquals(2, prompts.size());
		assertEquals(CELL_1, prompts.get(0).key());
		assertArrayEquals(new float[] { 10, 20, 12, 22 }, prompts.get(0).prompt().points());
		assertArrayEquals(new int[] { 1, 0 }, prompts.get(0).prompt().labels());
		assertEquals("a.csv line 2, a.csv line 4", prompts.get(0).source());
	}

	@Test
	void aBoxAndClicksMakeOnePromptAndOutlinesOfOneKeyAreJoined() throws Exception {
		merger.box(CELL_1, 5, 5, 30, 30, "box");
		merger.click(CELL_1, 10, 10, 1, "click");
		final Prompt boxAndClick = merger.prompts().get(0).prompt();
		assertArrayEquals(new float[] { 5, 5, 30, 30 }, boxAndClick.box());
		assertEquals(1, boxAndClick.pointCount());

		final PromptMerger outlines = new PromptMerger(4, 1);
		outlines.mask(CELL_1, new boolean[] { true, false, false, false }, "left");
		outlines.mask(CELL_1, new boolean[] { false, false, false, true }, "right");
		final Prompt joined = outlines.prompts().get(0).prompt();
		assertArrayEquals(new boolean[] { true, false, false, true }, joined.mask());
		assertNull(joined.box());
	}

	@Test
	void eachPieceIsCheckedAgainstTheImageAndNamesItsSource() {
		assertTrue(refused(() -> merger.click(CELL_1, 120, 10, 1, "a.csv line 7")).startsWith(
			"a.csv line 7: The click at (120.0, 10.0) lies outside the image of 100 x 80 pixels"));
		assertTrue(refused(() -> merger.click(CELL_1, 10, 10, 2, "the selection")).startsWith("The selection: The " +
			"click has the label 2"), "a ROI's description starts the sentence capitalised");
		assertTrue(refused(() -> merger.box(CELL_1, 30, 30, 10, 10, "b.json")).contains("has no area"));
		assertTrue(refused(() -> merger.mask(CELL_1, new boolean[5], "outline")).contains("the image has 100 x 80"));
		assertTrue(refused(() -> merger.click(new PromptKey(0, 1, 1), 1, 1, 1, "x.csv line 2")).contains(
			"objects are numbered from 1"));
	}

	@Test
	void whatOnlyTheWholeShowsIsRefused() throws Exception {
		merger.box(CELL_1, 5, 5, 30, 30, "first box");
		assertTrue(refused(() -> merger.box(CELL_1, 6, 6, 31, 31, "second box")).contains("a second box on the same " +
			"frame as first box"));
		merger.mask(new PromptKey(2, 3, 1), new boolean[100 * 80], "outline");
		assertTrue(refused(() -> merger.click(new PromptKey(2, 3, 1), 1, 1, 1, "click")).contains("an outline, and " +
			"click clicks"));
		final PromptMerger background = new PromptMerger(100, 80);
		background.click(CELL_1, 1, 1, 0, "bg.csv line 2");
		assertTrue(assertThrows(PromptException.class, background::prompts).getMessage().contains("only background"));
	}

	@Test
	void aFrameRangeIsWorkedOutOnceAndRefusedWhenItDoesNotFit() throws Exception {
		assertEquals(new FrameRange(1, 32), FrameRange.of(0, 0, 32, "frame"));
		assertEquals(new FrameRange(5, 20), FrameRange.of(5, 20, 32, "frame"));
		assertTrue(new FrameRange(5, 20).contains(20) && !new FrameRange(5, 20).contains(21));
		assertEquals(16, new FrameRange(5, 20).length());
		assertTrue(assertThrows(BadInputException.class, () -> FrameRange.of(5, 40, 32, "slice")).getMessage()
			.contains("slice range 5-40 does not fit the image, which has 32 slices"));
		assertThrows(BadInputException.class, () -> FrameRange.of(9, 3, 32, "frame"));
	}

	private static String refused(final org.junit.jupiter.api.function.Executable add) {
		return assertThrows(PromptException.class, add).getMessage();
	}
}
