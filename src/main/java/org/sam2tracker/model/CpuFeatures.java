package org.sam2tracker.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * What this CPU's instruction set offers the int8 precision: without VNNI or AMX, int8 products are no faster
 * than float32 ones and, on AVX2, can saturate in ONNX Runtime's u8 x s8 kernels, so that precision then falls
 * back to exact. Read from /proc/cpuinfo (Linux); elsewhere the flags are unknown and int8 is not used.
 */
public record CpuFeatures(Set<String> flags) {

	private static final CpuFeatures THIS = read(Path.of("/proc/cpuinfo"));

	public static CpuFeatures ofThisMachine() {
		return THIS;
	}

	/** The flags of the first processor listed in a cpuinfo file; none where it cannot be read. */
	static CpuFeatures read(final Path cpuinfo) {
		try {
			for (final String line : Files.readAllLines(cpuinfo)) {
				if (line.startsWith("flags") && line.contains(":")) {
					return new CpuFeatures(Set.copyOf(new HashSet<>(Arrays.asList(line.substring(line.indexOf(':') + 1)
						.trim().split("\\s+")))));
				}
			}
		}
		catch (final IOException | SecurityException e) {
			// not Linux: unknown
		}
		return new CpuFeatures(Set.of());
	}

	/** Whether the CPU has AMX's int8 tiles (ONNX Runtime then takes them for int8 products). */
	public boolean hasAmx() {
		return flags.contains("amx_int8");
	}

	/** The int8 matrix instructions found, in words ("AMX and AVX-512 VNNI"), or null for none. */
	public String int8Units() {
		final StringBuilder out = new StringBuilder();
		if (hasAmx()) out.append("AMX");
		if (flags.contains("avx512_vnni")) out.append(out.length() > 0 ? " and " : "").append("AVX-512 VNNI");
		else if (flags.contains("avx_vnni")) out.append(out.length() > 0 ? " and " : "").append("AVX-VNNI");
		return out.length() == 0 ? null : out.toString();
	}
}
