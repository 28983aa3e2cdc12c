package org.sam2tracker.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.sam2tracker.files.AtomicFolders;
import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.BundleManifest;
import org.sam2tracker.model.ModelBundle;

/**
 * Installs a model bundle the user has (one exported with its weights inside, or shared by a colleague) from a
 * folder or a .zip into a model folder. The bundle is copied or unpacked into a hidden folder beside its place,
 * checked whole (every file present, every SHA-256 right), and only then moved into place, so a bundle never looks
 * installed until it is complete. The command line and Fiji's Manage Models both install bundles this way. A
 * bundle that is not one, or is damaged, is a {@link BundleException}; a name taken or a folder that cannot be
 * written is an {@link InstallException}.
 */
public final class BundleImport {

	private final Path root;

	/** @param root the model folder the bundle is installed into */
	public BundleImport(final Path root) {
		this.root = root;
	}

	/** Whether a path is something this installs: a folder, or a .zip. */
	public static boolean isBundleSource(final Path source) {
		return Files.isDirectory(source) || isZip(source);
	}

	/**
	 * Installs the bundle at {@code source} and returns where it now is.
	 *
	 * @param name the installed name; null or blank for the bundle folder's own name
	 * @param overwrite whether an installed bundle of that name is replaced
	 */
	public Path install(final Path source, final String name, final boolean overwrite) throws BundleException,
		InstallException
	{
		if (!Files.exists(source)) throw new InstallException("There is no bundle at " + source + ".", null);
		Path staging = null;
		try {
			Files.createDirectories(root);
			staging = Files.createTempDirectory(root, ".install-");
			final Path bundle = isZip(source) ? unzip(source, staging) : copy(source, staging.resolve(source
				.getFileName().toString()));
			final String installed = name == null || name.isBlank() ? bundle.getFileName().toString() : name.trim();
			final ModelBundle opened = ModelBundle.open(bundle); // every file present, every SHA-256 right
			for (final int size : ModelBundle.inputSizes(bundle, opened.config().imageSize())) {
				ModelBundle.open(bundle, size); // and so for each of its other input sizes
			}
			final Path destination = root.resolve(installed);
			if (Files.exists(destination)) {
				if (!overwrite) throw new InstallException("A model named " + installed + " is installed already in " +
					root + "; choose to overwrite it, or give another name.", null);
				AtomicFolders.deleteTree(destination);
			}
			Files.move(bundle, destination, StandardCopyOption.ATOMIC_MOVE);
			return destination;
		}
		catch (final IOException e) {
			throw new InstallException("Not installed: " + e.getMessage() + " (in " + root + ").", e);
		}
		finally {
			if (staging != null) deleteQuietly(staging);
		}
	}

	private static boolean isZip(final Path source) {
		return Files.isRegularFile(source) && source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
	}

	private static Path copy(final Path source, final Path destination) throws IOException, BundleException {
		if (!Files.isRegularFile(source.resolve(BundleManifest.FILE_NAME))) {
			throw new BundleException(source + " is not a model bundle: it has no " + BundleManifest.FILE_NAME + ".");
		}
		Files.createDirectories(destination);
		try (Stream<Path> files = Files.list(source)) {
			for (final Path f : (Iterable<Path>) files::iterator) {
				if (Files.isRegularFile(f)) Files.copy(f, destination.resolve(f.getFileName()));
				// its graphs for other input sizes, each a bundle folder of its own
				else if (Files.isDirectory(f) && f.getFileName().toString().startsWith("input-")) copy(f, destination
					.resolve(f.getFileName().toString()));
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
			// the bundle's own manifest, not one of its input-N folders'
			final Path manifest = found.filter(p -> p.getFileName().toString().equals(BundleManifest.FILE_NAME))
				.min(java.util.Comparator.comparingInt(Path::getNameCount)).orElseThrow(() -> new BundleException(zip + " holds no model bundle (no " +
					BundleManifest.FILE_NAME + ")."));
			final Path folder = manifest.getParent();
			final String name = folder.equals(unpacked) ? zip.getFileName().toString().replaceAll("(?i)\\.zip$", "")
				: folder.getFileName().toString();
			final Path named = into.resolve(name);
			Files.move(folder, named);
			return named;
		}
	}

	private static void deleteQuietly(final Path folder) {
		try {
			AtomicFolders.deleteTree(folder);
		}
		catch (final IOException e) {
			// A hidden leftover in the model folder is skipped by every listing; the next install makes its own.
		}
	}
}
