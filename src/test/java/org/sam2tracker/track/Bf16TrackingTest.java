package org.sam2tracker.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.Precision;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.testing.MaskAgreement;
import org.sam2tracker.testing.TestClips;
import org.sam2tracker.testing.TestData;

/**
 * A whole tracking in the bf16 precision follows exact's: the checkpoint fixture on the cells test clip, two cells
 * clicked and one boxed on frame 0 (the prompts of the reference scenarios, with which the fixture's objects are
 * present) and propagated through every frame, so that memory frames and pointers reach their limits; every mask
 * of bf16 against exact's. Skipped on CPUs without bfloat16 matrix units, where bf16 runs exact
 * (Bf16PrecisionTest checks that it says so).
 */
class Bf16TrackingTest {

	private static final Prompt[] PROMPTS = { Prompt.points(new float[] { 147.2f, 141.8f }, new int[] { 1 }), Prompt
		.points(new float[] { 97.3f, 139.1f }, new int[] { 1 }), Prompt.box(126, 73, 154, 102) };

	@Test
	void bf16MasksFollowExactsThroughAClip() throws Exception {
		final FrameSource clip = TestClips.cells8bit();
		final List<FrameResult> exact = track(clip, Precision.EXACT);
		final List<FrameResult> bf16 = track(clip, Precision.BF16);
		assumeTrue(bf16 != null, "this CPU has no bfloat16 matrix units: bf16 runs exact");
		assertEquals(exact.size(), bf16.size());
		double lowest = 1;
		double worstLogit = 0;
		int nonEmpty = 0;
		double lastFrames = 0;
		for (int f = 0; f < exact.size(); f++) {
			for (int o = 0; o < PROMPTS.length; o++) {
				final boolean[] a = exact.get(f).mask(o);
				final boolean[] b = bf16.get(f).mask(o);
				if (!MaskAgreement.isEmpty(a) || !MaskAgreement.isEmpty(b)) nonEmpty++;
				final double iou = MaskAgreement.iou(a, b);
				lowest = Math.min(lowest, iou);
				if (f >= exact.size() - LAST_FRAMES) lastFrames += iou / (LAST_FRAMES * PROMPTS.length);
				final float[] la = exact.get(f).objects().get(o).lowResLogits();
				final float[] lb = bf16.get(f).objects().get(o).lowResLogits();
				for (int p = 0; p < la.length; p++) worstLogit = Math.max(worstLogit, Math.abs(la[p] - lb[p]));
			}
		}
		System.out.printf("bf16 against exact, %d frames, %d objects: lowest mask IoU %.4f, mean over the last %d " +
			"frames %.4f, max logit diff %.4f%n", exact.size(), PROMPTS.length, lowest, LAST_FRAMES, lastFrames,
			worstLogit);
		assertTrue(nonEmpty > exact.size(), "the objects must be present for the masks to say anything: " + nonEmpty);
		assertTrue(worstLogit > 0, "bf16 ran its own arithmetic, so its logits are not exact's to the bit");
		assertTrue(lowest >= MIN_IOU, "lowest mask IoU " + lowest);
		assertTrue(lastFrames >= MIN_MEAN_IOU_AT_THE_END, "the masks drift apart: mean IoU over the last frames " +
			lastFrames);
	}

	// The fixture's weights are five times SAM 2.1's initial scale and its memory path has a gain of 20, so they
	// amplify bfloat16's rounding: measured here with the image encoder and the memory attention in bf16, IoU
	// 0.94 to 0.99 on the prompted frame, lowest 0.874 (frame 1), then 0.94 to 0.99 rising and falling without a
	// trend, 0.966 on average over the last 10 frames (on tiny's architecture with objects present, 0.99 or more on
	// every frame: docs/benchmarks). The bounds catch gross errors and drift; a stage computed otherwise than the
	// model's graph is refused before, when the model opens (OwnStageCheck).
	private static final double MIN_IOU = 0.85;
	private static final double MIN_MEAN_IOU_AT_THE_END = 0.95;
	private static final int LAST_FRAMES = 10;

	/** The frames' results in a precision; null where the model runs another precision than the one asked. */
	private static List<FrameResult> track(final FrameSource clip, final Precision precision) throws Exception {
		try (Sam2Model model = Sam2Model.open(TestData.CHECKPOINT_BUNDLE, ModelBundle.OWN_INPUT_SIZE, precision,
			Device.CPU, 2))
		{
			if (model.precision() != precision) return null;
			final TrackingSession session = new TrackingSession(model, clip, 2);
			for (int i = 0; i < PROMPTS.length; i++) session.addPrompt(0, i + 1, PROMPTS[i]);
			final List<FrameResult> out = new ArrayList<>();
			session.propagate(0, Direction.FORWARD, -1, out::add, () -> false);
			return out;
		}
	}
}
