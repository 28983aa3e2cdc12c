package org.sam2tracker.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a saved interactive session holds besides its prompts: which prompts are corrections, the objects' names
 * and whether they are hidden, the axis it followed, and the options that shape the masks. With it the batch
 * tracker replays the session as the session ran (corrections as corrections, each object on its own) to the same
 * labels, and refuses, before any work, a run whose options would give other masks.
 */
public record SessionRecord(Set<PromptKey> corrections, boolean alongZ, Map<String, String> options,
	List<SessionObject> objects)
{

	/** An object as the panel lists it. */
	public record SessionObject(int id, String name, boolean hidden) {}

	public SessionRecord {
		corrections = Set.copyOf(corrections);
		options = Map.copyOf(options);
		objects = List.copyOf(objects);
	}

	/** The options that change the masks, as text by key, for the file. */
	public static Map<String, String> maskOptions(final RunSettings settings) {
		final Map<String, String> out = new LinkedHashMap<>();
		for (final RunParameter<?> p : maskParameters(settings)) out.put(p.key(), settings.text(p));
		return out;
	}

	/**
	 * Refuses a run whose options would change the session's masks, naming each option with the value to give.
	 *
	 * @param file the session file, for the message
	 */
	public void checkReplay(final RunSettings run, final String file) throws BadInputException {
		final List<String> differences = new ArrayList<>();
		for (final RunParameter<?> p : maskParameters(run)) {
			// sessions saved before the input size and precision were choices ran at the model's own and exact
			final String saved = options.getOrDefault(p.key(), p == RunParameters.INPUT_SIZE ? RunParameters
				.MODEL_INPUT_SIZE : p == RunParameters.PRECISION ? RunParameters.PRECISION.defaultText() : null);
			if (saved == null || saved.equals(run.text(p))) continue;
			differences.add(p.label() + " is " + show(run.text(p)) + " here but " + show(saved) + " in the session (" +
				p.key() + "=" + saved + (p.scope().onCommandLine() ? ", or " + p.commandLineName() + " " + saved : "") +
				")");
		}
		if (!differences.isEmpty()) {
			throw new BadInputException(file + " is a saved interactive session, and this run would not give its " +
				"masks: " + String.join("; ", differences) + ". Run it with the session's values.");
		}
	}

	private static String show(final String text) {
		return text.isEmpty() ? "empty" : text;
	}

	/** Input size, precision, channel, range, intensity mapping (only the numbers its mode reads) and mask clean-up. */
	private static List<RunParameter<?>> maskParameters(final RunSettings settings) {
		final List<RunParameter<?>> out = new ArrayList<>(List.of(RunParameters.INPUT_SIZE, RunParameters.PRECISION,
			RunParameters.CHANNEL, RunParameters.FIRST, RunParameters.LAST, RunParameters.INTENSITY));
		final IntensityMapping.Mode mode = settings.get(RunParameters.INTENSITY);
		if (mode == IntensityMapping.Mode.SERIES || mode == IntensityMapping.Mode.FRAME) {
			out.add(RunParameters.SATURATED);
		}
		if (mode == IntensityMapping.Mode.FIXED) out.addAll(List.of(RunParameters.MIN, RunParameters.MAX));
		out.addAll(List.of(RunParameters.NON_OVERLAPPING, RunParameters.FILL_HOLES));
		return out;
	}
}
