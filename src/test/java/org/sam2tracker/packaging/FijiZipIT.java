package org.sam2tracker.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;

import ij.IJ;
import ij.ImagePlus;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.TestData;

/**
 * The Fiji zip unpacked into a plain ImageJ 1 (ij.jar, and gson from jars/ as Fiji has it) runs the tracker
 * headless from the bundled macro: the zip holds everything else the plugin needs.
 */
class FijiZipIT {

	@TempDir
	Path dir;

	@Test
	void unpackedIntoAPlainImageJItTracksFromAMacro() throws Exception {
		final Path imagej = Files.createDirectories(dir.resolve("ImageJ"));
		final List<String> entries = unzip(Shipped.artifact("-fiji.zip"), imagej);
		assertTrue(entries.stream().anyMatch(e -> e.matches("plugins/SAM2_Tracker-.*\\.jar")), entries.toString());
		assertTrue(entries.stream().anyMatch(e -> e.startsWith("jars/onnxruntime-")), entries.toString());
		assertTrue(entries.stream().anyMatch(e -> e.startsWith("jars/picocli-")), entries.toString());
		for (final String library : new String[] { "dnnl-3.3.4-1.5.10", "javacpp-1.5.10", "opencl-3.0-1.5.10" }) {
			for (final String part : new String[] { "", "-linux-x86_64", "-windows-x86_64" }) {
				assertTrue(entries.contains("jars/" + library + part + ".jar"), library + part + ": " + entries);
			}
		}
		assertEquals(14, entries.size(), "two folders and twelve jars, nothing Fiji ships: " + entries);
		Files.copy(jarOf(IJ.class), imagej.resolve("ij.jar"));
		Files.copy(jarOf(Gson.class), imagej.resolve("jars/gson.jar"));

		final Path out = dir.resolve("results");
		final Shipped.Run run = trackCells(imagej, TestData.TOY_BUNDLE, out, "");
		assertEquals(0, run.code(), run.output());
		final ImagePlus labels = IJ.openImage(out.resolve("cells-16bit-labels.tif").toString());
		assertEquals(4, (int) labels.getStack().getProcessor(1).getStatistics().max, run.output());

		// bf16 from the zip's own jars: oneDNN's natives load (the log says bf16 runs, or which units the CPU lacks).
		final Path bf16Out = dir.resolve("results-bf16");
		final Shipped.Run bf16 = trackCells(imagej, TestData.CHECKPOINT_BUNDLE, bf16Out, "precision=bf16");
		assertEquals(0, bf16.code(), bf16.output());
		assertTrue(bf16.output().contains("Precision: image encoder and memory attention in bf16 on ") || bf16.output().contains(
			"no bfloat16 matrix instructions"), bf16.output());
		assertTrue(Files.isRegularFile(bf16Out.resolve("cells-16bit-labels.tif")), bf16.output());
	}

	/** The bundled headless macro on the cells clip and its prompts, in the unpacked ImageJ. */
	private static Shipped.Run trackCells(final Path imagej, final Path model, final Path out, final String options)
		throws Exception
	{
		return Shipped.java(imagej, "-cp", "ij.jar:jars/*:plugins/*", "org.sam2tracker.fiji.HeadlessImageJ", Path.of(
			"macros/track_headless.ijm").toAbsolutePath().toString(), "image=[" + TestData.ROOT.resolve(
				"clips/cells/cells-16bit.tif").toAbsolutePath() + "] prompts=[" + TestData.ROOT.resolve(
					"clips/cells/cells_prompts.zip").toAbsolutePath() + "] model=[" + model.toAbsolutePath() +
			"] output=[" + out + "]" + (options.isEmpty() ? "" : " options=[" + options + "]"));
	}

	private static Path jarOf(final Class<?> c) throws Exception {
		return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
	}

	private static List<String> unzip(final Path zip, final Path into) throws Exception {
		final List<String> names = new ArrayList<>();
		try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
			for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
				names.add(e.getName());
				final Path to = into.resolve(e.getName()).normalize();
				if (e.isDirectory()) Files.createDirectories(to);
				else Files.copy(z, to);
			}
		}
		return names;
	}
}
