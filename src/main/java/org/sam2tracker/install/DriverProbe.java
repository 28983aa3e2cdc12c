package org.sam2tracker.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for the NVIDIA driver without starting CUDA: its CUDA library where the system keeps it (libcuda.so.1 on
 * Linux, nvcuda.dll on Windows) and, on Linux, the kernel module's version in /proc. All paths below a root, so
 * that tests can lay out a system of their own.
 */
public record DriverProbe(Path root, List<Path> libraryPath, boolean windows) {

	private static final Pattern VERSION = Pattern.compile("Kernel Module\\s+(?:for\\s+\\S+\\s+)?([0-9]+(?:\\.[0-9]+)+)");
	private static final List<String> LINUX_DIRS = List.of("usr/lib/x86_64-linux-gnu", "usr/lib64", "usr/lib",
		"usr/lib/wsl/lib", "usr/local/nvidia/lib64");

	/** What was found: whether the driver's CUDA library is there, and its version when known. */
	public record Driver(boolean present, Optional<String> version) {

		/** "found, version 550.54.14", "found" or "not found". */
		public String describe() {
			return present ? "found" + version.map(v -> ", version " + v).orElse("") : "not found";
		}
	}

	public DriverProbe {
		libraryPath = List.copyOf(libraryPath);
	}

	/** This computer. */
	public static DriverProbe system() {
		final List<Path> path = new ArrayList<>();
		final String ld = System.getenv("LD_LIBRARY_PATH");
		if (ld != null) for (final String d : ld.split(java.io.File.pathSeparator)) if (!d.isBlank()) path.add(Path.of(d));
		final boolean windows = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
		final Path root = windows ? Path.of(System.getenv().getOrDefault("SystemDrive", "C:") + "\\") : Path.of("/");
		return new DriverProbe(root, path, windows);
	}

	public Driver find() {
		if (windows) {
			final boolean present = Files.isRegularFile(root.resolve("Windows/System32/nvcuda.dll"));
			return new Driver(present, Optional.empty());
		}
		boolean present = false;
		for (final String d : LINUX_DIRS) present |= Files.exists(root.resolve(d).resolve("libcuda.so.1"));
		for (final Path d : libraryPath) present |= Files.exists(d.resolve("libcuda.so.1"));
		return new Driver(present, linuxVersion());
	}

	private Optional<String> linuxVersion() {
		try {
			final Matcher m = VERSION.matcher(Files.readString(root.resolve("proc/driver/nvidia/version")));
			return m.find() ? Optional.of(m.group(1)) : Optional.empty();
		}
		catch (final IOException | RuntimeException e) {
			return Optional.empty();
		}
	}

	/** Whether version {@code a} is older than {@code b}, number by number ("525.60.13"). */
	static boolean older(final String a, final String b) {
		final String[] x = a.split("\\.");
		final String[] y = b.split("\\.");
		for (int i = 0; i < Math.max(x.length, y.length); i++) {
			final long p = i < x.length ? Long.parseLong(x[i]) : 0;
			final long q = i < y.length ? Long.parseLong(y[i]) : 0;
			if (p != q) return p < q;
		}
		return false;
	}
}
