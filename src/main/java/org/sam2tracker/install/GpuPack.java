package org.sam2tracker.install;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The GPU pack of one platform: ONNX Runtime's CUDA build and the CUDA 12 and cuDNN 9 libraries it needs, pinned
 * file by file (size, SHA-256, source), in the order they are loaded. The plugin's own ONNX Runtime classes run
 * on these natives, so the pack's ONNX Runtime version must be the plugin's (a test holds the two together).
 * Installed per user, one folder per pack.
 */
public record GpuPack(String id, String platform, String onnxRuntimeVersion, List<GpuPackFile> files) {

	/** Where the pack is fetched from: the artifacts are on Maven Central. */
	public static final java.net.URI MAVEN_CENTRAL = java.net.URI.create("https://repo.maven.apache.org/maven2/");

	/** The oldest driver that runs CUDA 12, per platform. */
	public static final String LINUX_DRIVER = "525.60.13";
	public static final String WINDOWS_DRIVER = "528.33";

	public GpuPack {
		files = List.copyOf(files);
	}

	/** The pack for this computer, or empty where there is none (the message says so). */
	public static Optional<GpuPack> forThisComputer() {
		return forPlatform(System.getProperty("os.name"), System.getProperty("os.arch"));
	}

	public static Optional<GpuPack> forPlatform(final String osName, final String osArch) {
		final String platform = platform(osName, osArch);
		if (platform == null) return Optional.empty();
		try (InputStream in = GpuPack.class.getResourceAsStream("gpu-pack-" + platform + ".tsv")) {
			if (in == null) return Optional.empty();
			return Optional.of(read(platform, in));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** "linux-x64", "windows-x64", "macos-arm64", or null for a system with no CUDA at all. */
	static String platform(final String osName, final String osArch) {
		final String os = osName.toLowerCase(Locale.ROOT);
		final String arch = osArch.toLowerCase(Locale.ROOT);
		final boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
		if (os.startsWith("linux") && x64) return "linux-x64";
		if (os.startsWith("windows") && x64) return "windows-x64";
		return null;
	}

	/** Why this computer has no GPU pack, in words; null when it has one. */
	public static String unavailable(final String osName, final String osArch) {
		final String platform = platform(osName, osArch);
		if (platform == null) {
			return "SAM 2 Tracker's GPU support needs an NVIDIA GPU under Linux or Windows on x86-64; this is " +
				osName + " on " + osArch + ", so tracking runs on the CPU";
		}
		if (forPlatform(osName, osArch).isEmpty()) {
			return "there is no GPU pack for " + osName + " yet; tracking runs on the CPU";
		}
		return null;
	}

	static GpuPack read(final String platform, final InputStream tsv) throws IOException {
		final List<GpuPackFile> files = new ArrayList<>();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(tsv, StandardCharsets.UTF_8))) {
			for (String line; (line = in.readLine()) != null;) {
				if (line.isBlank() || line.startsWith("#")) continue;
				final String[] f = line.split("\t");
				if (f.length != 9) throw new IOException("a GPU pack line has " + f.length + " fields, not 9: " + line);
				files.add(new GpuPackFile(Integer.parseInt(f[0]), f[1], Long.parseLong(f[2]), f[3], f[4], f[5], Long
					.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8], 16)));
			}
		}
		final String version = files.stream().filter(GpuPackFile::onnxRuntime).map(f -> f.artifact().split(":")[2])
			.findFirst().orElseThrow(() -> new IOException("the GPU pack has no ONNX Runtime"));
		return new GpuPack("onnxruntime-" + version + "-cuda12-" + platform, platform, version, files);
	}

	/** The bytes the installed pack takes. */
	public long bytes() {
		return files.stream().mapToLong(GpuPackFile::bytes).sum();
	}

	/** The bytes a download fetches (the compressed entries). */
	public long downloadBytes() {
		return files.stream().mapToLong(GpuPackFile::compressedBytes).sum();
	}

	/** The CUDA libraries, in the order they are loaded before ONNX Runtime starts. */
	public List<GpuPackFile> cudaLibraries() {
		return files.stream().filter(f -> !f.onnxRuntime()).toList();
	}

	/** The pack's folder under a root of packs. */
	public Path folder(final Path root) {
		return root.resolve(id);
	}

	/**
	 * The standard root: the {@code sam2tracker.gpu} property (for a Fiji started with it, and tests), else
	 * {@code SAM2_TRACKER_GPU}, else {@code ~/.sam2-tracker/gpu}.
	 */
	public static Path standardRoot() {
		final String property = System.getProperty("sam2tracker.gpu");
		if (property != null && !property.isBlank()) return Path.of(property);
		final String env = System.getenv("SAM2_TRACKER_GPU");
		if (env != null && !env.isBlank()) return Path.of(env);
		return Path.of(System.getProperty("user.home"), ".sam2-tracker", "gpu");
	}
}
