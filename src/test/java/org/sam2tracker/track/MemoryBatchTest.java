package org.sam2tracker.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sam2tracker.model.BundleConfig;
import org.sam2tracker.model.BundleManifest;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.testing.MovingDisks;
import org.sam2tracker.testing.TestData;

/**
 * On the CPU every stage runs one object per call, so that memory does not grow with objects; where the device takes
 * more (the GPU), memory attention still holds at most its scores budget per call.
 */
class MemoryBatchTest {

	@Test
	void aBatchingDeviceAttendsAsManyObjectsAsTheScoresBudgetHolds() throws Exception {
		final int gpu = Integer.MAX_VALUE;
		final BundleConfig tiny = BundleManifest.read(Path.of("models/sam2.1-hiera-tiny")).config();
		final MemoryBank full = new MemoryBank(tiny, 1000, false);
		assertEquals(1, full.objectsPerCall(gpu, 7, 16), "7 memory frames of 64 x 64: about 470 MB of scores each");
		assertEquals(3, full.objectsPerCall(gpu, 1, 1));
		assertEquals(1, full.objectsPerCall(1, 1, 1), "the CPU takes one whatever the budget");
		final BundleConfig fixture = BundleManifest.read(TestData.REFERENCE_BUNDLE).config();
		final MemoryBank small = new MemoryBank(fixture, 32, false);
		assertTrue(small.objectsPerCall(gpu, 7, 16) > 100, "16 x 16 features: all in one call");
		assertEquals(1, small.objectsPerCall(1, 7, 16));
	}

	@Test
	void onTheCpuEachObjectHasItsOwnCallInEveryStage() throws Exception {
		try (Sam2Model model = Sam2Model.open(TestData.REFERENCE_BUNDLE, Device.CPU, 2)) {
			assertEquals(1, model.objectsPerCall());
			final MovingDisks disks = new MovingDisks(4, 96, 64, 3, 5);
			final TrackingSession session = new TrackingSession(model, disks, 2);
			for (int d = 0; d < 3; d++) {
				final double[] c = disks.centre(d, 0);
				session.addPrompt(0, d + 1, Prompt.points(new float[] { (float) c[0], (float) c[1] }, new int[] { 1 }));
			}
			assertTrue(session.propagate(0, Direction.FORWARD, -1, r -> assertEquals(3, r.objects().size()),
				() -> false));
			assertEquals(12, model.stageTimings().get("mask_decoder")[0], "3 objects on 4 frames, one call each");
			assertEquals(12, model.stageTimings().get("memory_encoder")[0], "3 objects on 4 frames, one call each");
			assertEquals(9, model.stageTimings().get("memory_attention")[0], "3 objects on the 3 unprompted frames");
		}
	}

	@Test
	void callsKeepTheObjectsInOrderAndTakeAtMostTheirShare() {
		assertEquals(List.of(List.of(1, 2), List.of(3, 4), List.of(5)), CallBatches.of(List.of(1, 2, 3, 4, 5), 2));
		assertEquals(List.of(List.of(1, 2, 3)), CallBatches.of(List.of(1, 2, 3), Integer.MAX_VALUE));
		assertTrue(CallBatches.of(List.of(), 1).isEmpty());
		assertThrows(IllegalArgumentException.class, () -> CallBatches.of(List.of(1), 0));
	}
}
