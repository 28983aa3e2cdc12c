package org.sam2tracker.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.concurrent.Callable;

import org.sam2tracker.install.DriverProbe;
import org.sam2tracker.install.GpuSetup;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.model.NativeRuntime;
import org.sam2tracker.model.RuntimeInfo;
import org.sam2tracker.run.ExitStatus;
import org.sam2tracker.run.Version;

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
		out.println("SAM 2 Tracker " + Version.of());
		out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), " +
			System.getProperty("os.name") + " " + System.getProperty("os.arch"));
		out.println("CPU cores: " + Runtime.getRuntime().availableProcessors() + ", memory limit: " + Runtime
			.getRuntime().maxMemory() / (1 << 20) + " MiB");
		// The GPU pack is loaded first, if it can be: ONNX Runtime's natives are chosen when it starts.
		final GpuSetup.Outcome gpu = GpuSetup.prepare();
		final DriverProbe.Driver driver = DriverProbe.system().find();
		out.println("NVIDIA driver: " + driver.describe());
		out.println("ONNX Runtime " + RuntimeInfo.onnxRuntimeVersion() + ", execution providers: " + RuntimeInfo
			.providers() + (NativeRuntime.activeFolder().map(f -> ", natives of the GPU pack in " + f).orElse(
				", the plugin's own natives (CPU)")));
		out.println(gpu.active() ? gpu.line() + " Whether a GPU starts is known when a model opens (--device gpu " +
			"fails with the reason if it cannot)." : gpu.line());
		out.println("Model folders, searched in order:");
		for (final var root : ModelRegistry.standard().roots()) {
			out.println("  " + root + (Files.isDirectory(root) ? "" : "  (does not exist)"));
		}
		return ExitStatus.OK.code();
	}
}
