package org.sam2tracker.install;

import java.net.URI;
import java.util.Locale;

/**
 * One file of the GPU pack: its name and what it must be (size, SHA-256), and where it lies on Maven Central: the
 * artifact ({@code group:artifact:version[:classifier]}) whose jar holds it, its entry there, the entry's local
 * header offset, compressed size and CRC-32, so that only its own bytes are fetched.
 */
public record GpuPackFile(int order, String name, long bytes, String sha256, String artifact, String entry,
	long headerOffset, long compressedBytes, long crc32)
{

	/** The jar's file name, {@code artifact-version[-classifier].jar}. */
	public String jarName() {
		final String[] a = artifact.split(":");
		return a[1] + "-" + a[2] + (a.length > 3 ? "-" + a[3] : "") + ".jar";
	}

	/** The jar's address in a Maven repository laid out as Central is. */
	public URI jar(final URI repository) {
		final String[] a = artifact.split(":");
		final String base = repository.toString().endsWith("/") ? repository.toString() : repository + "/";
		return URI.create(base + a[0].replace('.', '/') + "/" + a[1] + "/" + a[2] + "/" + jarName());
	}

	/** Whether this file is one of ONNX Runtime's own (loaded by ONNX Runtime), not a CUDA library. */
	public boolean onnxRuntime() {
		return name.startsWith("libonnxruntime") || name.startsWith("onnxruntime");
	}

	/** A line naming the file and its size, for lists. */
	String describe() {
		return String.format(Locale.ROOT, "%s (%s)", name, Sizes.of(bytes));
	}
}
