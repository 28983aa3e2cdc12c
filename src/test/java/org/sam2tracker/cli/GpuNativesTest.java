package org.sam2tracker.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.install.DownloadListener;
import org.sam2tracker.install.GpuPack;
import org.sam2tracker.install.GpuPackInstaller;
import org.sam2tracker.testing.TestData;

/**
 * The plugin's own ONNX Runtime classes on the GPU pack's natives: ONNX Runtime's three files of the pinned pack
 * fetched from Maven Central as ranges of their jar (about 8 MB, checked against the pins), then the command line
 * in a JVM of its own pointed at them: it reports the pack's ONNX Runtime with CUDA among its providers, and a
 * CPU run on those natives gives the labels of a run on the plugin's own natives.
 */
class GpuNativesTest {

	private static final Path CELLS = TestData.ROOT.resolve("clips/cells/cells-16bit.tif");
	private static final Path PROMPTS = TestData.ROOT.resolve("clips/cells/cells_prompts.zip");

	@TempDir
	Path dir;

	@Test
	void cpuSessionsOnTheGpuPacksNativesGiveTheSameLabels() throws Exception {
		final GpuPack linux = GpuPack.forPlatform("Linux", "amd64").orElseThrow();
		final GpuPack onnxRuntimeOnly = new GpuPack(linux.id(), linux.platform(), linux.onnxRuntimeVersion(), linux
			.files().stream().filter(f -> f.onnxRuntime() && !f.name().contains("cuda")).toList());
		assertEquals(3, onnxRuntimeOnly.files().size());
		final GpuPackInstaller installer = new GpuPackInstaller(onnxRuntimeOnly, dir.resolve("gpu"));
		installer.install(DownloadListener.NONE, () -> false);
		assertTrue(installer.verify().installed());
		final Path natives = installer.folder();

		final String info = run(natives, "info");
		assertTrue(info.contains("ONNX Runtime " + linux.onnxRuntimeVersion()), info);
		assertTrue(info.contains("CUDA"), "the GPU build lists CUDA among its providers: " + info);

		run(null, "track", CELLS.toString(), "-p", PROMPTS.toString(), "-m", TestData.TOY_BUNDLE.toString(), "-o", dir
			.resolve("own").toString(), "--device", "cpu", "-q");
		run(natives, "track", CELLS.toString(), "-p", PROMPTS.toString(), "-m", TestData.TOY_BUNDLE.toString(), "-o", dir
			.resolve("pack").toString(), "--device", "cpu", "-q");
		final ImagePlus own = IJ.openImage(dir.resolve("own/cells-16bit-labels.tif").toString());
		final ImagePlus pack = IJ.openImage(dir.resolve("pack/cells-16bit-labels.tif").toString());
		assertEquals(own.getStackSize(), pack.getStackSize());
		for (int i = 1; i <= own.getStackSize(); i++) {
			assertArrayEquals((short[]) own.getStack().getPixels(i), (short[]) pack.getStack().getPixels(i), "plane " + i);
		}
	}

	/** The command line in a JVM of its own, on the natives of the folder (the plugin's own when null). */
	private static String run(final Path natives, final String... args) throws Exception {
		final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString()));
		if (natives != null) command.add("-Donnxruntime.native.path=" + natives);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
		command.addAll(List.of(args));
		final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(300, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue(), output);
		return output;
	}
}
