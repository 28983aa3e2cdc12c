package org.sam2tracker.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.RunParameter;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.run.RunSettings;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The run options of {@link RunParameters} as picocli options: names, help and defaults all come from the table,
 * and the values are read back by the table's own rules, so that the command line and Fiji take an option alike.
 * picocli only collects the texts: a bad value is refused with the table's message, naming the option.
 */
final class CommandLineOptions {

	private CommandLineOptions() {}

	/** Adds every command-line run option to a command. */
	static void addTo(final CommandSpec spec) {
		for (final RunParameter<?> p : RunParameters.onCommandLine()) {
			final OptionSpec.Builder option = OptionSpec.builder(p.commandLineNames().toArray(new String[0]))
				.required(p.requiredOnCommandLine());
			if (p.kind() == RunParameter.Kind.FLAG) {
				option.type(boolean.class).arity("0").description(helpText(p.help()));
			}
			else {
				option.type(String.class).arity("1").paramLabel(paramLabel(p)).description(helpText(p.help()
					+ (p.requiredOnCommandLine() || p.defaultText().isEmpty() ? "" : " (default: " + p.defaultText()
						+ ")")));
				if (!p.requiredOnCommandLine()) option.defaultValue(p.defaultText());
			}
			spec.addOption(option.build());
		}
	}

	/** The run settings a parsed command line asks for. */
	static RunSettings read(final CommandSpec spec) throws BadInputException {
		final Map<String, String> texts = new LinkedHashMap<>();
		for (final RunParameter<?> p : RunParameters.onCommandLine()) {
			final Object value = spec.findOption(p.commandLineName()).getValue();
			if (p.kind() == RunParameter.Kind.FLAG) {
				final boolean given = Boolean.TRUE.equals(value);
				texts.put(p.key(), Boolean.toString(p.commandLineTurnsOff() ? !given : given));
			}
			else if (value != null) texts.put(p.key(), value.toString());
		}
		return RunSettings.fromText(texts, RunSettings.defaults(), (p, text) -> p.commandLineName());
	}

	/** picocli formats descriptions like String.format: a percent sign of the table's text must stay one. */
	static String helpText(final String help) {
		return help.replace("%", "%%");
	}

	private static String paramLabel(final RunParameter<?> p) {
		final List<String> choices = p.choices();
		return choices.isEmpty() ? p.key().toUpperCase(Locale.ROOT) : String.join("|", choices).toLowerCase(Locale
			.ROOT);
	}
}
