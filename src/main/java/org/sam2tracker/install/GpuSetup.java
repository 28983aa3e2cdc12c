package org.sam2tracker.install;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.sam2tracker.model.NativeRuntime;

/**
 * Decides, before ONNX Runtime first starts in the process, whether tracking can use the GPU: a GPU pack for this
 * system, NVIDIA's driver, recent enough for CUDA 12, the pack installed and whole; then loads the pack. When any
 * step fails, the reason is recorded in a biologist's words: Auto tracks on the CPU and says it in one line, GPU
 * fails with it. Whether a GPU is really there is known only when CUDA starts (the self-test of
 * {@link org.sam2tracker.model.SessionFactory}).
 */
public final class GpuSetup {

	/** What was decided: whether the pack's natives are in use, and a line for the log. */
	public record Outcome(boolean active, String line) {}

	private static Outcome decided;

	private GpuSetup() {}

	/** For this computer and the standard pack folder; decided once per process. */
	public static synchronized Outcome prepare() {
		if (decided == null) decided = prepare(GpuPack.forThisComputer(), GpuPack.standardRoot(), DriverProbe.system());
		return decided;
	}

	/** The decision for a given pack (empty where this system has none), pack folder and driver view. */
	static Outcome prepare(final Optional<GpuPack> pack, final Path root, final DriverProbe probe) {
		final DriverProbe.Driver driver = probe.find();
		final String why = obstacle(pack, root, probe.windows(), driver);
		if (why != null) {
			NativeRuntime.noGpu(why);
			return new Outcome(false, "GPU: not used, " + why + ".");
		}
		final GpuPack p = pack.get();
		final Path folder = p.folder(root);
		final String failed = NativeRuntime.activate(folder, p.cudaLibraries().stream().map(GpuPackFile::name)
			.toList());
		if (failed != null) {
			NativeRuntime.noGpu(failed);
			return new Outcome(false, "GPU: not used, " + failed + ".");
		}
		return new Outcome(true, "GPU: the GPU pack " + p.id() + " is loaded (NVIDIA driver " + driver.version().orElse(
			"found") + ").");
	}

	/** The first thing that keeps the GPU from being used, in words; null when nothing does. */
	static String obstacle(final Optional<GpuPack> pack, final Path root, final DriverProbe probe) {
		return obstacle(pack, root, probe.windows(), probe.find());
	}

	private static String obstacle(final Optional<GpuPack> pack, final Path root, final boolean windows,
		final DriverProbe.Driver driver)
	{
		if (pack.isEmpty()) {
			final String why = GpuPack.unavailable(System.getProperty("os.name"), System.getProperty("os.arch"));
			return why != null ? why : "there is no GPU pack for this system; tracking runs on the CPU";
		}
		if (!driver.present()) {
			return "no NVIDIA driver was found on this computer (a GPU needs NVIDIA's driver, " + (windows ? "nvcuda.dll" :
				"libcuda.so.1") + ")";
		}
		final String least = windows ? GpuPack.WINDOWS_DRIVER : GpuPack.LINUX_DRIVER;
		if (driver.version().isPresent() && DriverProbe.older(driver.version().get(), least)) {
			return "the NVIDIA driver is too old (found " + driver.version().get() + ", needs at least " + least +
				" for CUDA 12): update the driver";
		}
		final GpuPackInstaller installer = new GpuPackInstaller(pack.get(), root);
		final GpuPackStatus status = installer.status();
		if (status.state() == GpuPackStatus.State.MISSING) {
			return "the GPU pack is not installed: install it once (a " + Sizes.of(pack.get().downloadBytes()) +
				" download) with Plugins > Tracking > SAM 2 Manage Models..., or on the command line with: gpu install";
		}
		if (status.state() == GpuPackStatus.State.DAMAGED) {
			return "the GPU pack is damaged (" + String.join("; ", status.problems()) + "): repair it with Plugins > " +
				"Tracking > SAM 2 Manage Models..., or on the command line with: gpu install (it fetches only what is " +
				"missing)";
		}
		if (!Files.isDirectory(installer.folder())) return "the GPU pack folder " + installer.folder() + " is missing";
		return null;
	}
}
