package org.sam2tracker.fiji;

import ij.plugin.frame.Recorder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.RunParameter;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.run.RunSettings;

/**
 * The run options as ImageJ macros write them: {@code key=value}, {@code key=[value with spaces]}, and a checkbox's
 * key alone when it is ticked. The keys, and the rules for their values, are those of {@link RunParameters}; the
 * dialog records under the same keys, so a recorded line and a line written by hand read alike.
 */
final class FijiOptions {

	private FijiOptions() {}

	/** The options Fiji offers, in the order of the dialog and of a macro line. */
	static List<RunParameter<?>> parameters() {
		return RunParameters.inFiji();
	}

	/** The built-in defaults, with the first installed model (or none). */
	static RunSettings defaults(final List<String> installedModels) {
		return RunSettings.defaults().with(RunParameters.MODEL, installedModels.isEmpty() ? "" : installedModels.get(
			0));
	}

	/**
	 * Reads a macro options string. Keys left out keep the values of {@code base}; a checkbox left out is off, as
	 * everywhere in ImageJ.
	 */
	static RunSettings fromMacro(final String options, final RunSettings base) throws BadInputException {
		final MacroOptions macro;
		try {
			macro = new MacroOptions(options);
		}
		catch (final IllegalArgumentException e) {
			throw new BadInputException(e.getMessage(), e);
		}
		final Map<String, String> texts = new LinkedHashMap<>();
		macro.forEach((key, value) -> {
			final RunParameter<?> p = RunParameters.byKey(key);
			texts.put(key, p != null && p.kind() == RunParameter.Kind.FLAG ? "true" : value);
		});
		for (final RunParameter<?> p : parameters()) {
			if (p.kind() == RunParameter.Kind.FLAG && !macro.has(p.key())) texts.put(p.key(), "false");
		}
		final List<String> outsideFiji = texts.keySet().stream().filter(k -> RunParameters.byKey(k) != null &&
			!RunParameters.byKey(k).scope().inFiji()).toList();
		if (!outsideFiji.isEmpty()) {
			throw new BadInputException("The option " + String.join(", ", outsideFiji) + " is for the command line " +
				"only. Known options: " + String.join(", ", parameters().stream().map(RunParameter::key).toList()) + ".");
		}
		return RunSettings.fromText(texts, base, (p, text) -> p.key() + "=");
	}

	/**
	 * The macro options string that replays the settings: every Fiji option but the range when it is the whole
	 * image, so that a line recorded on one image tracks the whole of the next, however long.
	 */
	static String toMacro(final RunSettings settings) {
		return settings.toMacro(parameters().stream().filter(p -> !isWholeRange(settings, p)).toList());
	}

	private static boolean isWholeRange(final RunSettings settings, final RunParameter<?> p) {
		return (p == RunParameters.FIRST || p == RunParameters.LAST) && (Integer) settings.get(p) == 0;
	}

	/** Hands every option to ImageJ's recorder, in the order of the macro line. */
	static void record(final RunSettings settings) {
		if (!Recorder.record) return;
		Recorder.resetCommandOptions();
		recordOptions(settings);
	}

	static void recordOptions(final RunSettings settings) {
		new MacroOptions(toMacro(settings)).forEach((key, value) -> {
			if (RunParameters.byKey(key).kind() == RunParameter.Kind.FLAG) Recorder.recordOption(key);
			else Recorder.recordOption(key, value.isEmpty() ? "[]" : value);
		});
	}
}
