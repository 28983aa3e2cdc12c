package org.sam2tracker.imagej;

import ij.ImagePlus;

import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.RunParameters;

/** What an image must be for a run, each refusal with what to do instead. */
final class ImageChecks {

	/** The image property that marks a label image made by this plugin, and its value. */
	static final String MADE_BY = "sam2tracker";
	static final String LABEL_IMAGE = "labels";

	private ImageChecks() {}

	static void check(final ImagePlus imp, final int channel) throws BadInputException {
		if (imp == null) throw new BadInputException("There is no image: open a time-lapse or a z-stack first.");
		if (LABEL_IMAGE.equals(imp.getProp(MADE_BY))) {
			throw new BadInputException(imp.getTitle() + " is a label image made by SAM 2 Tracker, not a time-lapse to " +
				"track. Select the image the objects were marked on and run again (a recorded macro line runs on the " +
				"current image: select the input first, for example with selectImage).");
		}
		if (imp.getType() == ImagePlus.COLOR_256) {
			throw new BadInputException(imp.getTitle() + " is an 8-bit colour (indexed) image. Convert it with " +
				"Image > Type > RGB Color, or to 8-bit grey, and run again.");
		}
		if (imp.getWidth() < 2 || imp.getHeight() < 2) {
			throw new BadInputException(imp.getTitle() + " is " + imp.getWidth() + " x " + imp.getHeight() +
				" pixels; tracking needs an image of at least 2 x 2.");
		}
		if (channel != RunParameters.MERGE_CHANNELS && (channel < 1 || channel > imp.getNChannels())) {
			throw new BadInputException("Channel " + channel + " does not exist: " + imp.getTitle() + " has " +
				imp.getNChannels() + " channel" + (imp.getNChannels() == 1 ? "" : "s") + ".");
		}
	}
}
