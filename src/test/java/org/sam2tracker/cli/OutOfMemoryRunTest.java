package org.sam2tracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.run.ExitStatus;
import org.sam2tracker.testing.TestData;

/**
 * A run that outgrows Java's heap ends with one message that says so and how to give Java more, exit status 5 and
 * nothing written: whether the memory runs out while tracking or while ImageJ reads the image (ImageJ catches
 * that one itself and returns part of the stack). Each run is a JVM of its own with a 40 MB heap.
 */
class OutOfMemoryRunTest {

	private static final int SIDE = 2048;

	@TempDir
	Path dir;

	/** 4 frames of 2048 x 2048 (16 MB) are read, but their label image (32 MB more) does not fit. */
	@Test
	void runningOutWhileTrackingSaysSoAndWritesNothing() throws Exception {
		assertOutOfMemory(stack(4));
	}

	/** 8 frames (32 MB) do not fit beside the JVM's own: ImageJ stops reading after some of them. */
	@Test
	void runningOutWhileImageJReadsIsNotTakenForACutShortFile() throws Exception {
		assertOutOfMemory(stack(8));
	}

	private void assertOutOfMemory(final Path input) throws Exception {
		final Path out = dir.resolve("out");
		final ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Xmx40m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "track", input
				.toString(), "-p", TestData.ROOT.resolve("clips/cells/cells_prompts.zip").toString(), "-m",
			TestData.TOY_BUNDLE.toString(), "-o", out.toString(), "--device", "cpu");
		pb.redirectErrorStream(true);
		final Process p = pb.start();
		final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS));
		assertEquals(ExitStatus.MEMORY.code(), p.exitValue(), output);
		assertTrue(output.contains("big: Java ran out of memory: it may use at most 40 MB here."), output);
		assertTrue(output.contains("java -Xmx8g -jar"), output);
		assertFalse(output.contains("Exception"), output);
		assertFalse(output.contains("cut short"), output);
		if (Files.exists(out)) {
			try (Stream<Path> left = Files.list(out)) {
				assertEquals(0, left.count(), "files left in " + out);
			}
		}
	}

	/** An 8-bit ImageJ TIFF of noise, frames of 2048 x 2048, named big.tif. */
	private Path stack(final int frames) {
		final ImageStack stack = new ImageStack(SIDE, SIDE);
		final Random random = new Random(frames);
		for (int t = 0; t < frames; t++) {
			final byte[] pixels = new byte[SIDE * SIDE];
			random.nextBytes(pixels);
			stack.addSlice(new ByteProcessor(SIDE, SIDE, pixels));
		}
		final ImagePlus imp = new ImagePlus("big", stack);
		imp.setDimensions(1, 1, frames);
		final Path file = dir.resolve("big.tif");
		assertTrue(new FileSaver(imp).saveAsTiffStack(file.toString()));
		return file;
	}
}
