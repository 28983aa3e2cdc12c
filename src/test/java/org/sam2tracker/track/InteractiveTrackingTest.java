package org.sam2tracker.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.testing.CellsTruth;
import org.sam2tracker.testing.Npy;
import org.sam2tracker.testing.TestClips;
import org.sam2tracker.testing.TestData;

/**
 * Interactive tracking on the real fixture graphs and the cells clip: a correction against transformers' own
 * run of it, only the frames a change can alter run again (graph calls counted), the incremental results equal
 * to every frame recomputed after a long series of prompts, corrections, propagations and undos, and deletion.
 */
class InteractiveTrackingTest {

	private static final Consumer<FrameResult> IGNORE = r -> {};
	private static Sam2Model model;
	private static FrameSource cells;

	@BeforeAll
	static void open() throws Exception {
		model = Sam2Model.open(TestData.REFERENCE_BUNDLE, Device.CPU, 2);
		cells = TestClips.cells8bit();
	}

	@AfterAll
	static void close() {
		model.close();
	}

	@Test
	void aCorrectionMatchesTheReferenceAndRunsOnlyItsObjectOnTheFramesAfterIt() throws Exception {
		final Path scenario = TestData.ROOT.resolve("reference/03-correction");
		final InteractiveTracking session = new InteractiveTracking(model, cells, cells.frameCount());
		session.prompt(0, 1, Prompt.points(new float[] { 140.4f, 87.6f }, new int[] { 1 }));
		session.prompt(0, 2, click(1, 2));
		session.propagate(Direction.FORWARD, null, IGNORE, () -> false);
		assertMatchesReference(session, scenario, 1, 0);

		model.resetTimings();
		final ObjectResult corrected = session.prompt(6, 1, Prompt.points(new float[] { 140.0f, 80.8f, 122.8f,
			137.3f }, new int[] { 1, 0 }));
		assertEquals(Map.of(1.0, 1.0, 0.0, 0.0), Map.of(calls("mask_decoder"), 1.0, calls("image_encoder"), 0.0),
			"the click's mask comes from one decoder call on features already encoded");
		assertArrayEquals(corrected.lowResLogits(), session.result(1, 6).orElseThrow().lowResLogits());
		for (int t = 0; t <= 6; t++) assertTrue(session.isCurrent(1, t), "frame " + t + " is current");
		for (int t = 7; t < cells.frameCount(); t++) assertFalse(session.isCurrent(1, t), "frame " + t + " is stale");
		for (int t = 0; t < cells.frameCount(); t++) assertTrue(session.isCurrent(2, t), "object 2 frame " + t);

		model.resetTimings();
		final List<Integer> rerun = new ArrayList<>();
		session.propagate(Direction.FORWARD, null, r -> rerun.add(r.frame() * 10 + r.objects().get(0).objectId()),
			() -> false);
		final List<Integer> expected = new ArrayList<>();
		for (int t = 7; t < cells.frameCount(); t++) expected.add(t * 10 + 1);
		assertEquals(expected, rerun, "object 1 from frame 7 on, and nothing of object 2");
		assertEquals(cells.frameCount() - 7, calls("mask_decoder"));
		assertEquals(cells.frameCount() - 7, calls("memory_attention"));
		assertEquals(0, calls("image_encoder"), "every frame's features come from the cache");
		assertMatchesReference(session, scenario, 3, 6);
	}

