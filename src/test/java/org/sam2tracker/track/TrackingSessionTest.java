package org.sam2tracker.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.testing.MovingDisks;

/** The session's own behaviour, on the toy bundle (a real blob tracker) and synthetic disks with known truth. */
class TrackingSessionTest {

	private static Sam2Model toy;

	@BeforeAll
	static void open() throws Exception {
		toy = Sam2Model.open(TestData.TOY_BUNDLE, Device.CPU, 2);
	}

	@AfterAll
	static void close() {
		toy.close();
	}

	@Test
	void tracksThroughALongClipWithBoundedMemory() {
		final MovingDisks disks = new MovingDisks(240, 128, 96, 2, 11);
		final TrackingSession session = new TrackingSession(toy, disks, 2);
		for (int d = 0; d < 2; d++) {
			final double[] c = disks.centre(d, 0);
			session.addPrompt(0, d + 1, Prompt.points(new float[] { (float) c[0], (float) c[1] }, new int[] { 1 }));
		}
		final double[] worst = { 1 };
		final double[] sum = { 0 };
		final int[] most = { 0 };
		final List<Integer> seen = new ArrayList<>();
		assertTrue(session.propagate(0, Direction.FORWARD, -1, r -> {
			seen.add(r.frame());
			for (int d = 0; d < 2; d++) {
				final double iou = iou(r.mask(d), disks, d, r.frame());
				worst[0] = Math.min(worst[0], iou);
				sum[0] += iou;
			}
			most[0] = Math.max(most[0], session.storedTrackedOutputs());
		}, () -> false));
		assertEquals(240, seen.size());
		final double mean = sum[0] / (2 * 240);
		System.out.printf("toy tracking over 240 frames: mean IoU %.3f, worst %.3f; most tracked outputs kept %d%n",
			mean, worst[0], most[0]);
		assertTrue(mean > 0.85, "mean IoU " + mean);
		assertTrue(worst[0] > 0.6, "worst IoU " + worst[0]);
		// Each object keeps at most the 15 frames behind the current one and the 15 after its prompt frame.
		assertTrue(most[0] <= 2 * 31, "kept " + most[0] + " tracked outputs");
		assertTrue(most[0] >= 2 * 15, "kept " + most[0] + ": too few for the memory SAM 2 uses");
		// A kept tracked output holds its memory features (bfloat16) and pointer; the two conditioning outputs
		// also their logits. Nothing holds full-resolution logits.
		final var c = toy.config();
		final long tracked = 2L * c.memoryDim() * c.featureSize() * c.featureSize() + 4L * c.hiddenDim();
		final long conditioning = tracked + 4L * c.lowResMaskSize() * c.lowResMaskSize();
		assertTrue(session.retainedBytes() <= 2 * 31 * tracked + 2 * conditioning, "retained " + session
			.retainedBytes() + " bytes");
	}

	@Test
	void cancellingStopsBetweenFramesAndKeepsWhatWasDone() {
		final MovingDisks disks = new MovingDisks(20, 96, 96, 1, 10);
		final TrackingSession session = new TrackingSession(toy, disks, 2);
		final double[] c = disks.centre(0, 0);
		session.addPrompt(0, 1, Prompt.points(new float[] { (float) c[0], (float) c[1] }, new int[] { 1 }));
		final List<FrameResult> done = new ArrayList<>();
		assertFalse(session.propagate(0, Direction.FORWARD, -1, done::add, () -> done.size() >= 5));
		assertEquals(5, done.size());
		for (final FrameResult r : done) assertTrue(iou(r.mask(0), disks, 0, r.frame()) > 0.6);
		final List<FrameResult> resumed = new ArrayList<>();
		assertTrue(session.propagate(5, Direction.FORWARD, 3, resumed::add, () -> false));
		assertEquals(List.of(5, 6, 7, 8), resumed.stream().map(FrameResult::frame).toList());
		assertTrue(iou(resumed.get(3).mask(0), disks, 0, 8) > 0.6);
	}

	@Test
	void propagatesBothWaysFromAMiddleFrame() {
		final MovingDisks disks = new MovingDisks(12, 96, 96, 1, 10);
		final TrackingSession session = new TrackingSession(toy, disks, 2);
		final double[] c = disks.centre(0, 6);
		session.addPrompt(6, 1, Prompt.points(new float[] { (float) c[0], (float) c[1] }, new int[] { 1 }));
		final List<Integer> order = new ArrayList<>();
		session.propagate(6, Direction.BOTH, -1, r -> order.add(r.frame()), () -> false);
		assertEquals(List.of(6, 7, 8, 9, 10, 11, 6, 5, 4, 3, 2, 1, 0), order);
	}

	@Test
	void badPromptsGetClearMessages() {
		final MovingDisks disks = new MovingDisks(5, 100, 80, 1, 10);
		final TrackingSession session = new TrackingSession(toy, disks, 1);
		assertMessage("outside the image of 100 x 80", () -> session.addPrompt(0, 1, Prompt.points(new float[] { 120,
			10 }, new int[] { 1 })));
		assertMessage("The box corner at (110.0, 70.0) lies outside", () -> session.addPrompt(0, 1, Prompt.box(10, 10,
			110, 70)));
		assertMessage("has no area", () -> session.addPrompt(0, 1, Prompt.box(10, 10, 10, 40)));
		assertMessage("Frame 6 does not exist: the stack has 5 frames", () -> session.addPrompt(5, 1, Prompt.points(
			new float[] { 10, 10 }, new int[] { 1 })));
		assertMessage("The prompt is empty", () -> session.addPrompt(0, 1, Prompt.points(new float[0], new int[0])));
		assertMessage("Object 9 is not being tracked", () -> session.correct(2, 9, Prompt.points(new float[] { 10,
			10 }, new int[] { 1 })));
		assertMessage("The mask prompt has 10 pixels", () -> session.addPrompt(0, 1, Prompt.mask(new boolean[10])));
		assertMessage("label 5", () -> session.addPrompt(0, 1, Prompt.points(new float[] { 10, 10 }, new int[] {
			5 })));
		assertMessage("add a prompt before propagating", session::firstConditioningFrame);
	}

	private static void assertMessage(final String expected, final Runnable call) {
		final RuntimeException e = assertThrows(RuntimeException.class, call::run);
		assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
	}

	private static double iou(final boolean[] mask, final MovingDisks disks, final int d, final int t) {
		int inter = 0, union = 0;
		for (int y = 0; y < disks.height(); y++) {
			for (int x = 0; x < disks.width(); x++) {
				final boolean truth = disks.inside(d, t, x, y);
				final boolean ours = mask[y * disks.width() + x];
				if (truth && ours) inter++;
				if (truth || ours) union++;
			}
		}
		return union == 0 ? 1 : (double) inter / union;
	}
}
