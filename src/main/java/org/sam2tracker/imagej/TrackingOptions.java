package org.sam2tracker.imagej;

import java.nio.file.Path;

import org.sam2tracker.model.Device;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.MaskPostprocessing;

/**
 * What a tracking run over an image needs besides the image and its prompts.
 *
 * @param channel the tracked channel (1-based), or {@link ImagePlusFrames#MERGE}
 * @param first first position along the tracked axis (1-based); 0 means the start
 * @param last last position along the tracked axis; 0 means the end
 */
public record TrackingOptions(Path model, Device device, int channel, int first, int last, Direction direction,
	MaskPostprocessing postprocessing, IntensityMapping intensity)
{

	/** The whole image, both directions, non-overlapping masks, series stretch, the first channel. */
	public static TrackingOptions defaults(final Path model) {
		return new TrackingOptions(model, Device.AUTO, 1, 0, 0, Direction.BOTH, new MaskPostprocessing(true, 0),
			IntensityMapping.DEFAULT);
	}

	public TrackingOptions withRange(final int newFirst, final int newLast) {
		return new TrackingOptions(model, device, channel, newFirst, newLast, direction, postprocessing, intensity);
	}

	public TrackingOptions withChannel(final int newChannel) {
		return new TrackingOptions(model, device, newChannel, first, last, direction, postprocessing, intensity);
	}

	public TrackingOptions withDirection(final Direction newDirection) {
		return new TrackingOptions(model, device, channel, first, last, newDirection, postprocessing, intensity);
	}

	public TrackingOptions withIntensity(final IntensityMapping newIntensity) {
		return new TrackingOptions(model, device, channel, first, last, direction, postprocessing, newIntensity);
	}

	public TrackingOptions withPostprocessing(final MaskPostprocessing newPostprocessing) {
		return new TrackingOptions(model, device, channel, first, last, direction, newPostprocessing, intensity);
	}
}
