package org.sam2tracker.imagej;

import ij.ImagePlus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.results.Table;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.FrameRange;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PromptException;
import org.sam2tracker.run.PromptSet;
import org.sam2tracker.run.RunException;
import org.sam2tracker.run.TrackingListener;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.track.Direction;

/**
 * Whether a smaller input size is good enough for an image's objects, before a long run: the first frames from
 * the first prompt are tracked forward at the model's own size and at the chosen one, and each object's masks
 * are compared frame by frame (intersection over union), with the time per frame of each. Nothing is written;
 * the input is only read.
 */
public final class InputSizeComparison {

	/** The lowest IoU at which the smaller size is called close enough to the model's own. */
	public static final double CLOSE_ENOUGH = 0.9;

	private final ImagePlus imp;
	private final TrackingOptions options;
	private final List<ObjectPrompt> prompts;
	private final int frames;

	/**
	 * @param options the run's options, whose input size is the one compared with the model's own
	 * @param frames how many frames to compare, from the first prompt's
	 */
	public InputSizeComparison(final ImagePlus imp, final TrackingOptions options, final PromptSet prompts,
		final int frames)
	{
		this.imp = imp;
		this.options = options;
		this.prompts = prompts.prompts();
		this.frames = frames;
	}

	/** One object on one frame: how much its masks at the two sizes overlap, and their areas in pixels. */
	public record Agreement(int position, int plane, int objectId, double iou, long pixelsOwn, long pixelsSized) {}

	/** What the comparison found. */
	public record Outcome(int ownSize, int inputSize, FrameRange range, String axisName, double secondsOwn,
		double secondsSized, List<Agreement> agreements)
	{

		public double lowestIou() {
			return agreements.stream().mapToDouble(Agreement::iou).min().orElse(1);
		}

		public double meanIou() {
			return agreements.stream().mapToDouble(Agreement::iou).average().orElse(1);
		}

		public boolean closeEnough() {
			return lowestIou() >= CLOSE_ENOUGH;
		}

		/** The findings in words, for the log. */
		public List<String> lines() {
			final List<String> lines = new ArrayList<>();
			final int n = range.length();
			lines.add(String.format(Locale.ROOT, "Input size %d against the model's %d on %ss %s: %.2f s per %s " +
				"instead of %.2f s (%.1f times as fast).", inputSize, ownSize, axisName, range, secondsSized / n,
				axisName, secondsOwn / n, secondsOwn / secondsSized));
			if (agreements.isEmpty()) {
				lines.add("No object was found at either size on these " + axisName + "s: nothing to compare.");
				return lines;
			}
			final Agreement worst = agreements.stream().min(Comparator.comparingDouble(Agreement::iou)).get();
			lines.add(String.format(Locale.ROOT, "Masks agree with intersection over union %.3f on average, lowest " +
				"%.3f (object %d on %s %d).", meanIou(), worst.iou(), worst.objectId(), axisName, worst.position()));
			lines.add(closeEnough() ? String.format(Locale.ROOT, "Every mask is this close (IoU at least %.1f): %d " +
				"pixels look enough for these objects; check the outlines before a long run.", CLOSE_ENOUGH, inputSize)
				: String.format(Locale.ROOT, "Some masks differ (IoU under %.1f): track these objects at the model's " +
					"size (input_size model).", CLOSE_ENOUGH));
			return lines;
		}

		/** One row per object and frame. */
		public Table table() {
			final List<double[]> rows = new ArrayList<>();
			for (final Agreement a : agreements) {
				rows.add(new double[] { a.objectId(), a.position(), a.plane(), a.iou(), a.pixelsOwn(), a.pixelsSized() });
			}
			return new Table(List.of("Object", axisName.substring(0, 1).toUpperCase(Locale.ROOT) + axisName.substring(1),
				"Slice", "IoU", "Area_" + ownSize, "Area_" + inputSize), rows);
		}
	}

