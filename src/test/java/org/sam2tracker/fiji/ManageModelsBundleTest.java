package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.testing.TemporaryModelFolder;

/** Manage Models installs a bundle folder or .zip of the user's own, checked whole, as the command line does. */
class ManageModelsBundleTest {

	@TempDir
	Path dir;

	@RegisterExtension
	final TemporaryModelFolder models = new TemporaryModelFolder();

	@BeforeAll
	static void imagej() {
		HeadlessImageJ.install();
	}

	@Test
	void aBundleFolderOrZipIsInstalledUnderItsOwnName() throws Exception {
		IJ.runMacro("run(\"SAM 2 Manage Models...\", \"action=install from=[" + TestData.TOY_BUNDLE.toAbsolutePath() +
			"]\");");
		ModelBundle.open(models.folder().resolve("toy-blob-tracker"));

		final Path zip = dir.resolve("shared-toy.zip");
		try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
			Stream<Path> files = Files.list(TestData.TOY_BUNDLE))
		{
			for (final Path f : (Iterable<Path>) files::iterator) {
				z.putNextEntry(new ZipEntry(f.getFileName().toString()));
				Files.copy(f, z);
				z.closeEntry();
			}
		}
		IJ.runMacro("run(\"SAM 2 Manage Models...\", \"action=install from=[" + zip + "]\");");
		ModelBundle.open(models.folder().resolve("shared-toy"));
		assertTrue(ModelRegistry.standard().installed().containsKey("shared-toy"), "the tracker's list offers it");
	}

	@Test
	void aDamagedBundleIsRefusedAndNothingIsInstalled() throws Exception {
		final Path broken = TestData.copyBundle(TestData.TOY_BUNDLE, dir.resolve("broken"));
		Files.write(broken.resolve("mask_decoder.onnx"), new byte[] { 1, 2, 3 });
		final int before = Sam2TrackerPlugin.failures();
		IJ.runMacro("run(\"SAM 2 Manage Models...\", \"action=install from=[" + broken + "]\");");
		assertEquals(before + 1, Sam2TrackerPlugin.failures(), "the refusal is reported");
		assertFalse(Files.exists(models.folder().resolve("broken")));
	}
}
