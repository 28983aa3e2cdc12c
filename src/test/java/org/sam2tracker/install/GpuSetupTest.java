package org.sam2tracker.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.model.NativeRuntime;
import org.sam2tracker.model.RuntimeInfo;

/**
 * The GPU pre-flight on systems laid out in a folder: every message a user can meet before CUDA starts (no pack
 * for the system, no driver, a driver too old, no pack, a damaged pack), the driver's version read as the kernel
 * module writes it, the pinned Linux manifest (its ONNX Runtime the plugin's own, the documented load order), and
 * a pack that comes too late once ONNX Runtime has started.
 */
class GpuSetupTest {

	@TempDir
	Path dir;

	private static final GpuPack LINUX = GpuPack.forPlatform("Linux", "amd64").orElseThrow();

	@Test
	void eachObstacleIsNamedInWordsInTheOrderAUserMeetsThem() throws Exception {
		assertTrue(GpuSetup.obstacle(Optional.empty(), dir, linux(null)).contains("tracking runs on the CPU"));
		assertTrue(GpuSetup.obstacle(Optional.of(LINUX), dir, linux(null)).startsWith("no NVIDIA driver was found"));
		final DriverProbe old = linux("NVRM version: NVIDIA UNIX x86_64 Kernel Module  470.223.02  Sat Oct  7 " +
			"15:35:10 UTC 2023\nGCC version:  gcc version 12.2.0\n");
		assertEquals("the NVIDIA driver is too old (found 470.223.02, needs at least 525.60.13 for CUDA 12): update " +
			"the driver", GpuSetup.obstacle(Optional.of(LINUX), dir, old));
		final DriverProbe current = linux("NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  550.54.14  " +
			"Release Build\n");
		assertEquals(Optional.of("550.54.14"), current.find().version());
		final String missing = GpuSetup.obstacle(Optional.of(LINUX), dir.resolve("packs"), current);
		assertTrue(missing.startsWith("the GPU pack is not installed: install it once (a 1.5 GB download)"), missing);
		assertTrue(missing.contains("gpu install"), missing);

		final Path pack = Files.createDirectories(LINUX.folder(dir.resolve("packs")));
		Files.writeString(pack.resolve(GpuPackInstaller.MARKER), "a pack\n");
		final String damaged = GpuSetup.obstacle(Optional.of(LINUX), dir.resolve("packs"), current);
		assertTrue(damaged.startsWith("the GPU pack is damaged (libonnxruntime.so is missing;"), damaged);
		assertTrue(damaged.contains("it fetches only what is missing"), damaged);

		final DriverProbe noVersion = new DriverProbe(dir.resolve("wsl"), List.of(Files.createDirectories(dir.resolve(
			"wsl-lib"))), false);
		Files.createFile(dir.resolve("wsl-lib/libcuda.so.1"));
		assertTrue(noVersion.find().present(), "a driver on the library path counts, its version unknown");
		assertEquals(Optional.empty(), noVersion.find().version());

		final DriverProbe windows = new DriverProbe(Files.createDirectories(dir.resolve("c")), List.of(), true);
		assertTrue(GpuSetup.obstacle(Optional.of(LINUX), dir, windows).contains("nvcuda.dll"));
	}

	@Test
	void versionsCompareNumberByNumber() {
		assertTrue(DriverProbe.older("470.223.02", "525.60.13"));
		assertTrue(DriverProbe.older("525.60.12", "525.60.13"));
		assertFalse(DriverProbe.older("525.60.13", "525.60.13"));
		assertFalse(DriverProbe.older("1000.1", "525.60.13"));
		assertFalse(DriverProbe.older("528.33", "528.24.1"));
	}

