package org.sam2tracker.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.track.DivisionRule;
import org.sam2tracker.track.MaskPostprocessing;

/**
 * A value for every option of {@link RunParameters}: what a dialog, a macro line, a command line or a script asked
 * for, read by the table's own rules. Immutable; {@link #with} gives a changed copy.
 */
public final class RunSettings {

	private final Map<RunParameter<?>, Object> values;

	private RunSettings(final Map<RunParameter<?>, Object> values) {
		this.values = Collections.unmodifiableMap(values);
	}

	/** Every option at its default. */
	public static RunSettings defaults() {
		final Map<RunParameter<?>, Object> values = new LinkedHashMap<>();
		for (final RunParameter<?> p : RunParameters.ALL) values.put(p, p.defaultValue());
		return new RunSettings(values);
	}

	/**
	 * Reads options from their texts, by macro key; keys left out keep the values of {@code base}.
	 *
	 * @param shownAs how a front end writes an option in its messages: {@code --fill-holes} or {@code fill_holes=}
	 * @throws BadInputException for an unknown key or a text the option does not take
	 */
	public static RunSettings fromText(final Map<String, String> textByKey, final RunSettings base,
		final BiFunction<RunParameter<?>, String, String> shownAs) throws BadInputException
	{
		final List<String> unknown = new ArrayList<>();
		for (final String key : textByKey.keySet()) {
			if (RunParameters.byKey(key) == null) unknown.add(key);
		}
		if (!unknown.isEmpty()) {
			throw new BadInputException("Unknown option" + (unknown.size() > 1 ? "s " : " ") + String.join(", ",
				unknown) + ". Known options: " + String.join(", ", RunParameters.ALL.stream().map(RunParameter::key)
					.toList()) + ".");
		}
		final Map<RunParameter<?>, Object> values = new LinkedHashMap<>(base.values);
		for (final Map.Entry<String, String> e : textByKey.entrySet()) {
			final RunParameter<?> p = RunParameters.byKey(e.getKey());
			values.put(p, p.parse(e.getValue(), shownAs.apply(p, e.getValue())));
		}
		return new RunSettings(values);
	}

	@SuppressWarnings("unchecked")
	public <T> T get(final RunParameter<T> parameter) {
		return (T) values.get(parameter);
	}

	public <T> RunSettings with(final RunParameter<T> parameter, final T value) {
		final Map<RunParameter<?>, Object> changed = new LinkedHashMap<>(values);
		changed.put(parameter, value);
		return new RunSettings(changed);
	}

	/** The option's value as its text. */
	public String text(final RunParameter<?> parameter) {
		return parameter.formatAny(values.get(parameter));
	}

	/**
	 * The macro options string that replays these settings, in the table's order: flags when on, every other option
	 * of the given front end as {@code key=value} ({@code key=[value]} when empty or with spaces).
	 */
	public String toMacro(final List<RunParameter<?>> parameters) {
		final List<String> parts = new ArrayList<>();
		for (final RunParameter<?> p : parameters) {
			if (p.kind() == RunParameter.Kind.FLAG) {
				if ((Boolean) values.get(p)) parts.add(p.key());
				continue;
			}
			final String value = text(p);
			parts.add(p.key() + "=" + (value.isEmpty() || value.contains(" ") ? "[" + value + "]" : value));
		}
		return String.join(" ", parts);
	}

	/** Every option by key, as text: what a run report records. */
	public Map<String, String> describe(final List<RunParameter<?>> parameters) {
		final Map<String, String> out = new LinkedHashMap<>();
		for (final RunParameter<?> p : parameters) out.put(p.key(), text(p));
		return out;
	}

	/** What the tracking itself needs, the model found among the installed ones (or as a bundle folder). */
	public TrackingOptions trackingOptions(final ModelRegistry models) throws RunException {
		try {
			return trackingOptions(models.resolve(get(RunParameters.MODEL)));
		}
		catch (final BundleException e) {
			throw RunException.of(e);
		}
	}

	/** What the tracking itself needs, with the model already found. */
	public TrackingOptions trackingOptions(final Path bundle) throws BadInputException {
		return TrackingOptions.builder(bundle).inputSize(get(RunParameters.INPUT_SIZE))
			.precision(get(RunParameters.PRECISION)).device(get(RunParameters.DEVICE)).channel(get(RunParameters.CHANNEL))
			.range(get(RunParameters.FIRST), get(RunParameters.LAST)).direction(get(RunParameters.DIRECTION))
			.postprocessing(new MaskPostprocessing(get(RunParameters.NON_OVERLAPPING), get(RunParameters.FILL_HOLES)))
			.intensity(intensity()).divisions(get(RunParameters.DIVISIONS) ? DivisionRule.CELLS : null).seedOverlap(get(
				RunParameters.SEED_OVERLAP)).build();
	}

	/** The intensity mapping these settings describe; a fixed range without max > min is refused. */
	public IntensityMapping intensity() throws BadInputException {
		try {
			return new IntensityMapping(get(RunParameters.INTENSITY), get(RunParameters.SATURATED), get(
				RunParameters.MIN), get(RunParameters.MAX));
		}
		catch (final IllegalArgumentException e) {
			throw new BadInputException(e.getMessage(), e);
		}
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof RunSettings other && values.equals(other.values);
	}

	@Override
	public int hashCode() {
		return values.hashCode();
	}

	@Override
	public String toString() {
		return toMacro(RunParameters.ALL);
	}
}
