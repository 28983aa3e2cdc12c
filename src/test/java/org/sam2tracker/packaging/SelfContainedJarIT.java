package org.sam2tracker.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.output.OutputFormat;
import org.sam2tracker.output.OutputSet;
import org.sam2tracker.testing.TestData;

/** The -all jar copied on its own, as the cluster section says, tracks a time-lapse with nothing beside it. */
class SelfContainedJarIT {

	@TempDir
	Path dir;

	@Test
	void theJarAloneTracksATimeLapse() throws Exception {
		final Path jar = Files.copy(Shipped.artifact("-all.jar"), dir.resolve("SAM2_Tracker.jar"));
		final Shipped.Run info = Shipped.java(dir, "-jar", jar.toString(), "info");
		assertEquals(0, info.code(), info.output());
		final Path out = dir.resolve("results");
		final Shipped.Run run = Shipped.java(dir, "-jar", jar.toString(), "track", TestData.ROOT.resolve(
			"clips/cells/cells-16bit.tif").toAbsolutePath().toString(), "-p", TestData.ROOT.resolve(
				"clips/cells/cells_prompts.zip").toAbsolutePath().toString(), "-m", TestData.TOY_BUNDLE.toAbsolutePath()
					.toString(), "-o", out.toString(), "-q");
		assertEquals(0, run.code(), run.output());
		for (final OutputFormat f : OutputSet.FORMATS) {
			assertTrue(Files.exists(out.resolve("cells-16bit" + f.suffix())), f.suffix());
		}
	}
}
