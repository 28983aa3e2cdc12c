package org.sam2tracker.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.sam2tracker.model.Device;
import org.sam2tracker.model.Precision;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.FrameResult;
import org.sam2tracker.track.Prompt;
import org.sam2tracker.testing.MaskAgreement;
import org.sam2tracker.track.TrackingSession;

/**
 * How far a precision's masks are from exact's over a clip: the same clicks on frame 0 tracked forward with
 * both, and for every frame after it each object's mask IoU and the largest mask-logit difference, printed with
 * the lowest of each, so that a drift over a long clip shows (a benchmark program, not a test):
 *
 * <pre>
 * java -cp "target/classes:target/test-classes:target/dependency/*" org.sam2tracker.bench.PrecisionAgreement \
 *   --bundle BUNDLE --frames-dir FRAMES_DIR [--count 100] [--objects 3] [--input-size 0] [--precision int8]
 * </pre>
 *
 * The bundle's objects must be present: plain random weights leave them absent (empty masks agree trivially, and
 * the program refuses); make_random_checkpoint.py --objects-present makes weights with which they are.
 */
public final class PrecisionAgreement {

	private PrecisionAgreement() {}

	public static void main(final String[] args) throws Exception {
		Path bundle = null;
		Path frames = null;
		int count = 100;
		int objects = 3;
		int inputSize = 0;
		Precision precision = Precision.INT8;
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--bundle" -> bundle = Path.of(args[i + 1]);
				case "--frames-dir" -> frames = Path.of(args[i + 1]);
				case "--count" -> count = Integer.parseInt(args[i + 1]);
				case "--objects" -> objects = Integer.parseInt(args[i + 1]);
				case "--input-size" -> inputSize = Integer.parseInt(args[i + 1]);
				case "--precision" -> precision = Precision.byKey(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		if (bundle == null || frames == null) {
			throw new IllegalArgumentException("--bundle and --frames-dir are needed");
		}
		final FolderFrames source = new FolderFrames(frames, count + 1);
		final List<FrameResult> exact = track(bundle, inputSize, Precision.EXACT, source, objects, count);
		final List<FrameResult> other = track(bundle, inputSize, precision, source, objects, count);
		double lowestIou = 1;
		double worstLogit = 0;
		int lowestFrame = -1;
		int below = 0;
		int compared = 0;
		for (int f = 0; f < exact.size(); f++) {
			final FrameResult a = exact.get(f);
			final FrameResult b = other.get(f);
			double frameIou = 1;
			double frameLogit = 0;
			for (int o = 0; o < a.objects().size(); o++) {
				final boolean[] ma = a.mask(o);
				final boolean[] mb = b.mask(o);
				if (!MaskAgreement.isEmpty(ma) || !MaskAgreement.isEmpty(mb)) compared++;
				frameIou = Math.min(frameIou, MaskAgreement.iou(ma, mb));
				final float[] la = a.objects().get(o).lowResLogits();
				final float[] lb = b.objects().get(o).lowResLogits();
				for (int p = 0; p < la.length; p++) frameLogit = Math.max(frameLogit, Math.abs(la[p] - lb[p]));
			}
			if (frameIou < 0.99) below++;
			if (frameIou < lowestIou) {
				lowestIou = frameIou;
				lowestFrame = a.frame();
			}
			worstLogit = Math.max(worstLogit, frameLogit);
			System.out.printf(Locale.ROOT, "frame %4d  lowest IoU %.4f  max logit diff %.4f%n", a.frame(), frameIou,
				frameLogit);
		}
		// Two empty masks agree trivially: plain random weights leave every object absent, and an IoU of 1 there
		// would say nothing about the precision.
		if (compared == 0) {
			throw new IllegalStateException("every object is absent on every frame with both precisions, so there " +
				"are no masks to compare: use a bundle whose objects are present (make_random_checkpoint.py " +
				"--objects-present)");
		}
		System.out.printf(Locale.ROOT, "%s against exact, %d frames, %d object(s): lowest mask IoU %.4f (frame %d), " +
			"%d frame(s) below 0.99, max logit diff %.4f; %d of %d object masks non-empty%n", precision.key(),
			exact.size(), objects, lowestIou, lowestFrame, below, worstLogit, compared, exact.size() * objects);
	}

	private static List<FrameResult> track(final Path bundle, final int inputSize, final Precision precision,
		final FolderFrames source, final int objects, final int count) throws Exception
	{
		final List<FrameResult> out = new ArrayList<>();
		try (Sam2Model model = Sam2Model.open(bundle, inputSize, precision, Device.CPU, 0)) {
			if (model.precision() != precision) {
				throw new IllegalStateException(precision.key() + " cannot run here: " + model.precisionNote());
			}
			final TrackingSession session = new TrackingSession(model, source, 2);
			final float[][] clicks = EngineBenchmark.gridClicks(source.width(), source.height(), objects);
			for (int i = 0; i < clicks.length; i++) {
				session.addPrompt(0, i + 1, Prompt.points(clicks[i], new int[] { 1 }));
			}
			session.propagate(1, Direction.FORWARD, count - 1, out::add, () -> false);
		}
		return out;
	}
}
