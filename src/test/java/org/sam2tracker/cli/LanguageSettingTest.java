package org.sam2tracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.sam2tracker.run.ExitStatus;

/**
 * Under a language setting that cannot name a path (LC_ALL=C, as on many servers), the command line says in
 * one line what to set, instead of a stack trace and the whole usage. Run in a JVM of its own, since the setting
 * is read when a JVM starts.
 */
class LanguageSettingTest {

	@Test
	void aPathTheLanguageSettingCannotNameGetsOneLineSayingWhatToSet() throws Exception {
		// The shell makes the path's UTF-8 bytes itself, whatever the language setting of this JVM.
		final ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "exec \"$0\" -cp \"$1\" " + Main.class.getName() +
			" track \"$(printf '/data/c\\303\\251llules.tif')\" -m tiny -o out", Path.of(System.getProperty(
				"java.home"), "bin", "java").toString(), System.getProperty("java.class.path"));
		pb.environment().put("LC_ALL", "C");
		pb.environment().put("LANG", "C");
		pb.redirectErrorStream(true);
		final Process p = pb.start();
		final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(60, TimeUnit.SECONDS));
		assertEquals(ExitStatus.BAD_INPUT.code(), p.exitValue(), output);
		final List<String> lines = output.lines().toList();
		assertEquals(1, lines.size(), output);
		assertTrue(lines.get(0).contains("cannot name. Run with a UTF-8 setting, for example LC_ALL=C.UTF-8"), output);
	}
}
