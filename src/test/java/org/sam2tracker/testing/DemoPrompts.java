package org.sam2tracker.testing;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.PointRoi;
import ij.gui.Roi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.sam2tracker.io.RoiSetFile;

/**
 * Writes test-data/clips/cells/cells_prompts.zip, the demo's prompts: a click on the centre of each cell on
 * frame 1, one RoiSet entry per cell, from the ground truth. Run it with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.sam2tracker.testing.DemoPrompts}.
 */
public final class DemoPrompts {

	private DemoPrompts() {}

	public static void main(final String[] args) throws Exception {
		final ImagePlus truth = IJ.openImage(TestData.ROOT.resolve("clips/cells/labels.tif").toString());
		final var ip = truth.getStack().getProcessor(1);
		final List<Roi> rois = new ArrayList<>();
		for (int cell = 1; cell <= 4; cell++) {
			long sx = 0, sy = 0, n = 0;
			for (int p = 0; p < ip.getPixelCount(); p++) {
				if ((int) ip.getf(p) != cell) continue;
				sx += p % ip.getWidth();
				sy += p / ip.getWidth();
				n++;
			}
			final PointRoi click = new PointRoi(Math.round((double) sx / n), Math.round((double) sy / n));
			click.setPosition(0, 0, 1);
			click.setName("cell " + cell);
			rois.add(click);
		}
		final Path file = TestData.ROOT.resolve("clips/cells/cells_prompts.zip");
		RoiSetFile.write(rois, file);
		System.out.println("wrote " + file);
	}
}
