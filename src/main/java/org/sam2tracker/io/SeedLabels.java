package org.sam2tracker.io;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.sam2tracker.imagej.TrackingAxis;
import org.sam2tracker.run.LaterSeeds;
import org.sam2tracker.run.PromptException;
import org.sam2tracker.run.PromptKey;
import org.sam2tracker.run.PromptMerger;
import org.sam2tracker.run.PromptSet;

/**
 * Seeds from a label image (StarDist, Cellpose, a threshold, an earlier run): every label of its first frame that
 * has labels becomes one object, prompted with its outline as a mask, keeping its number as the object's label.
 * The label image has the input's width and height, and one frame (taken as the input's first) or as many as the
 * input: then the labels of later frames come along as {@link LaterSeeds}, for cells that appear.
 */
final class SeedLabels {

	private SeedLabels() {}

	static PromptSet read(final Path file, final ImagePlus imp, final Consumer<String> notes)
		throws PromptException
	{
		final ImagePlus seeds = IJ.openImage(file.toString());
		final String name = file.getFileName().toString();
		if (seeds == null) throw new PromptException(name + " cannot be read as a label image (a TIFF).");
		if (seeds.getBitDepth() == 24 || seeds.getBitDepth() == 32) {
			throw new PromptException(name + " is not a label image: it is " + (seeds.getBitDepth() == 24 ? "RGB" :
				"32-bit") + "; give the 8 or 16-bit labels of a segmentation.");
		}
		if (seeds.getWidth() != imp.getWidth() || seeds.getHeight() != imp.getHeight()) {
			throw new PromptException(name + " is " + seeds.getWidth() + " x " + seeds.getHeight() + " pixels, the image " +
				imp.getWidth() + " x " + imp.getHeight() + ": the seeds must be a label image of the same size.");
		}
		final TrackingAxis axis = TrackingAxis.of(imp);
		final int planes = seeds.getStackSize();
		if (planes != 1 && planes != axis.length()) {
			throw new PromptException(name + " has " + planes + " planes; give one (the first " + axis.axisName() + ") or " +
				axis.length() + " (one per " + axis.axisName() + ").");
		}
		final PromptMerger merger = new PromptMerger(imp.getWidth(), imp.getHeight());
		for (int position = 1; position <= planes; position++) {
			final ImageProcessor ip = seeds.getStack().getProcessor(position);
			// One pass over the plane makes every label's mask, however many cells it holds.
			final Map<Integer, boolean[]> masks = new TreeMap<>();
			for (int p = 0; p < ip.getPixelCount(); p++) {
				final int v = ip.get(p);
				if (v != 0) masks.computeIfAbsent(v, k -> new boolean[ip.getPixelCount()])[p] = true;
			}
			if (masks.isEmpty()) continue;
			for (final Map.Entry<Integer, boolean[]> m : masks.entrySet()) {
				merger.mask(new PromptKey(m.getKey(), position, 1), m.getValue(), name + ", label " + m.getKey() + " on " +
					axis.axisName() + " " + position);
			}
			notes.accept(name + ": " + masks.size() + " objects seeded on " + axis.axisName() + " " + position + ".");
			final Map<Integer, int[]> later = new TreeMap<>();
			for (int next = position + 1; next <= planes; next++) {
				final ImageProcessor q = seeds.getStack().getProcessor(next);
				final int[] values = new int[q.getPixelCount()];
				boolean any = false;
				for (int p = 0; p < values.length; p++) {
					values[p] = q.get(p);
					any |= values[p] != 0;
				}
				if (any) later.put(next, values);
			}
			if (!later.isEmpty()) notes.accept(name + ": labels on " + later.size() + " later " + axis.axisName() + "s; " +
				"those that lie on no tracked object become new objects there.");
			return new PromptSet(merger.prompts(), java.util.Optional.empty(), new LaterSeeds(later));
		}
		throw new PromptException(name + " holds no labels: every pixel is 0.");
	}
}
