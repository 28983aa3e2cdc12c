package org.sam2tracker.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The built packages in target/, and programs run on them in JVMs of their own. */
final class Shipped {

	private Shipped() {}

	/** The one file in target/ whose name ends so: the build made it in the package phase. */
	static Path artifact(final String ending) throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			final List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(ending)).toList();
			assertTrue(found.size() == 1, "one " + ending + " in target/: " + found + " (build with mvn verify)");
			return found.get(0).toAbsolutePath();
		}
	}

	/** What a program printed, and how it ended. */
	record Run(int code, String output) {}

	/** Runs {@code java} with the arguments, in a folder, and waits for it. */
	static Run java(final Path folder, final String... args) throws Exception {
		final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Djava.awt.headless=true"));
		command.addAll(List.of(args));
		final Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
		final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), output);
		return new Run(p.exitValue(), output);
	}
}
