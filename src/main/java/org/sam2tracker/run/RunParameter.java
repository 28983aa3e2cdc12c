package org.sam2tracker.run;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One option of a run, declared once: its macro key, dialog label, command-line names, help, default and how its
 * text is read and written. The command line's options, the Fiji dialog, the macro keys and the SciJava command
 * are all made from the table of these in {@link RunParameters}, so a default or a rule cannot differ between them.
 *
 * @param <T> the option's value type
 */
public final class RunParameter<T> {

	/** What kind of field the option is: how a dialog shows it and how a command line takes it. */
	public enum Kind {
		/** One of {@link #choices()}. */
		CHOICE,
		/** A whole number. */
		WHOLE,
		/** Any number. */
		NUMBER,
		/** On or off: a checkbox, a command-line switch, a macro key present or absent. */
		FLAG,
		/** Free text. */
		TEXT,
		/** A file path, or empty. */
		FILE,
		/** A folder path, or empty. */
		FOLDER
	}

	/** Which front ends offer the option: some only make sense with an open image and its windows. */
	public enum Scope {
		/** The command line and Fiji alike. */
		ALL,
		/** Fiji only: the dialog, macros and the SciJava command. */
		FIJI,
		/** The command line only. */
		COMMAND_LINE;

		public boolean inFiji() {
			return this != COMMAND_LINE;
		}

		public boolean onCommandLine() {
			return this != FIJI;
		}
	}

	/** Reads an option's text; throws IllegalArgumentException with the reason, which the caller prefixes. */
	@FunctionalInterface
	public interface Parser<T> {

		T parse(String text);
	}

	private final String key;
	private final String label;
	private final List<String> commandLineNames;
	private final String help;
	private final Kind kind;
	private final List<String> choices;
	private final String defaultText;
	private final Parser<T> parser;
	private final Function<T, String> formatter;
	private final Scope scope;
	private final boolean commandLineTurnsOff;
	private final boolean requiredOnCommandLine;

	private RunParameter(final Builder<T> b) {
		this.key = Objects.requireNonNull(b.key);
		this.label = Objects.requireNonNull(b.label);
		this.commandLineNames = List.copyOf(b.commandLineNames);
		this.help = Objects.requireNonNull(b.help);
		this.kind = Objects.requireNonNull(b.kind);
		this.choices = List.copyOf(b.choices);
		this.defaultText = Objects.requireNonNull(b.defaultText);
		this.parser = Objects.requireNonNull(b.parser);
		this.formatter = Objects.requireNonNull(b.formatter);
		this.scope = b.scope;
		this.commandLineTurnsOff = b.commandLineTurnsOff;
		this.requiredOnCommandLine = b.requiredOnCommandLine;
		if (!label.split(" ")[0].toLowerCase(Locale.ROOT).equals(key)) {
			// ImageJ records a dialog field under the first word of its label.
			throw new IllegalArgumentException("the label '" + label + "' must start with the key '" + key + "'");
		}
		checkDefault();
	}

	/** The macro key ({@code fill_holes}); the dialog records under it. */
	public String key() {
		return key;
	}

	/** The dialog's label; its first word is the key, as ImageJ's recorder needs. */
	public String label() {
		return label;
	}

	/** The command line's names, the long one last ({@code -m}, {@code --model}); empty when it has none. */
	public List<String> commandLineNames() {
		return commandLineNames;
	}

	/** The long command-line name: {@code --fill-holes}. */
	public String commandLineName() {
		return commandLineNames.get(commandLineNames.size() - 1);
	}

	public String help() {
		return help;
	}

	public Kind kind() {
		return kind;
	}

	/** The choices of a {@link Kind#CHOICE} option, as they are written; empty for others. */
	public List<String> choices() {
		return choices;
	}

	public String defaultText() {
		return defaultText;
	}

	public T defaultValue() {
		return parser.parse(defaultText);
	}

	public Scope scope() {
		return scope;
	}

	/**
	 * For a flag that is on by default: the command-line switch turns it off ({@code --overlapping} for
	 * non-overlapping masks), since a switch can only be given, not taken away.
	 */
	public boolean commandLineTurnsOff() {
		return commandLineTurnsOff;
	}

	public boolean requiredOnCommandLine() {
		return requiredOnCommandLine;
	}

	/**
	 * Reads the option's text.
	 *
	 * @param shownAs how the user wrote the option, for the message: {@code --fill-holes} or {@code fill_holes=}
	 */
	public T parse(final String text, final String shownAs) throws BadInputException {
		try {
			return parser.parse(text == null ? "" : text.trim());
		}
		catch (final IllegalArgumentException e) {
			throw new BadInputException(shownAs + " " + text + ": " + e.getMessage());
		}
	}

	/** A table whose default its own parser refuses is a programming error, found when the class loads. */
	private void checkDefault() {
		try {
			parser.parse(defaultText);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("the default of " + key + ", '" + defaultText + "', is not valid: " + e
				.getMessage(), e);
		}
	}

	/** The value as the option's text, the way a macro line or a command line writes it. */
	public String format(final T value) {
		return formatter.apply(value);
	}

	/** Formats a value known only as an Object (from a {@link RunSettings}). */
	@SuppressWarnings("unchecked")
	String formatAny(final Object value) {
		return formatter.apply((T) value);
	}

	@Override
	public String toString() {
		return key;
	}

	static <T> Builder<T> builder(final String key, final Kind kind, final Parser<T> parser,
		final Function<T, String> formatter)
	{
		return new Builder<>(key, kind, parser, formatter);
	}

	/** Declares a parameter, one property a line, as the table in {@link RunParameters} reads. */
	static final class Builder<T> {

		private final String key;
		private final Kind kind;
		private final Parser<T> parser;
		private final Function<T, String> formatter;
		private String label;
		private List<String> commandLineNames = List.of();
		private String help = "";
		private List<String> choices = List.of();
		private String defaultText = "";
		private Scope scope = Scope.ALL;
		private boolean commandLineTurnsOff;
		private boolean requiredOnCommandLine;

		private Builder(final String key, final Kind kind, final Parser<T> parser, final Function<T, String> formatter) {
			this.key = key;
			this.kind = kind;
			this.parser = parser;
			this.formatter = formatter;
		}

		Builder<T> label(final String value) {
			label = value;
			return this;
		}

		Builder<T> commandLine(final String... names) {
			commandLineNames = List.of(names);
			return this;
		}

		Builder<T> help(final String value) {
			help = value;
			return this;
		}

		Builder<T> choices(final String... values) {
			choices = List.of(values);
			return this;
		}

		Builder<T> byDefault(final String value) {
			defaultText = value;
			return this;
		}

		Builder<T> only(final Scope value) {
			scope = value;
			return this;
		}

		Builder<T> commandLineTurnsOff() {
			commandLineTurnsOff = true;
			return this;
		}

		Builder<T> requiredOnCommandLine() {
			requiredOnCommandLine = true;
			return this;
		}

		RunParameter<T> build() {
			if (scope.onCommandLine() && commandLineNames.isEmpty()) {
				commandLineNames = List.of("--" + key.replace('_', '-'));
			}
			return new RunParameter<>(this);
		}
	}
}