	@Test
	void theLinuxPackIsThePluginsOwnOnnxRuntimeWithTheCudaSetInLoadOrder() {
		assertEquals(RuntimeInfo.onnxRuntimeVersion(), LINUX.onnxRuntimeVersion(),
			"the pack's natives must be the version of the plugin's ONNX Runtime classes");
		assertEquals(19, LINUX.files().size());
		final Set<String> names = new HashSet<>();
		for (int i = 0; i < LINUX.files().size(); i++) {
			final GpuPackFile f = LINUX.files().get(i);
			assertEquals(i + 1, f.order());
			assertTrue(names.add(f.name()), f.name());
			assertTrue(f.sha256().matches("[0-9a-f]{64}"), f.name());
			assertTrue(f.compressedBytes() > 0 && f.compressedBytes() <= f.bytes(), f.name());
		}
		assertEquals(List.of("libcudart.so.12", "libcublasLt.so.12", "libcublas.so.12", "libcurand.so.10",
			"libcufft.so.11", "libnvrtc.so.12", "libnvrtc-builtins.so.12.6", "libcudnn_graph.so.9", "libcudnn_ops.so.9",
			"libcudnn_heuristic.so.9", "libcudnn_engines_precompiled.so.9", "libcudnn_engines_runtime_compiled.so.9",
			"libcudnn_cnn.so.9", "libcudnn_adv.so.9", "libcudnn.so.9"), LINUX.cudaLibraries().stream().map(
				GpuPackFile::name).toList());
		assertTrue(LINUX.files().stream().filter(f -> f.name().equals("libcudart.so.12")).allMatch(f -> f.artifact()
			.startsWith("org.bytedeco:cuda-redist:12.9")), "cudart 12.9: 12.6's lacks functions the provider may use");
		assertEquals("https://repo.maven.apache.org/maven2/com/microsoft/onnxruntime/onnxruntime_gpu/1.22.0/" +
			"onnxruntime_gpu-1.22.0.jar", LINUX.files().get(0).jar(GpuPack.MAVEN_CENTRAL).toString());
		assertEquals("https://repo.maven.apache.org/maven2/org/bytedeco/cuda/12.6-9.5-1.5.11/cuda-12.6-9.5-1.5.11-" +
			"linux-x86_64-redist.jar", LINUX.files().get(5).jar(GpuPack.MAVEN_CENTRAL).toString());
		assertEquals(Optional.empty(), GpuPack.forPlatform("Mac OS X", "aarch64"));
		assertNull(GpuPack.unavailable("Linux", "amd64"));
		final GpuPack windows = GpuPack.forPlatform("Windows 11", "amd64").orElseThrow();
		assertEquals(LINUX.onnxRuntimeVersion(), windows.onnxRuntimeVersion());
		assertEquals(19, windows.files().size());
		assertEquals("cudart64_12.dll", windows.cudaLibraries().get(0).name());
		assertEquals("cudnn64_9.dll", windows.cudaLibraries().get(windows.cudaLibraries().size() - 1).name());
		assertTrue(GpuPack.unavailable("Mac OS X", "aarch64").contains("tracking runs on the CPU"));
	}

	@Test
	void aPackComesTooLateOnceOnnxRuntimeHasStarted() {
		RuntimeInfo.providers(); // ONNX Runtime starts here, on the plugin's own natives
		assertTrue(NativeRuntime.started());
		final String why = NativeRuntime.activate(dir, List.of("libcudart.so.12"));
		assertTrue(why.contains("restart Fiji (or the command) to use the GPU"), why);
		assertTrue(NativeRuntime.activeFolder().isEmpty());
	}

	/** A Linux system with the driver's library and, when given, the kernel module's version text. */
	private DriverProbe linux(final String version) throws Exception {
		final Path root = Files.createDirectories(dir.resolve("root-" + (version == null ? "none" : Integer.toHexString(
			version.hashCode()))));
		if (version != null) {
			Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
			Files.createFile(root.resolve("usr/lib/x86_64-linux-gnu/libcuda.so.1"));
			Files.createDirectories(root.resolve("proc/driver/nvidia"));
			Files.writeString(root.resolve("proc/driver/nvidia/version"), version);
		}
		return new DriverProbe(root, List.of(), false);
	}
}