	/** Checks what can be checked at once: a size to compare, prompts on the compared frames. */
	public void check() throws BadInputException {
		new TrackingJob(imp, options, PromptSet.of(prompts)).check();
		if (frames < 1) throw new BadInputException("Give at least 1 frame to compare the input sizes on.");
		if (options.inputSize() == ModelBundle.OWN_INPUT_SIZE) {
			throw new BadInputException("To compare input sizes, choose an input size other than the model's own " +
				"(768 or 512).");
		}
	}

	/** Tracks the frames at both sizes (each model opened and closed in turn) and compares the masks. */
	public Outcome run(final TrackingListener listener, final BooleanSupplier cancelled) throws RunException {
		check();
		final TrackingAxis axis = TrackingAxis.of(imp);
		final FrameRange whole = axis.range(options);
		final int first = prompts.stream().mapToInt(ObjectPrompt::position).min().getAsInt();
		final FrameRange range = new FrameRange(first, Math.min(whole.last(), first + frames - 1));
		final List<ObjectPrompt> here = prompts.stream().filter(p -> range.contains(p.position())).toList();
		if (here.size() < prompts.size()) {
			listener.log((prompts.size() - here.size()) + " prompt(s) after " + axis.axisName() + " " + range.last() +
				" are left out of the comparison.");
		}
		final TrackingOptions.Builder shared = options.toBuilder().range(range.first(), range.last()).direction(
			Direction.FORWARD).divisions(null);
		final TrackingResult own = track(shared.inputSize(ModelBundle.OWN_INPUT_SIZE).build(), here, listener,
			cancelled);
		if (!own.complete()) throw new PromptException("The comparison was stopped: nothing was compared.");
		final TrackingResult sized = track(shared.inputSize(options.inputSize()).build(), here, listener, cancelled);
		if (!sized.complete()) throw new PromptException("The comparison was stopped: nothing was compared.");
		return new Outcome(own.model().config().imageSize(), sized.model().config().imageSize(), range, axis
			.axisName(), own.seconds(), sized.seconds(), agreements(axis, range, own.labels(), sized.labels()));
	}

	private TrackingResult track(final TrackingOptions sized, final List<ObjectPrompt> here,
		final TrackingListener listener, final BooleanSupplier cancelled) throws RunException
	{
		try (Sam2Model model = Sam2Model.open(sized.model(), sized.inputSize(), sized.precision(), sized.device(), Runtime
			.getRuntime().availableProcessors()))
		{
			listener.log("Model " + model.describe() + ".");
			if (model.precisionNote() != null) listener.log("Precision: " + model.precisionNote() + ".");
			return new TrackingJob(imp, sized, PromptSet.of(here)).run(model, listener, cancelled);
		}
		catch (final BundleException e) {
			throw RunException.of(e);
		}
	}

	/** Every object on every frame and slice where either run has it. */
	static List<Agreement> agreements(final TrackingAxis axis, final FrameRange range, final ImagePlus own,
		final ImagePlus sized)
	{
		final List<Agreement> out = new ArrayList<>();
		final TrackingAxis ownAxis = TrackingAxis.of(own);
		final TrackingAxis sizedAxis = TrackingAxis.of(sized);
		for (int position = range.first(); position <= range.last(); position++) {
			for (int plane = 1; plane <= axis.planes(); plane++) {
				final short[] a = (short[]) own.getStack().getPixels(ownAxis.stackIndex(1, position, plane));
				final short[] b = (short[]) sized.getStack().getPixels(sizedAxis.stackIndex(1, position, plane));
				final TreeMap<Integer, long[]> counts = new TreeMap<>(); // label -> {own, sized, both}
				for (int p = 0; p < a.length; p++) {
					final int la = a[p] & 0xffff;
					final int lb = b[p] & 0xffff;
					if (la != 0) counts.computeIfAbsent(la, k -> new long[3])[0]++;
					if (lb != 0) counts.computeIfAbsent(lb, k -> new long[3])[1]++;
					if (la != 0 && la == lb) counts.get(la)[2]++;
				}
				for (final var e : counts.entrySet()) {
					final long[] c = e.getValue();
					final long union = c[0] + c[1] - c[2];
					out.add(new Agreement(position, plane, e.getKey(), (double) c[2] / union, c[0], c[1]));
				}
			}
		}
		return out;
	}
}
