package org.sam2tracker.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where installed model bundles live, and how a name such as "sam2.1-tiny" becomes a bundle folder. Folders
 * are searched in order: the {@code sam2tracker.models} system property, the {@code SAM2_TRACKER_MODELS}
 * environment variable (both may list several folders, separated like a class path), any folders the caller
 * adds (Fiji adds its own models folder), and the per-user folder {@code ~/.sam2-tracker/models}.
 */
public final class ModelRegistry {

	public static final String PROPERTY = "sam2tracker.models";
	public static final String ENVIRONMENT = "SAM2_TRACKER_MODELS";

	/** "tiny" names the installed "sam2.1-hiera-tiny": the catalog's short names work wherever names do. */
	static final String SHORT_NAME_PREFIX = "sam2.1-hiera-";

	private final List<Path> roots;

	public ModelRegistry(final List<Path> roots) {
		this.roots = List.copyOf(roots);
	}

	/** The standard search order, with extra folders before the per-user one. */
	public static ModelRegistry standard(final Path... extra) {
		final List<Path> roots = new ArrayList<>();
		addAll(roots, System.getProperty(PROPERTY));
		addAll(roots, System.getenv(ENVIRONMENT));
		Collections.addAll(roots, extra);
		roots.add(userFolder());
		return new ModelRegistry(roots);
	}

	/** The per-user model folder. */
	public static Path userFolder() {
		return Path.of(System.getProperty("user.home"), ".sam2-tracker", "models");
	}

	/**
	 * Where installs go: the first folder of the {@code sam2tracker.models} property or of the
	 * {@code SAM2_TRACKER_MODELS} variable when set (a shared folder on a cluster), else the per-user folder.
	 */
	public static Path installFolder() {
		return standard().roots().get(0);
	}

	public List<Path> roots() {
		return roots;
	}

	/** Installed bundles by name (the folder's name); where two folders hold one name, the first wins. */
	public Map<String, Path> installed() {
		final Map<String, Path> found = new LinkedHashMap<>();
		for (final Path root : roots) {
			if (!Files.isDirectory(root)) continue;
			try (Stream<Path> children = Files.list(root)) {
				// Hidden folders are installs under way or removals: never models to offer.
				children.filter(dir -> !dir.getFileName().toString().startsWith(".")).filter(ModelRegistry::isBundle)
					.sorted().forEach(dir -> found.putIfAbsent(dir.getFileName()
					.toString(), dir));
			}
			catch (final IOException e) {
				// An unreadable folder holds no usable models; the others still count.
			}
		}
		return found;
	}

	/** A bundle folder from an installed name or a path to a bundle folder. */
	public Path resolve(final String nameOrPath) throws BundleException {
		if (nameOrPath == null || nameOrPath.isBlank()) {
			throw new BundleException("No model was chosen. " + installedList());
		}
		final Path path = Path.of(nameOrPath.trim());
		if (isBundle(path)) return path;
		final Map<String, Path> installed = installed();
		final Path named = installed.containsKey(nameOrPath.trim()) ? installed.get(nameOrPath.trim())
			: installed.get(SHORT_NAME_PREFIX + nameOrPath.trim());
		if (named != null) return named;
		if (Files.isDirectory(path)) {
			throw new BundleException("The folder " + path + " is not a model bundle: it has no " +
				BundleManifest.FILE_NAME + ".");
		}
		throw new BundleException("No model named '" + nameOrPath + "'. " + installedList());
	}

	private String installedList() {
		final Map<String, Path> installed = installed();
		final String where = "Install SAM 2.1 (tiny, small, base-plus or large) with Plugins > Tracking > SAM 2 Manage " +
			"Models in Fiji or 'models install tiny' on the command line, or give the path of a bundle folder. " +
			"Folders searched: " + roots + ".";
		return installed.isEmpty() ? "No models are installed. " + where : "Installed: " +
			String.join(", ", installed.keySet()) + ". " + where;
	}

	static boolean isBundle(final Path dir) {
		return Files.isRegularFile(dir.resolve(BundleManifest.FILE_NAME));
	}

	private static void addAll(final List<Path> roots, final String list) {
		if (list == null || list.isBlank()) return;
		for (final String part : list.split(java.io.File.pathSeparator)) {
			if (!part.isBlank()) roots.add(Path.of(part.trim()));
		}
	}
}
