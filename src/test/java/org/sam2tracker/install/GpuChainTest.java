package org.sam2tracker.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sam2tracker.cli.Main;
import org.sam2tracker.run.ExitStatus;
import org.sam2tracker.testing.ElfLibrary;
import org.sam2tracker.testing.TestData;

/**
 * The whole GPU chain on a computer without a GPU, as far as it goes: the pinned Linux pack downloaded from Maven
 * Central (1.5 GB, so outside CI: tag "download"), every library's links closed within the pack and the system
 * (each needed library there, each symbol it takes defined by one of them), then NVIDIA's driver library from
 * Debian (libcuda1, without its kernel module) and the command line on the pack: --device gpu stops with "no
 * NVIDIA GPU was found (CUDA error 100)", --device auto tracks on the CPU saying so.
 *
 * <pre>
 * mvn test -Dtest=GpuChainTest -DexcludedGroups= -Dgroups=download [-Dsam2tracker.gpu=FOLDER]
 * </pre>
 */
@Tag("download")
class GpuChainTest {

	private static final String LIBCUDA = "https://deb.debian.org/debian/pool/non-free/n/nvidia-graphics-drivers/" +
		"libcuda1_535.261.03-1_amd64.deb";
	/** What the system (glibc, the C++ runtime, zlib) and NVIDIA's driver give. */
	private static final Set<String> SYSTEM = Set.of("libc.so.6", "libm.so.6", "libdl.so.2", "librt.so.1",
		"libpthread.so.0", "libstdc++.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2", "libz.so.1", "libcuda.so.1");
	private static final List<Path> SYSTEM_DIRS = List.of(Path.of("/lib/x86_64-linux-gnu"), Path.of(
		"/usr/lib/x86_64-linux-gnu"));

	@Test
	void thePackResolvesDownToTheMissingDevice() throws Exception {
		final Path root = Path.of(System.getProperty("sam2tracker.gpu", "target/gpu-packs")).toAbsolutePath();
		final GpuPack pack = GpuPack.forPlatform("Linux", "amd64").orElseThrow();
		final GpuPackInstaller installer = new GpuPackInstaller(pack, root);
		installer.install(DownloadListener.NONE, () -> false);
		assertTrue(installer.verify().installed());
		final Path driver = driver(root.resolve("libcuda1"));

		// Every library's links, closed within the pack and the system.
		final Map<String, ElfLibrary> bySoname = new HashMap<>();
		for (final GpuPackFile f : pack.files()) {
			final ElfLibrary lib = ElfLibrary.read(installer.folder().resolve(f.name()));
			bySoname.put(lib.soname() != null ? lib.soname() : f.name(), lib);
		}
		for (final String s : SYSTEM) bySoname.putIfAbsent(s, ElfLibrary.read(s.equals("libcuda.so.1") ? driver
			.resolve(s) : system(s)));
		final List<String> broken = new ArrayList<>();
		for (final GpuPackFile f : pack.files()) {
			final ElfLibrary lib = ElfLibrary.read(installer.folder().resolve(f.name()));
			final Set<String> available = new java.util.HashSet<>();
			// ONNX Runtime loads its providers' shared part first, with its symbols global, for the providers.
			if (f.name().startsWith("libonnxruntime_providers_")) available.addAll(bySoname.get(
				"libonnxruntime_providers_shared.so").defined());
			for (final String n : lib.needed()) {
				final ElfLibrary dep = bySoname.get(n);
				if (dep == null) broken.add(f.name() + " needs " + n + ", which is neither in the pack nor the system");
				else available.addAll(transitive(dep, bySoname));
			}
			for (final String symbol : lib.undefined()) {
				if (!available.contains(symbol)) broken.add(f.name() + " takes " + symbol + " from none of " + lib.needed());
			}
		}
		assertEquals(List.of(), broken);

		final Path out = Files.createTempDirectory("gpu-chain");
		final String[] track = { "track", TestData.ROOT.resolve("clips/cells/cells-16bit.tif").toString(), "-p", TestData
			.ROOT.resolve("clips/cells/cells_prompts.zip").toString(), "-m", TestData.TOY_BUNDLE.toString(), "-o", out
				.toString() };
		final Run gpu = run(root, driver, concat(track, "--device", "gpu"));
		assertEquals(ExitStatus.DEVICE.code(), gpu.code, gpu.output);
		assertTrue(gpu.output.contains("the GPU pack " + pack.id() + " is loaded"), gpu.output);
		assertTrue(gpu.output.contains("no NVIDIA GPU was found: the driver is there but sees no GPU (CUDA error 100)"),
			gpu.output);
		final Run auto = run(root, driver, concat(track, "--device", "auto", "--overwrite"));
		assertEquals(0, auto.code, auto.output);
		assertTrue(auto.output.contains("on CPU: no NVIDIA GPU was found"), auto.output);
	}

	/** Every symbol a library and the libraries it needs define. */
	private static Set<String> transitive(final ElfLibrary lib, final Map<String, ElfLibrary> bySoname) {
		final Set<String> out = new java.util.HashSet<>(lib.defined());
		for (final String n : lib.needed()) {
			final ElfLibrary dep = bySoname.get(n);
			if (dep != null && dep != lib) out.addAll(dep.defined());
		}
		return out;
	}

	private static Path system(final String name) {
		for (final Path d : SYSTEM_DIRS) {
			if (Files.exists(d.resolve(name))) return d.resolve(name);
		}
		throw new IllegalStateException(name + " is not in " + SYSTEM_DIRS);
	}

	/** NVIDIA's driver library from Debian's libcuda1, unpacked once into the folder; the folder holding it. */
	private static Path driver(final Path folder) throws Exception {
		final Path lib = folder.resolve("usr/lib/x86_64-linux-gnu/nvidia/current");
		if (Files.exists(lib.resolve("libcuda.so.1"))) return lib;
		Files.createDirectories(folder);
		final Path deb = folder.resolve("libcuda1.deb");
		try (InputStream in = URI.create(LIBCUDA).toURL().openStream()) {
			Files.copy(in, deb, StandardCopyOption.REPLACE_EXISTING);
		}
		final Process p = new ProcessBuilder("dpkg-deb", "-x", deb.toString(), folder.toString()).inheritIO().start();
		assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "dpkg-deb unpacks libcuda1");
		return lib;
	}

	private record Run(int code, String output) {}

	private static Run run(final Path packs, final Path driver, final String... args) throws Exception {
		final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
		command.addAll(List.of(args));
		final ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
		pb.environment().put("SAM2_TRACKER_GPU", packs.toString());
		pb.environment().put("LD_LIBRARY_PATH", driver.toString());
		final Process p = pb.start();
		final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(600, TimeUnit.SECONDS));
		return new Run(p.exitValue(), output);
	}

	private static String[] concat(final String[] a, final String... b) {
		final String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}
}
