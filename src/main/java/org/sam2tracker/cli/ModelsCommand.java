package org.sam2tracker.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.sam2tracker.install.CatalogEntry;
import org.sam2tracker.io.AtomicFolders;
import org.sam2tracker.install.DownloadException;
import org.sam2tracker.install.DownloadSettings;
import org.sam2tracker.install.InstallException;
import org.sam2tracker.install.ModelCatalog;
import org.sam2tracker.install.ModelDownload;
import org.sam2tracker.install.ModelInstaller;
import org.sam2tracker.install.Sizes;
import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.BundleManifest;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.model.Sam2Model;

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
		return ExitCodes.OK;
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
			return ExitCodes.BAD_INPUT;
		}
		try {
			installer.remove(entry);
			out.println("Removed " + entry.title() + " from " + installer.root() + ".");
			return ExitCodes.OK;
		}
		catch (final InstallException e) {
			err.println(e.getMessage());
			return ExitCodes.MODEL;
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
			return ExitCodes.OK;
		}
		catch (final java.util.concurrent.CancellationException e) {
			err.println("Cancelled. What was downloaded is kept; 'models install " + entry.shortName() + "' resumes.");
			return ExitCodes.CANCELLED;
		}
		catch (final InstallException | DownloadException e) {
			err.println(e.getMessage());
			return ExitCodes.MODEL;
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
				return ExitCodes.MODEL;
			}
			try (Sam2Model m = Sam2Model.open(folder, Device.CPU, 1)) {
				out.println(m.bundle().manifest().modelName() + " in " + folder + ": every file and graph checks out.");
			}
			return ExitCodes.OK;
		}
		catch (final BundleException e) {
			err.println(e.getMessage());
			return ExitCodes.MODEL;
		}
	}

	@Command(name = "install", mixinStandardHelpOptions = true, description = { "Install SAM 2.1 by name " +
		"(tiny, small, base-plus, large): the official weights are downloaded once and checked. With --from, the " +
		"weights come from a model.safetensors you have (no internet needed).", "Or install a bundle from a folder " +
			"or a .zip. A model appears only once complete and verified." })
	int install(@Parameters(paramLabel = "MODEL", description = "tiny, small, base-plus, large, or a bundle " +
		"folder or .zip") final String model,
		@Option(names = "--from", paramLabel = "FILE", description = "the model.safetensors of facebook/sam2.1-hiera-" +
			"NAME, already downloaded") final Path weightsFile,
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
			return ExitCodes.BAD_INPUT;
		}
		if (weightsFile != null) {
			err.println("--from goes with a model name (e.g. 'models install tiny --from model.safetensors').");
			return ExitCodes.BAD_INPUT;
		}
		final Path root = target == null ? ModelRegistry.installFolder() : target;
		Path staging = null;
		try {
			Files.createDirectories(root);
			staging = Files.createTempDirectory(root, ".install-");
			final Path bundle = source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")
				? unzip(source, staging) : copy(source, staging.resolve(source.getFileName().toString()));
			if (name == null || name.isBlank()) name = bundle.getFileName().toString();
			ModelBundle.open(bundle); // every file present, every SHA-256 right
			final Path destination = root.resolve(name);
			if (Files.exists(destination)) {
				if (!overwrite) {
					err.println("A model named " + name + " is installed already in " + root + "; give --overwrite to " +
						"replace it, or --name for another name.");
					return ExitCodes.BAD_INPUT;
				}
				AtomicFolders.deleteTree(destination);
			}
			Files.move(bundle, destination, StandardCopyOption.ATOMIC_MOVE);
			out.println("Installed " + name + " in " + destination + ".");
			return ExitCodes.OK;
		}
		catch (final BundleException e) {
			err.println("Not installed: " + e.getMessage());
			return ExitCodes.MODEL;
		}
		catch (final IOException e) {
			err.println("Not installed: " + e.getMessage());
			return ExitCodes.BAD_INPUT;
		}
		finally {
			if (staging != null) {
				try {
					AtomicFolders.deleteTree(staging);
				}
				catch (final IOException e) {
					err.println("Could not remove the temporary folder " + staging + ": " + e.getMessage());
				}
			}
		}
	}

	private static Path copy(final Path source, final Path destination) throws IOException, BundleException {
		if (!Files.isRegularFile(source.resolve(BundleManifest.FILE_NAME))) {
			throw new BundleException(source + " is not a model bundle: it has no " + BundleManifest.FILE_NAME + ".");
		}
		Files.createDirectories(destination);
		try (Stream<Path> files = Files.list(source)) {
			for (final Path f : (Iterable<Path>) files::iterator) {
				if (Files.isRegularFile(f)) Files.copy(f, destination.resolve(f.getFileName()));
			}
		}
		return destination;
	}

	/** Unpacks a zip (refusing entries that would land outside) and finds the folder holding the manifest. */
	private static Path unzip(final Path zip, final Path into) throws IOException, BundleException {
		final Path unpacked = Files.createDirectories(into.resolve("unpacked"));
		try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
			for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
				final Path to = unpacked.resolve(e.getName()).normalize();
				if (!to.startsWith(unpacked)) throw new BundleException(zip + " holds an entry outside its folder: " +
					e.getName());
				if (e.isDirectory()) Files.createDirectories(to);
				else {
					Files.createDirectories(to.getParent());
					Files.copy(z, to);
				}
			}
		}
		try (Stream<Path> found = Files.walk(unpacked, 2)) {
			final Path manifest = found.filter(p -> p.getFileName().toString().equals(BundleManifest.FILE_NAME))
				.findFirst().orElseThrow(() -> new BundleException(zip + " holds no model bundle (no " +
					BundleManifest.FILE_NAME + ")."));
			final Path folder = manifest.getParent();
			final String name = folder.equals(unpacked) ? zip.getFileName().toString().replaceAll("(?i)\\.zip$", "")
				: folder.getFileName().toString();
			final Path named = into.resolve(name);
			Files.move(folder, named);
			return named;
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
