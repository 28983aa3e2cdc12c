package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.sam2tracker.cli.Cancellation;
import org.sam2tracker.cli.Main;
import org.sam2tracker.run.RunParameter;
import org.sam2tracker.run.RunParameters;

/**
 * The front ends are made from the option table: the SciJava command has a field for every Fiji option, starting
 * at the table's default, and the command line's help lists every command-line option with the table's default.
 */
class FrontEndOptionsTest {

	@Test
	void theSciJavaCommandHasAFieldForEveryFijiOptionAtItsDefault() {
		final Sam2TrackerCommand command = new Sam2TrackerCommand();
		for (final RunParameter<?> p : RunParameters.inFiji()) {
			final Object value = Sam2TrackerCommand.fieldValue(command, p);
			assertEquals(p.defaultText(), value instanceof Double d ? RunParameters.SATURATED.format(d) : String
				.valueOf(value), "the field " + Sam2TrackerCommand.fieldName(p) + " of " + p.key());
		}
	}

	@Test
	void theCommandLineHelpListsEveryOptionWithItsDefault() {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(),
			true, StandardCharsets.UTF_8), new Cancellation(), "track", "--help");
		final String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
		for (final RunParameter<?> p : RunParameters.onCommandLine()) {
			assertTrue(help.contains(p.commandLineName()), p.commandLineName() + " in " + help);
			// An empty default (an optional folder) is left unsaid.
			if (p.kind() != RunParameter.Kind.FLAG && !p.requiredOnCommandLine() && !p.defaultText().isEmpty()) {
				assertTrue(help.contains("(default: " + p.defaultText() + ")"), p.key() + "'s default in the help");
			}
		}
		// The command line's own --prompts is a file; Fiji's prompts= is where ROIs are taken from.
		for (final RunParameter<?> p : RunParameters.inFiji()) {
			if (!p.scope().onCommandLine() && p != RunParameters.PROMPTS) {
				assertTrue(!help.contains("--" + p.key()), p.key() + " is Fiji's only");
			}
		}
	}
}
