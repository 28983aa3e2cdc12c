package org.sam2tracker.cli;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.concurrent.Callable;

import org.sam2tracker.model.ModelRegistry;

import picocli.CommandLine.Command;

/** What this machine offers: Java, ONNX Runtime and its execution providers, CPU cores, model folders. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show the devices, execution providers " +
	"and model folders this machine offers, and why a GPU is not available.")
final class InfoCommand implements Callable<Integer> {

	private final PrintStream out;

	InfoCommand(final PrintStream out) {
		this.out = out;
	}

	@Override
	public Integer call() {
		out.println("SAM 2 Tracker " + Main.version());
		out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), " +
			System.getProperty("os.name") + " " + System.getProperty("os.arch"));
		out.println("CPU cores: " + Runtime.getRuntime().availableProcessors() + ", memory limit: " + Runtime
			.getRuntime().maxMemory() / (1 << 20) + " MiB");
		final EnumSet<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
		out.println("ONNX Runtime " + OrtEnvironment.getEnvironment().getVersion() + ", execution providers: " +
			providers);
		if (providers.contains(OrtProvider.CUDA)) {
			out.println("GPU: CUDA is in this build; whether a GPU starts is known when a model opens (--device gpu " +
				"fails with the reason if it cannot).");
		}
		else {
			out.println("GPU: not available: this build carries the CPU variant of ONNX Runtime. Use the GPU build " +
				"(mvn package -Pgpu, with CUDA 12 and cuDNN 9 on the machine) to run on an NVIDIA GPU.");
		}
		out.println("Model folders, searched in order:");
		for (final var root : ModelRegistry.standard().roots()) {
			out.println("  " + root + (Files.isDirectory(root) ? "" : "  (does not exist)"));
		}
		return ExitCodes.OK;
	}
}
