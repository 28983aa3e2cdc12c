package org.sam2tracker.testing;

import ij.Menus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain ImageJ 1 in headless mode cannot build its menus, so {@code IJ.run} finds no command. Fiji fixes this
 * with its legacy layer; these tests do the same by hand: the command table gets ImageJ's own commands (from
 * IJ_Props.txt in ij.jar) and ours (from the plugins.config packaged in our jar), as ImageJ would read them.
 */
public final class HeadlessImageJ {

	private static final Pattern ENTRY = Pattern.compile("^[^#=]+=\"(.+?)\",(.+)$");
	private static final Pattern PLUGIN = Pattern.compile("^\\s*([^#\"]+?),\\s*\"(.+?)\",\\s*(\\S+)\\s*$");

	private HeadlessImageJ() {}

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
