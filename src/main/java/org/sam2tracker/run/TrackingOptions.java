package org.sam2tracker.run;

import java.nio.file.Path;
import java.util.Objects;

import org.sam2tracker.model.Device;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.Precision;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.DivisionRule;
import org.sam2tracker.track.MaskPostprocessing;

/**
 * What a tracking run over an image needs besides the image and its prompts. Made with {@link #builder}, whose
 * defaults are those of {@link RunParameters}; front ends make it from their {@link RunSettings}.
 *
 * @param inputSize the model's input size in pixels, or {@link ModelBundle#OWN_INPUT_SIZE} for the size it was made at
 * @param precision the arithmetic the model runs in
 * @param channel the tracked channel (1-based), or {@link RunParameters#MERGE_CHANNELS}
 * @param first first position along the tracked axis (1-based); 0 means the start
 * @param last last position along the tracked axis; 0 means the end
 * @param divisions when objects that divide are followed as two daughters, by this rule; null when not
 * @param seedOverlap the largest share of a later seed label's pixels on tracked objects for it to be a new object
 */
public record TrackingOptions(Path model, int inputSize, Precision precision, Device device, int channel, int first,
	int last, Direction direction, MaskPostprocessing postprocessing, IntensityMapping intensity, DivisionRule divisions, double seedOverlap)
{

	public TrackingOptions {
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(device, "device");
		Objects.requireNonNull(precision, "precision");
		Objects.requireNonNull(direction, "direction");
		Objects.requireNonNull(postprocessing, "postprocessing");
		Objects.requireNonNull(intensity, "intensity");
	}

	/** The defaults of every option, with this model. */
	public static Builder builder(final Path model) {
		return new Builder(model);
	}

	/** A builder that starts from these options. */
	public Builder toBuilder() {
		return new Builder(model).inputSize(inputSize).precision(precision).device(device).channel(channel).range(first,
			last).direction(direction).postprocessing(postprocessing).intensity(intensity).divisions(divisions)
			.seedOverlap(seedOverlap);
	}

	/** The options one by one, each left out at its default. */
	public static final class Builder {

		private final Path model;
		private int inputSize = RunParameters.INPUT_SIZE.defaultValue();
		private Precision precision = RunParameters.PRECISION.defaultValue();
		private Device device = RunParameters.DEVICE.defaultValue();
		private int channel = RunParameters.CHANNEL.defaultValue();
		private int first = RunParameters.FIRST.defaultValue();
		private int last = RunParameters.LAST.defaultValue();
		private Direction direction = RunParameters.DIRECTION.defaultValue();
		private MaskPostprocessing postprocessing = new MaskPostprocessing(RunParameters.NON_OVERLAPPING
			.defaultValue(), RunParameters.FILL_HOLES.defaultValue());
		private IntensityMapping intensity = IntensityMapping.DEFAULT;
		private DivisionRule divisions = RunParameters.DIVISIONS.defaultValue() ? DivisionRule.CELLS : null;
		private double seedOverlap = RunParameters.SEED_OVERLAP.defaultValue();

		private Builder(final Path model) {
			this.model = model;
		}

		public Builder inputSize(final int pixels) {
			inputSize = pixels;
			return this;
		}

		public Builder precision(final Precision value) {
			precision = value;
			return this;
		}

		public Builder device(final Device value) {
			device = value;
			return this;
		}

		public Builder channel(final int value) {
			channel = value;
			return this;
		}

		/** First and last positions, 1-based; 0 for the start or the end. */
		public Builder range(final int firstPosition, final int lastPosition) {
			first = firstPosition;
			last = lastPosition;
			return this;
		}

		public Builder direction(final Direction value) {
			direction = value;
			return this;
		}

		public Builder postprocessing(final MaskPostprocessing value) {
			postprocessing = value;
			return this;
		}

		public Builder intensity(final IntensityMapping value) {
			intensity = value;
			return this;
		}

		/** The rule by which dividing objects become two daughters; null follows every object as one. */
		public Builder divisions(final DivisionRule value) {
			divisions = value;
			return this;
		}

		public Builder seedOverlap(final double value) {
			seedOverlap = value;
			return this;
		}

		public TrackingOptions build() {
			return new TrackingOptions(model, inputSize, precision, device, channel, first, last, direction,
				postprocessing, intensity, divisions, seedOverlap);
		}
	}
}
