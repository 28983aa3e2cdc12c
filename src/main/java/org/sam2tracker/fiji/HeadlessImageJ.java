package org.sam2tracker.fiji;

import ij.Menus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs an ImageJ macro without a screen on plain ImageJ 1 (Fiji does not need this: its legacy layer does the
 * same). Headless ImageJ 1 cannot build its menus, so {@code run("...")} in a macro finds no command; here the
 * command table gets ImageJ's own commands (from IJ_Props.txt in ij.jar) and ours (from the plugins.config in
 * our jar), read as ImageJ reads them.
 * <p>
 * {@code java -cp <jars> org.sam2tracker.fiji.HeadlessImageJ macro.ijm "argument"}
 */
public final class HeadlessImageJ {

	private static final Pattern ENTRY = Pattern.compile("^[^#=]+=\"(.+?)\",(.+)$");
	private static final Pattern PLUGIN = Pattern.compile("^\\s*([^#\"]+?),\\s*\"(.+?)\",\\s*(\\S+)\\s*$");

	private HeadlessImageJ() {}

	/** Runs a macro file with an argument; exits non-zero when the macro aborts. */
	public static void main(final String[] args) {
		if (args.length < 1 || args.length > 2) {
			System.err.println("Usage: HeadlessImageJ <macro.ijm> [argument]");
			System.exit(2);
		}
		install();
		final String result = ij.IJ.runMacroFile(Path.of(args[0]).toAbsolutePath().toString(), args.length > 1
			? args[1] : "");
		System.exit("[aborted]".equals(result) || Sam2TrackerPlugin.failures() > 0 ? 1 : 0);
	}

	/** Installs the command table once; later calls do nothing. */
	public static synchronized void install() {
		System.setProperty("java.awt.headless", "true");
		if (Menus.getCommands() != null) return;
		final Hashtable<String, String> table = new Hashtable<>();
		read("/IJ_Props.txt", line -> {
			final Matcher m = ENTRY.matcher(line);
			if (m.matches()) table.put(m.group(1).replaceAll("\\[.*\\]$", ""), m.group(2).trim());
		});
		// ImageJ's File menu items are built in code rather than listed in IJ_Props.txt.
		table.put("Close All", "ij.plugin.Commands(\"close-all\")");
		table.put("Close", "ij.plugin.Commands(\"close\")");
		read("/plugins.config", line -> {
			final Matcher m = PLUGIN.matcher(line);
			if (m.matches()) table.put(m.group(2), m.group(3));
		});
		try {
			final Field field = Menus.class.getDeclaredField("pluginsTable");
			field.setAccessible(true);
			field.set(null, table);
		}
		catch (final ReflectiveOperationException e) {
			throw new IllegalStateException("cannot install ImageJ's command table", e);
		}
	}

	/** The class plugins.config names for a command, or null. */
	public static String pluginFor(final String command) {
		install();
		return (String) Menus.getCommands().get(command);
	}

	private static void read(final String resource, final java.util.function.Consumer<String> lines) {
		try (InputStream in = HeadlessImageJ.class.getResourceAsStream(resource)) {
			if (in == null) throw new IllegalStateException(resource + " is not on the class path");
			final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) lines.accept(line);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
