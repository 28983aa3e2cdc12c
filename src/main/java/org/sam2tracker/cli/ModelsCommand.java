package org.sam2tracker.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.BundleManifest;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.model.Sam2Model;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Installed model bundles: list them, verify one, install one from a folder or a zip. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List, verify and install model bundles.")
final class ModelsCommand {

	private final PrintStream out;
	private final PrintStream err;

	ModelsCommand(final PrintStream out, final PrintStream err) {
		this.out = out;
		this.err = err;
	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "List installed bundles.")
	int list() {
		final ModelRegistry registry = ModelRegistry.standard();
		final Map<String, Path> installed = registry.installed();
		if (installed.isEmpty()) {
			out.println("No models installed. Folders searched: " + registry.roots());
			return ExitCodes.OK;
		}
		for (final Map.Entry<String, Path> e : installed.entrySet()) {
			out.printf(Locale.ROOT, "%-28s %9.1f MB  %s%n", e.getKey(), size(e.getValue()) / 1e6, e.getValue());
		}
		return ExitCodes.OK;
	}

	@Command(name = "verify", mixinStandardHelpOptions = true, description = "Check a bundle: every file's " +
		"SHA-256, and every graph against its manifest in ONNX Runtime.")
	int verify(@Parameters(paramLabel = "MODEL", description = "an installed name or a bundle folder") final String model) {
		try {
			final Path folder = ModelRegistry.standard().resolve(model);
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

	@Command(name = "install", mixinStandardHelpOptions = true, description = "Install a bundle from a folder or " +
		"a .zip, after checking it. It appears under its name only once complete and verified.")
	int install(@Parameters(paramLabel = "SOURCE", description = "a bundle folder or a .zip holding one") final Path source,
		@Option(names = "--name", description = "the installed name (default: the bundle folder's name)") String name,
		@Option(names = "--to", description = "the model folder (default: ${DEFAULT-VALUE})") final Path target,
		@Option(names = "--overwrite", description = "replace an installed bundle of that name") final boolean overwrite)
	{
		final Path root = target == null ? ModelRegistry.userFolder() : target;
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
				delete(destination);
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
					delete(staging);
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

	static void delete(final Path path) throws IOException {
		if (!Files.exists(path)) return;
		try (Stream<Path> all = Files.walk(path)) {
			for (final Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
		}
	}
}
