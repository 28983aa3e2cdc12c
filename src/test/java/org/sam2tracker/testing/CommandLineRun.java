package org.sam2tracker.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.sam2tracker.cli.Cancellation;
import org.sam2tracker.cli.Main;

/** A command line run in this JVM, through the same entry as {@code java -jar}: its exit status and what it printed. */
public record CommandLineRun(int code, String out, String err) {

	public static CommandLineRun run(final Cancellation cancellation, final String... args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8), cancellation, args);
		return new CommandLineRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	public static CommandLineRun run(final String... args) {
		return run(new Cancellation(), args);
	}
}
