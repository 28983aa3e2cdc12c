package org.sam2tracker.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which ONNX Runtime natives this process runs on: those in the plugin's jar (CPU only), or a GPU pack's, which the
 * plugin's own ONNX Runtime classes load when {@code onnxruntime.native.path} names their folder before their first
 * use. The CUDA libraries are loaded first, in order, so that ONNX Runtime finds them loaded. Whoever decides
 * (the GPU setup, from the front ends) records here why the GPU cannot be used, for every later message.
 */
public final class NativeRuntime {

	static final String NATIVE_PATH = "onnxruntime.native.path";

	private static Path active;
	private static boolean started;
	private static String whyNoGpu = "the GPU pack is not installed";

	private NativeRuntime() {}

	/** Marks ONNX Runtime as started: from here on the natives cannot change in this process. */
	static synchronized void starting() {
		started = true;
	}

	/** Whether ONNX Runtime has started in this process (so a pack activated now would need a restart). */
	public static synchronized boolean started() {
		return started;
	}

	/**
	 * Loads the libraries of {@code folder} in order and points ONNX Runtime at the folder; returns null when done,
	 * else why not, in words. A library already loaded by another class loader (a second plugin instance) counts as
	 * loaded.
	 */
	public static synchronized String activate(final Path folder, final List<String> libraries) {
		if (folder.equals(active)) return null;
		if (active != null) return "another GPU pack (" + active + ") is in use: restart to change it";
		if (started) {
			return "ONNX Runtime already started on the CPU in this session: restart Fiji (or the command) to use the GPU";
		}
		for (final String library : libraries) {
			try {
				System.load(folder.resolve(library).toAbsolutePath().toString());
			}
			catch (final UnsatisfiedLinkError e) {
				final String message = String.valueOf(e.getMessage());
				if (message.contains("already loaded in another classloader")) continue;
				return "the GPU pack's " + library + " cannot be loaded (" + message + ")";
			}
		}
		System.setProperty(NATIVE_PATH, folder.toAbsolutePath().toString());
		active = folder;
		return null;
	}

	/** The GPU pack whose natives this process runs on, if any. */
	public static synchronized Optional<Path> activeFolder() {
		return Optional.ofNullable(active);
	}

	/** Records why the GPU cannot be used here, in a biologist's words, for the messages that follow. */
	public static synchronized void noGpu(final String reason) {
		whyNoGpu = reason;
	}

	/** Why the GPU cannot be used, as last recorded. */
	public static synchronized String whyNoGpu() {
		return whyNoGpu;
	}
}
