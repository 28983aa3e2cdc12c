package org.sam2tracker.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.sam2tracker.install.BundleImport;
import org.sam2tracker.install.CatalogEntry;
import org.sam2tracker.install.DownloadException;
import org.sam2tracker.install.DownloadSettings;
import org.sam2tracker.install.InstallException;
import org.sam2tracker.install.ModelCatalog;
import org.sam2tracker.install.ModelDownload;
import org.sam2tracker.install.ModelInstaller;
import org.sam2tracker.install.Sizes;
import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.run.ExitStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Models: list the installed ones and the ones the plugin can install, install SAM 2.1 by name (downloading
 * the official weights, or from a file the user has), install a bundle from a folder or a zip, verify, remove.
 */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List, install, verify and remove models.")
final class ModelsCommand {

	private final PrintStream out;
	private final PrintStream err;
	private final Cancellation cancellation;

	ModelsCommand(final PrintStream out, final PrintStream err, final Cancellation cancellation) {
		this.out = out;
		this.err = err;
		this.cancellation = cancellation;
	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "List installed models, and the " +
		"SAM 2.1 models that 'models install NAME' installs.")
	int list() {
		final ModelRegistry registry = ModelRegistry.standard();
		final Map<String, Path> installed = registry.installed();
		if (installed.isEmpty()) out.println("No models installed. Folders searched: " + registry.roots());
		for (final Map.Entry<String, Path> e : installed.entrySet()) {
			out.printf(Locale.ROOT, "%-28s %9.1f MB  %s%n", e.getKey(), size(e.getValue()) / 1e6, e.getValue());
		}
		final ModelInstaller installer = installer(null);
		out.println();
		out.println("Installable by name (into " + installer.root() + "):");
		for (final CatalogEntry entry : installer.catalog().entries()) {
			out.printf(Locale.ROOT, "  %-10s %-16s %-24s %s%n", entry.shortName(), entry.title(), "(" + Sizes.of(
				entry.plannedBytes()) + " download)", installer.status(entry));
		}
		return ExitStatus.OK.code();
	}

	@Command(name = "check", mixinStandardHelpOptions = true, description = "Read the header of every catalog " +
		"model's weights on its server (a few kilobytes each, no download) and print each tensor that does not " +
		"match the graphs. Needs internet.")
	int check() {
		final ModelInstaller installer = installer(null);
		int mismatches = 0;
		for (final CatalogEntry entry : installer.catalog().entries()) {
			try {
				final List<String> problems = installer.remoteProblems(entry);
				if (problems == null) {
					err.println(entry.title() + ": " + entry.weightsUrl().getHost() + " cannot be reached.");
					return ExitStatus.MODEL.code();
				}
				out.println(entry.title() + ": " + (problems.isEmpty() ? "every tensor the graphs need is there, " +
					"with the right shape and type" : problems.size() + " mismatch" + (problems.size() == 1 ? "" : "es")));
				problems.forEach(p -> out.println("  " + p));
				mismatches += problems.size();
			}
			catch (final InstallException | DownloadException e) {
				err.println(entry.title() + ": " + e.getMessage());
				return ExitStatus.MODEL.code();
			}
		}
		return mismatches == 0 ? ExitStatus.OK.code() : ExitStatus.MODEL.code();
	}

	@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a model installed by name.")
	int remove(@Parameters(paramLabel = "NAME", description = "tiny, small, base-plus, large or a full name") final String name,
		@Option(names = "--to", paramLabel = "FOLDER", description = "the model folder (default: the install folder)") final Path target)
	{
		final ModelInstaller installer = installer(target);
		final CatalogEntry entry = installer.catalog().find(name).orElse(null);
		if (entry == null) {
			err.println("No model named '" + name + "' in the catalog: choose one of " + installer.catalog()
				.shortNames() + ".");
			return ExitStatus.BAD_INPUT.code();
		}
		try {
			out.println(installer.remove(entry) ? "Removed " + entry.title() + " from " + installer.root() + "." : entry
				.title() + " is not installed in " + installer.root() + "; there is nothing to remove.");
			return ExitStatus.OK.code();
		}
		catch (final InstallException e) {
			err.println(e.getMessage());
			return ExitStatus.MODEL.code();
		}
	}

	private static ModelInstaller installer(final Path target) {
		return new ModelInstaller(ModelCatalog.builtIn(), target == null ? ModelRegistry.installFolder() : target,
			new ModelDownload(DownloadSettings.defaults()));
	}

