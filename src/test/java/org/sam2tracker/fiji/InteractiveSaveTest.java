package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.imagej.InteractiveImage;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.output.OutputSet;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.ResultNames;
import org.sam2tracker.run.TrackingOptions;
import org.sam2tracker.testing.CellsClip;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.track.Direction;

/** An interactive session saved as the tracker saves: whole or refused, never over earlier results unasked. */
class InteractiveSaveTest {

	@TempDir
	Path dir;

	@Test
	void aSessionIsSavedOnlyWhenCompleteWithTheTrackersOutputs() throws Exception {
		final ImagePlus cells = CellsClip.open("cells-16bit.tif");
		try (Sam2Model model = Sam2Model.open(TestData.TOY_BUNDLE, Device.CPU, 2);
			InteractiveImage image = new InteractiveImage(cells, TrackingOptions.builder(TestData.TOY_BUNDLE).build(),
				model, 1, 8))
		{
			final float[] cell = CellsClip.centroid(1, 3);
			image.click(1, 1, cell[0], cell[1], true);
			final BadInputException early = assertThrows(BadInputException.class, () -> InteractiveSave.save(cells,
				image, model, dir, false, 1));
			assertTrue(early.getMessage().contains("propagate through every frame first"), early.getMessage());
			try (var files = Files.list(dir)) {
				assertEquals(0, files.count(), "nothing written for an incomplete session");
			}

			image.propagate(Direction.FORWARD, p -> {}, () -> false);
			InteractiveSave.save(cells, image, model, dir, false, 1);
			final OutputSet outputs = new OutputSet(dir, ResultNames.base(cells.getTitle()));
			for (final Path p : outputs.paths()) assertTrue(Files.exists(p), p + " was written");
			final ImagePlus saved = IJ.openImage(outputs.paths().get(0).toString());
			final ImagePlus shown = image.labelImage();
			for (int frame = 1; frame <= CellsClip.FRAMES; frame++) {
				assertArrayEquals((short[]) shown.getStack().getPixels(frame), (short[]) saved.getStack().getPixels(
					frame), "frame " + frame);
			}
			final Path report = outputs.paths().get(outputs.paths().size() - 1);
			final JsonObject run = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
			assertEquals("interactive", run.getAsJsonObject("options").get("mode").getAsString(), report.toString());

			final BadInputException again = assertThrows(BadInputException.class, () -> InteractiveSave.save(cells,
				image, model, dir, false, 1));
			assertTrue(again.getMessage().contains("give " + InteractiveSave.HOW_TO_OVERWRITE), again.getMessage());
			InteractiveSave.save(cells, image, model, dir, true, 1);
		}
	}
}