	@Test
	void incrementalResultsEqualEveryFrameRecomputed() {
		final InteractiveTracking incremental = new InteractiveTracking(model, cells, cells.frameCount(), true);
		final InteractiveTracking everything = new InteractiveTracking(model, cells, cells.frameCount(), false);
		final int[] runs = new int[2];
		int k = 0;
		for (final InteractiveTracking s : List.of(incremental, everything)) {
			s.prompt(2, 1, click(3, 1));
			s.prompt(0, 2, click(1, 2));
			s.prompt(12, 3, click(13, 3));
			s.propagate(Direction.BOTH, null, IGNORE, () -> false);
			// Object 1's frames 18 to 24 were dropped by the memory bound when its backward pass reached frame 0:
			// the correction on 25 reads them and must make them again.
			s.prompt(25, 1, Prompt.points(concat(CellsTruth.centroid(26, 5), CellsTruth.centroid(26, 6)), new int[] {
				1, 0 }));
			s.propagate(Direction.FORWARD, Set.of(1), IGNORE, () -> false);
			s.prompt(5, 3, click(6, 1)); // a correction in object 3's backward part, onto another cell
			s.propagate(Direction.BACKWARD, null, IGNORE, () -> false);
			s.prompt(20, 4, click(21, 5)); // a new object from the middle
			s.prompt(8, 2, click(9, 3)); // corrected, then taken back
			assertTrue(s.undo());
			s.propagate(Direction.BOTH, null, IGNORE, () -> false);
			s.prompt(10, 3, click(11, 3)); // a second correction before the first is propagated again
			s.propagate(Direction.BOTH, null, IGNORE, () -> false);
			runs[k++] = s.framesRun();
		}
		for (final int id : List.of(1, 2, 3, 4)) {
			for (int t = 0; t < cells.frameCount(); t++) {
				final String at = "object " + id + " frame " + t;
				assertTrue(incremental.isCurrent(id, t), at + " current");
				final ObjectResult a = incremental.result(id, t).orElseThrow();
				final ObjectResult b = everything.result(id, t).orElseThrow();
				assertArrayEquals(b.lowResLogits(), a.lowResLogits(), at);
				assertEquals(b.score(), a.score(), at);
				assertEquals(b.maskIndex(), a.maskIndex(), at);
			}
		}
		assertTrue(runs[0] < runs[1] / 2, "incremental ran " + runs[0] + " object-frames, full " + runs[1]);

		// The session's prompts and corrections alone, given to a fresh session and propagated both ways, give
		// the same results: what a saved session replays to.
		final InteractiveTracking replay = new InteractiveTracking(model, cells, cells.frameCount());
		for (final int id : incremental.objectIds()) {
			replay.restore(id, incremental.prompts(id), incremental.corrections(id));
		}
		assertEquals(incremental.objectIds(), replay.objectIds());
		assertFalse(incremental.corrections(3).isEmpty(), "the series has corrections to replay");
		assertTrue(replay.propagate(Direction.BOTH, null, IGNORE, () -> false));
		for (final int id : List.of(1, 2, 3, 4)) {
			for (int t = 0; t < cells.frameCount(); t++) {
				final String at = "replayed object " + id + " frame " + t;
				final ObjectResult a = incremental.result(id, t).orElseThrow();
				final ObjectResult b = replay.result(id, t).orElseThrow();
				assertArrayEquals(a.lowResLogits(), b.lowResLogits(), at);
				assertEquals(a.score(), b.score(), at);
				assertEquals(a.maskIndex(), b.maskIndex(), at);
			}
		}
		assertThrows(IllegalStateException.class, () -> replay.restore(1, incremental.prompts(1), Map.of()));
	}

	@Test
	void undoPutsBackThePreviousMasksExactlyAndRedoTheCorrection() {
		final InteractiveTracking session = new InteractiveTracking(model, cells, cells.frameCount());
		session.prompt(0, 1, click(1, 1));
		session.propagate(Direction.FORWARD, null, IGNORE, () -> false);
		final List<float[]> before = logits(session, 1);
		session.prompt(10, 1, Prompt.points(concat(CellsTruth.centroid(11, 1), CellsTruth.centroid(11, 2)),
			new int[] { 1, 0 }));
		session.propagate(Direction.FORWARD, null, IGNORE, () -> false);
		final List<float[]> corrected = logits(session, 1);
		assertFalse(java.util.Arrays.equals(before.get(12), corrected.get(12)), "the correction changed frame 12");

		assertTrue(session.undo());
		assertSameLogits(before, logits(session, 1));
		final int runs = session.framesRun();
		session.propagate(Direction.FORWARD, null, IGNORE, () -> false);
		assertEquals(runs, session.framesRun(), "after an undo every frame is current again");

		assertTrue(session.redo());
		assertSameLogits(corrected, logits(session, 1));
		assertTrue(session.undo());
		assertTrue(session.undo());
		assertEquals(List.of(), session.objectIds(), "undoing the first prompt removes the object");
		assertFalse(session.undo());
	}