	/** Installs a catalog model: the official weights downloaded, or taken from a file the user has. */
	private int installByName(final CatalogEntry entry, final Path weightsFile, final Path target) {
		final ModelInstaller installer = installer(target);
		try {
			out.println((weightsFile == null ? "Downloading " + entry.title() + " weights from " + entry.weightsUrl()
				: "Installing " + entry.title() + " weights from " + weightsFile) + " into " + installer.root());
			final Path folder = installer.install(entry, weightsFile, new DownloadProgress(err, System.console() != null),
				cancellation::isCancelled);
			out.println("Installed " + entry.title() + " in " + folder + ". Track with: -m " + entry.shortName());
			return ExitStatus.OK.code();
		}
		catch (final java.util.concurrent.CancellationException e) {
			err.println("Cancelled. What was downloaded is kept; 'models install " + entry.shortName() + "' resumes.");
			return ExitStatus.CANCELLED.code();
		}
		catch (final InstallException | DownloadException e) {
			err.println(e.getMessage());
			return ExitStatus.MODEL.code();
		}
	}

	@Command(name = "verify", mixinStandardHelpOptions = true, description = "Check a bundle: every file's " +
		"SHA-256, and every graph against its manifest in ONNX Runtime.")
	int verify(@Parameters(paramLabel = "MODEL", description = "an installed name or a bundle folder") final String model) {
		try {
			final Path folder = ModelRegistry.standard().resolve(model);
			final ModelBundle bundle = ModelBundle.open(folder);
			if (!bundle.weightsIntact()) {
				err.println("The weights of " + model + " in " + folder + " have changed since they were installed " +
					"(their SHA-256 differs). Remove the model and install it again.");
				return ExitStatus.MODEL.code();
			}
			try (Sam2Model m = Sam2Model.open(folder, Device.CPU, 1)) {
				out.println(m.bundle().manifest().modelName() + " in " + folder + ": every file and graph checks out.");
			}
			return ExitStatus.OK.code();
		}
		catch (final BundleException e) {
			err.println(e.getMessage());
			return ExitStatus.MODEL.code();
		}
	}

	@Command(name = "install", mixinStandardHelpOptions = true, description = { "Install SAM 2.1 by name " +
		"(tiny, small, base-plus, large): the official weights are downloaded once and checked. With --from, the " +
		"weights come from a model.safetensors you have (no internet needed).", "Or install a bundle from a folder " +
			"or a .zip. A model appears only once complete and verified." })
	int install(@Parameters(paramLabel = "MODEL", description = "tiny, small, base-plus, large, or a bundle " +
		"folder or .zip") final String model,
		@Option(names = "--from", paramLabel = "FILE", description = "the model.safetensors of facebook/sam2.1-hiera-" +
			"NAME, or Meta's sam2.1_hiera_NAME.pt, already downloaded") final Path weightsFile,
		@Option(names = "--name", paramLabel = "NAME", description = "the installed name of a bundle (default: its folder's name)") String name,
		@Option(names = "--to", paramLabel = "FOLDER", description = "the model folder (default: the sam2tracker.models " +
			"property, else SAM2_TRACKER_MODELS, else ~/.sam2-tracker/models)") final Path target,
		@Option(names = "--overwrite", description = "replace an installed bundle of that name") final boolean overwrite)
	{
		final Path source = Path.of(model);
		final CatalogEntry entry = ModelCatalog.builtIn().find(model).orElse(null);
		if (entry != null && !Files.exists(source)) return installByName(entry, weightsFile, target);
		if (!Files.exists(source)) {
			err.println("'" + model + "' is neither a model the plugin installs by name (" + ModelCatalog.builtIn()
				.shortNames() + ") nor a bundle folder or .zip.");
			return ExitStatus.BAD_INPUT.code();
		}
		if (weightsFile != null) {
			err.println("--from goes with a model name (e.g. 'models install tiny --from model.safetensors').");
			return ExitStatus.BAD_INPUT.code();
		}
		final Path root = target == null ? ModelRegistry.installFolder() : target;
		try {
			final Path installed = new BundleImport(root).install(source, name, overwrite);
			out.println("Installed " + installed.getFileName() + " in " + installed + ".");
			return ExitStatus.OK.code();
		}
		catch (final BundleException e) {
			err.println("Not installed: " + e.getMessage());
			return ExitStatus.MODEL.code();
		}
		catch (final InstallException e) {
			err.println(e.getMessage().replace("choose to overwrite it", "give --overwrite to replace it").replace(
				"give another name", "--name for another name"));
			return ExitStatus.BAD_INPUT.code();
		}
	}

	private static long size(final Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
		}
		catch (final IOException e) {
			return 0;
		}
	}
}
