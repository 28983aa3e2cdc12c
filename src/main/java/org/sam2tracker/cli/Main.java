package org.sam2tracker.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.sam2tracker.run.ExitStatus;
import org.sam2tracker.run.Version;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code java -jar SAM2_Tracker.jar track|models|info ...}. Runs without a screen.
 */
@Command(name = "sam2-tracker", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
	subcommands = { TrackCommand.class, ModelsCommand.class, GpuCommand.class, EvaluateCommand.class,
		InfoCommand.class, CommandLine.HelpCommand.class },
	description = "SAM 2.1 video tracking of objects marked on one frame of a time-lapse or z-stack.",
	footer = { "", "Exit status: 0 done, 1 some inputs of a batch failed, 2 bad input, 3 model problem, " +
		"4 device problem, 130 cancelled." })
public final class Main implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	public static void main(final String[] args) {
		System.setProperty("java.awt.headless", "true");
		final Cancellation cancellation = Cancellation.onSignals(Thread.currentThread());
		final int code = execute(System.out, System.err, cancellation, args);
		cancellation.finished();
		// During a shutdown the JVM is ending anyway, and System.exit would wait for ever.
		if (!cancellation.shuttingDown()) System.exit(code);
	}

	/** Runs a command line and returns its exit status. */
	public static int execute(final PrintStream out, final PrintStream err, final Cancellation cancellation,
		final String... args)
	{
		final CommandLine cli = new CommandLine(new Main(), new Factory(out, err, cancellation));
		cli.setOut(new PrintWriter(out, true));
		cli.setErr(new PrintWriter(err, true));
		cli.setCaseInsensitiveEnumValuesAllowed(true);
		CommandLineOptions.addTo(cli.getSubcommands().get("track").getCommandSpec());
		cli.setParameterExceptionHandler(Main::badArguments);
		// Path.of itself, so that a path the language setting cannot name reaches badArguments as the cause.
		cli.registerConverter(Path.class, Path::of);
		return cli.execute(args);
	}

	/**
	 * A command line that cannot be read: one line that says what is wrong and where the help is, not the whole
	 * usage. A path the system's language setting cannot represent gets the setting to change.
	 */
	private static int badArguments(final CommandLine.ParameterException e, final String[] args) {
		final PrintWriter err = e.getCommandLine().getErr();
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof InvalidPathException path) {
				err.println("The path " + path.getInput() + " has characters that this system's language setting (" +
					System.getProperty("sun.jnu.encoding") + ") cannot name. Run with a UTF-8 setting, for example " +
					"LC_ALL=C.UTF-8 java -jar ...");
				return ExitStatus.BAD_INPUT.code();
			}
		}
		err.println(e.getMessage());
		err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
		return ExitStatus.BAD_INPUT.code();
	}

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

	static final class VersionProvider implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			return new String[] { "SAM 2 Tracker " + Version.of() };
		}
	}

	/** Hands every command the streams and the cancellation flag. */
	private record Factory(PrintStream out, PrintStream err, Cancellation cancellation)
		implements CommandLine.IFactory
	{

		@Override
		public <K> K create(final Class<K> type) throws Exception {
			if (type == TrackCommand.class) return type.cast(new TrackCommand(out, err, cancellation));
			if (type == ModelsCommand.class) return type.cast(new ModelsCommand(out, err, cancellation));
			if (type == InfoCommand.class) return type.cast(new InfoCommand(out));
			if (type == GpuCommand.class) return type.cast(new GpuCommand(out, err, cancellation));
			if (type == EvaluateCommand.class) return type.cast(new EvaluateCommand(out, err));
			return CommandLine.defaultFactory().create(type);
		}
	}
}
