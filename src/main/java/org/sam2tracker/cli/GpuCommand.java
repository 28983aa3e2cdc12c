package org.sam2tracker.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.sam2tracker.install.DownloadException;
import org.sam2tracker.install.DriverProbe;
import org.sam2tracker.install.GpuPack;
import org.sam2tracker.install.GpuPackInstaller;
import org.sam2tracker.install.GpuPackStatus;
import org.sam2tracker.install.GpuSetup;
import org.sam2tracker.install.Sizes;
import org.sam2tracker.run.ExitStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The GPU pack: what this computer has (driver, pack), installing it (downloaded, or from jars or folders the user
 * has), checking it whole, removing it. Tracking with Auto or GPU then loads it by itself.
 */
@Command(name = "gpu", mixinStandardHelpOptions = true, description = "Show, install, verify and remove the GPU " +
	"pack: the CUDA libraries the plugin needs to track on an NVIDIA GPU (only the driver must be installed).")
final class GpuCommand {

	private final PrintStream out;
	private final PrintStream err;
	private final Cancellation cancellation;

	GpuCommand(final PrintStream out, final PrintStream err, final Cancellation cancellation) {
		this.out = out;
		this.err = err;
		this.cancellation = cancellation;
	}

	@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the NVIDIA driver, the GPU " +
		"pack and whether tracking can use the GPU.")
	int status() {
		final Optional<GpuPack> pack = GpuPack.forThisComputer();
		final DriverProbe.Driver driver = DriverProbe.system().find();
		out.println("NVIDIA driver: " + driver.describe());
		if (pack.isEmpty()) {
			out.println("GPU pack: none for this system (" + GpuPack.unavailable(System.getProperty("os.name"), System
				.getProperty("os.arch")) + ")");
			return ExitStatus.OK.code();
		}
		final GpuPackInstaller installer = new GpuPackInstaller(pack.get(), GpuPack.standardRoot());
		out.println("GPU pack: " + pack.get().id() + ", " + describe(installer.status()) + " (" + installer.folder() +
			"; " + Sizes.of(pack.get().downloadBytes()) + " download, " + Sizes.of(pack.get().bytes()) + " installed)");
		out.println(GpuSetup.prepare().line());
		return ExitStatus.OK.code();
	}

	@Command(name = "install", mixinStandardHelpOptions = true, description = "Install the GPU pack: download its " +
		"files from Maven Central (only the parts needed, resumable), or take them from jars or folders you have; " +
		"a damaged pack is repaired, fetching only what is wrong.")
	int install(@Option(names = "--from", arity = "1..*", paramLabel = "PATH", description = "jars (as Maven names " +
		"them) or folders holding the pack's files or those jars") final List<Path> from)
	{
		final Optional<GpuPackInstaller> installer = installer();
		if (installer.isEmpty()) return ExitStatus.BAD_INPUT.code();
		final GpuPack pack = installer.get().pack();
		try {
			final DownloadProgress progress = new DownloadProgress(err, System.console() != null);
			if (from == null || from.isEmpty()) {
				out.println("Installing the GPU pack " + pack.id() + ": " + Sizes.of(pack.downloadBytes()) + " to download, " +
					Sizes.of(pack.bytes()) + " on disk, into " + installer.get().folder());
				installer.get().install(progress, cancellation::isCancelled);
			}
			else installer.get().installFrom(from, progress, cancellation::isCancelled);
			out.println("The GPU pack is installed: tracking with --device auto or gpu uses it.");
			return ExitStatus.OK.code();
		}
		catch (final DownloadException e) {
			err.println(e.getMessage());
			return ExitStatus.MODEL.code();
		}
		catch (final java.util.concurrent.CancellationException e) {
			err.println(e.getMessage());
			return ExitStatus.CANCELLED.code();
		}
	}

	@Command(name = "verify", mixinStandardHelpOptions = true, description = "Check every file of the GPU pack " +
		"against its pinned SHA-256 (reads the whole pack).")
	int verify() {
		final Optional<GpuPackInstaller> installer = installer();
		if (installer.isEmpty()) return ExitStatus.BAD_INPUT.code();
		final GpuPackStatus status = installer.get().verify();
		out.println("GPU pack " + installer.get().pack().id() + ": " + describe(status));
		status.problems().forEach(p -> out.println("  " + p));
		return status.installed() ? ExitStatus.OK.code() : ExitStatus.MODEL.code();
	}

	@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove the GPU pack.")
	int remove() {
		final Optional<GpuPackInstaller> installer = installer();
		if (installer.isEmpty()) return ExitStatus.BAD_INPUT.code();
		try {
			installer.get().remove();
			out.println("Removed the GPU pack from " + installer.get().folder() + ".");
			return ExitStatus.OK.code();
		}
		catch (final IOException e) {
			err.println("The GPU pack could not be removed: " + e.getMessage());
			return ExitStatus.MODEL.code();
		}
	}

	private Optional<GpuPackInstaller> installer() {
		final Optional<GpuPack> pack = GpuPack.forThisComputer();
		if (pack.isEmpty()) {
			err.println(GpuPack.unavailable(System.getProperty("os.name"), System.getProperty("os.arch")) + ".");
			return Optional.empty();
		}
		return Optional.of(new GpuPackInstaller(pack.get(), GpuPack.standardRoot()));
	}

	private static String describe(final GpuPackStatus status) {
		return switch (status.state()) {
			case INSTALLED -> "installed";
			case MISSING -> "not installed";
			case DAMAGED -> "damaged (" + String.join("; ", status.problems()) + ")";
		};
	}
}