	@Test
	void deletingAnObjectFreesItsMemoryAndLeavesTheOthers() {
		final InteractiveTracking session = new InteractiveTracking(model, cells, 4);
		session.prompt(0, 1, click(1, 1));
		session.prompt(0, 2, click(1, 2));
		session.propagate(Direction.FORWARD, null, IGNORE, () -> false);
		final List<float[]> second = logits(session, 2);
		assertTrue(session.retainedBytes(1) > 0);
		session.delete(1);
		assertEquals(0, session.retainedBytes(1));
		assertEquals(List.of(2), session.objectIds());
		assertSameLogits(second, logits(session, 2));
		assertTrue(session.undo());
		assertEquals(List.of(1, 2), session.objectIds());
		assertTrue(session.retainedBytes(1) > 0);
	}

	@Test
	void framesAroundTheUsersAreEncodedInTheBackgroundAndAClickThereEncodesNothing() throws Exception {
		try (InteractiveTracking session = new InteractiveTracking(model, cells, cells.frameCount())) {
			model.resetTimings();
			session.prefetch(5, 2);
			final long deadline = System.nanoTime() + 120_000_000_000L;
			while (!java.util.stream.IntStream.rangeClosed(3, 7).allMatch(session::ready)) {
				assertTrue(System.nanoTime() < deadline, "frames 3 to 7 were not encoded in two minutes");
				Thread.sleep(20);
			}
			assertFalse(session.ready(8), "frame 8 was not asked for");
			assertEquals(5, calls("image_encoder"));
			session.prompt(5, 1, click(6, 2));
			assertEquals(5, calls("image_encoder"), "the prompted frame was encoded already");
		}
	}

	// -- helpers

	private static Prompt click(final int frameOneBased, final int cell) {
		return Prompt.points(CellsTruth.centroid(frameOneBased, cell), new int[] { 1 });
	}

	private static float[] concat(final float[] a, final float[] b) {
		return new float[] { a[0], a[1], b[0], b[1] };
	}

	private static double calls(final String graph) {
		final double[] t = model.stageTimings().get(graph);
		return t == null ? 0 : t[0];
	}

	private static List<float[]> logits(final InteractiveTracking s, final int id) {
		final List<float[]> out = new ArrayList<>();
		for (int t = 0; t < cells.frameCount(); t++) out.add(s.result(id, t).map(ObjectResult::lowResLogits).orElse(null));
		return out;
	}

	private static void assertSameLogits(final List<float[]> expected, final List<float[]> actual) {
		for (int t = 0; t < expected.size(); t++) assertArrayEquals(expected.get(t), actual.get(t), "frame " + t);
	}

	/** Object 1's results on the frames of a reference step, within the reference test's bounds. */
	private static void assertMatchesReference(final InteractiveTracking session, final Path scenario, final int step,
		final int firstFrame) throws Exception
	{
		final int[] frames = Npy.read(scenario.resolve("step" + step + "-frames.npy")).ints();
		final float[] logits = Npy.read(scenario.resolve("step" + step + "-low_res_logits.npy")).floats();
		final int[] indices = Npy.read(scenario.resolve("step" + step + "-mask_index.npy")).ints();
		final int l = model.config().lowResMaskSize();
		assertEquals(firstFrame, frames[0]);
		// The first frame is the prompted one: where its mask sits on a knife edge, the frames after it may differ more.
		final boolean knifeEdge = KnifeEdge.between(model.config(), Arrays.copyOfRange(logits, 0, l * l), session
			.result(1, firstFrame).orElseThrow().lowResLogits());
		for (int e = 0; e < frames.length; e++) {
			final ObjectResult r = session.result(1, frames[e]).orElseThrow();
			double worst = 0;
			for (int p = 0; p < l * l; p++) worst = Math.max(worst, Math.abs(logits[e * l * l + p] - r.lowResLogits()[p]));
			final double bound = knifeEdge && e > 0 ? KnifeEdge.MAX_LOGIT_DIFF_AFTER : 1e-3;
			assertTrue(worst <= bound, "frame " + frames[e] + ": max abs logit diff " + worst);
			if (indices[e] >= 0 && r.maskIndex() >= 0) assertEquals(indices[e], r.maskIndex(), "frame " + frames[e]);
		}
	}
}
