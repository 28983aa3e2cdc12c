package org.sam2tracker.install;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.sam2tracker.files.AtomicFolders;
import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.BundleManifest;
import org.sam2tracker.model.CheckpointMap;
import org.sam2tracker.model.CheckpointWeights;
import org.sam2tracker.model.MetaCheckpoint;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.SafetensorsHeader;

/**
 * Installs catalog models into a model folder: the graphs from the plugin, the weights downloaded (or copied
 * from a file the user has) and checked. A model's folder appears only complete and verified: everything is
 * assembled in a hidden folder beside it and moved into place at the end, so an interrupted install never
 * looks installed, and a later one resumes the download. Installs of one model are serialised across
 * processes.
 */
public final class ModelInstaller {

	private static final String DOWNLOADS = ".downloads";
	private static final String ENCODER_LAYOUT = "image_encoder"; // the config key of the image encoder's layout
	private static final String LOCKS = ".locks";

	private final ModelCatalog catalog;
	private final Path root;
	private final ModelDownload download;

	public ModelInstaller(final ModelCatalog catalog, final Path root, final ModelDownload download) {
		this.catalog = catalog;
		this.root = root;
		this.download = download;
	}

	public ModelCatalog catalog() {
		return catalog;
	}

	public Path root() {
		return root;
	}

	public Path folder(final CatalogEntry entry) {
		return root.resolve(entry.name());
	}

	/** Whether a model is installed here, quickly: files present and sizes right (verify reads every byte). */
	public InstallStatus status(final CatalogEntry entry) {
		return inspect(entry, false);
	}

	/** Every check there is: graphs, weights' SHA-256 against the one recorded at install, every tensor. */
	public InstallStatus verify(final CatalogEntry entry) {
		return inspect(entry, true);
	}

	private InstallStatus inspect(final CatalogEntry entry, final boolean everyByte) {
		final Path folder = folder(entry);
		if (!Files.isDirectory(folder)) return new InstallStatus(InstallStatus.State.NOT_INSTALLED, "");
		final ModelBundle bundle;
		try {
			bundle = ModelBundle.open(folder);
		}
		catch (final BundleException e) {
			final boolean noWeights = !Files.exists(folder.resolve(WEIGHTS_FILE));
			return new InstallStatus(noWeights ? InstallStatus.State.INCOMPLETE : InstallStatus.State.DAMAGED, e
				.getMessage());
		}
		if (!everyByte) return new InstallStatus(InstallStatus.State.INSTALLED, "");
		try {
			if (!bundle.weightsIntact()) {
				return new InstallStatus(InstallStatus.State.DAMAGED, WEIGHTS_FILE + " has changed since it was " +
					"installed (its SHA-256 differs). Remove the model and install it again.");
			}
			CheckpointWeights.check(bundle);
			return new InstallStatus(InstallStatus.State.INSTALLED, "");
		}
		catch (final BundleException e) {
			return new InstallStatus(InstallStatus.State.DAMAGED, e.getMessage());
		}
	}

	/**
	 * Installs a model, downloading its weights or, with {@code weightsFile}, taking them from a file the user
	 * already has (offline install). Returns the model's folder; a model already installed is left as it is.
	 */
	public Path install(final CatalogEntry entry, final Path weightsFile, final DownloadListener listener,
		final BooleanSupplier cancelled) throws InstallException, DownloadException
	{
		try {
			Files.createDirectories(root);
		}
		catch (final IOException e) {
			throw new InstallException("Cannot create the model folder " + root + ": " + e.getMessage() + ". Choose " +
				"a folder you can write to with -D" + org.sam2tracker.model.ModelRegistry.PROPERTY + "=/path or the " +
				org.sam2tracker.model.ModelRegistry.ENVIRONMENT + " environment variable.", e);
		}
		try (InstallLock lock = lock(entry, listener, cancelled)) {
			if (status(entry).installed()) {
				listener.message(entry.title() + " is installed already in " + folder(entry) + ".");
				return folder(entry);
			}
			final Path downloads = root.resolve(DOWNLOADS);
			final RecordedHash record = new RecordedHash(downloads, entry);
			final RecordedHash.Value known = record.get(entry);
			final String expectedSha = entry.sha256() != null ? entry.sha256() : known == null ? null : known.sha256();
			final long expectedBytes = entry.bytes() >= 0 ? entry.bytes() : known == null ? -1 : known.bytes();
			final Path weights = downloads.resolve(entry.name() + ".safetensors");
			Files.createDirectories(downloads);
			final Path converted = downloads.resolve(entry.name() + ".from-meta.safetensors");
			final Path given = weightsFile == null ? null : readable(entry, weightsFile, converted, listener);
			// Meta's file holds the same tensors as the official safetensors, but not its bytes: no size or hash.
			final boolean fromMeta = converted.equals(given);
			final DownloadRequest request = new DownloadRequest(entry.weightsUrl(), weights, fromMeta ? -1
				: expectedBytes, fromMeta ? null : expectedSha);
			// A path that is no file is left to the copy, which names what is wrong with it.
			if (given != null && Files.isRegularFile(given)) checkTensors(entry, map -> CheckpointWeights.check(map,
				given));
			else if (weightsFile == null) checkTensors(entry, map -> {
				final SafetensorsHeader header;
				try {
					header = download.header(entry.weightsUrl());
				}
				catch (final DownloadException e) {
					return; // a server that refuses: the download says so, with the offline way
				}
				if (header != null) CheckpointWeights.check(map, header);
			});
			final String sha;
			try {
				sha = given == null ? fetch(entry, request, listener, cancelled) : download.copyLocal(given, request,
					listener, cancelled);
			}
			finally {
				Files.deleteIfExists(converted);
			}
			final long bytes = Files.size(weights);
			final Path folder = assemble(entry, weights, bytes, sha, weightsFile == null ? "the file downloaded from " +
				entry.weightsUrl().getHost() : weightsFile.toString());
			if (entry.sha256() == null && known == null && !fromMeta) record.put(entry, sha, bytes);
			return folder;
		}
		catch (final IOException e) {
			throw new InstallException(entry.title() + " was not installed: " + e.getMessage() + " (in " + root + ").",
				e);
		}
	}

	/** The manifest of a catalog model's graphs, as the plugin ships it. */
	private JsonObject manifest(final CatalogEntry entry) throws IOException {
		return manifest(entry, "");
	}

	/** The manifest the plugin ships in a model's folder {@code prefix} (empty, or an input-N folder and "/"). */
	private JsonObject manifest(final CatalogEntry entry, final String prefix) throws IOException {
		try (InputStream in = catalog.graphs().open(entry.graphs(), prefix + BundleManifest.FILE_NAME)) {
			return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
		}
	}

	/** A check of a checkpoint against a model's map: of a file, or of a header read from a server. */
	@FunctionalInterface
	private interface TensorCheck {

		void check(CheckpointMap map) throws BundleException, DownloadException;
	}

	/**
	 * The weights are checked tensor by tensor against the model's graphs before anything is copied or
	 * downloaded: a file the user gives, or the header of the file on the server (its first kilobytes), so that the
	 * weights of another model, or no checkpoint at all, are named as such at once.
	 */
	private void checkTensors(final CatalogEntry entry, final TensorCheck check)
		throws InstallException, DownloadException
	{
		try {
			check.check(checkpointMap(entry));
		}
		catch (final BundleException e) {
			throw new InstallException("The weights are not those of " + entry.title() + ", so it was not installed: " +
				e.getMessage(), e);
		}
	}

	/** The model's checkpoint map, as the plugin ships it with the graphs. */
	private CheckpointMap checkpointMap(final CatalogEntry entry) throws InstallException {
		try {
			final String mapFile = manifest(entry).getAsJsonObject("checkpoint_map").get("file").getAsString();
			try (InputStream in = catalog.graphs().open(entry.graphs(), mapFile)) {
				return CheckpointMap.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), entry.name() + "/" +
					mapFile);
			}
		}
		catch (final IOException | BundleException e) {
			throw new InstallException("The graphs of " + entry.title() + " cannot be read from the plugin: " + e
				.getMessage() + ". Install the plugin again.", e);
		}
	}

	/**
	 * A weights file the user gives, in the form the engine reads: a safetensors file as it is, or Meta's own .pt
	 * checkpoint converted through the checkpoint map (the same tensors, under transformers' names). Says which it
	 * found.
	 */
	private Path readable(final CatalogEntry entry, final Path weightsFile, final Path converted,
		final DownloadListener listener) throws InstallException
	{
		try {
			if (!Files.isRegularFile(weightsFile) || !MetaCheckpoint.isPytorch(weightsFile)) {
				if (Files.isRegularFile(weightsFile)) listener.message(weightsFile + " is a safetensors checkpoint " +
					"(transformers' format).");
				return weightsFile;
			}
			listener.message(weightsFile + " is a PyTorch checkpoint (Meta's format): reading its tensors into " +
				entry.title() + "'s graphs.");
			final int tensors = MetaCheckpoint.convert(weightsFile, checkpointMap(entry), converted);
			listener.message("Read " + tensors + " tensors from " + weightsFile.getFileName() + ".");
			return converted;
		}
		catch (final IOException e) {
			throw new InstallException("Cannot read " + weightsFile + ": " + e.getMessage() + ".", e);
		}
		catch (final BundleException e) {
			throw new InstallException("The weights are not those of " + entry.title() + ", so it was not installed: " +
				e.getMessage(), e);
		}
	}

	/**
	 * Reads a catalog model's header from its server and lists every tensor its graphs need that the file lacks or
	 * holds in another shape or type: what a machine with internet runs to check the catalog against the real
	 * files. Null when the server cannot be reached.
	 */
	public List<String> remoteProblems(final CatalogEntry entry) throws InstallException, DownloadException {
		final List<List<String>> found = new ArrayList<>();
		try {
			checkTensors(entry, map -> {
				final SafetensorsHeader header = download.header(entry.weightsUrl());
				if (header != null) found.add(CheckpointWeights.problems(map, header));
			});
		}
		catch (final InstallException e) {
			if (!(e.getCause() instanceof BundleException)) throw e;
			found.add(List.of(e.getMessage())); // the header itself is damaged or no safetensors header
		}
		return found.isEmpty() ? null : found.get(0);
	}

	/** Downloads the weights; a failure says how to install the same model without internet. */
	private String fetch(final CatalogEntry entry, final DownloadRequest request, final DownloadListener listener,
		final BooleanSupplier cancelled) throws DownloadException
	{
		try {
			return download.fetch(request, listener, cancelled);
		}
		catch (final DownloadException e) {
			throw new DownloadException(e.getMessage() + " Without internet: download " + entry.weightsUrl() +
				" on another computer, then install it with 'models install " + entry.shortName() + " --from FILE' " +
				"(in Fiji: Plugins > Tracking > SAM 2 Manage Models, with the file as 'From file or folder').", e);
		}
	}

	/** Graphs and weights into a hidden folder, checked as a whole, then moved into place in one step. */
	/** @param source the weights as the user knows them, for messages: their file, or where they came from */
	private Path assemble(final CatalogEntry entry, final Path weights, final long bytes, final String sha,
		final String source) throws IOException, InstallException
	{
		final Path staging = Files.createTempDirectory(root, ".install-" + entry.name() + "-");
		try {
			final JsonObject manifest = manifest(entry);
			for (final String file : graphFiles(manifest)) copy(entry, file, staging);
			copy(entry, manifest.getAsJsonObject("checkpoint_map").get("file").getAsString(), staging);
			for (final int size : catalog.inputSizes()) copyInputSize(entry, size, staging);
			final JsonObject w = manifest.getAsJsonObject("weights");
			w.addProperty("bytes", bytes);
			w.addProperty("sha256", sha);
			w.addProperty("url", entry.weightsUrl().toString());
			Files.writeString(staging.resolve(BundleManifest.FILE_NAME), manifestText(manifest), StandardCharsets.UTF_8);
			final Path staged = staging.resolve(w.get("file").getAsString());
			Files.move(weights, staged, StandardCopyOption.ATOMIC_MOVE);
			try {
				CheckpointWeights.check(ModelBundle.open(staging));
			}
			catch (final BundleException e) {
				// The check reads the copy in the hidden install folder; the user knows the file they gave.
				throw new InstallException("The weights are not those of " + entry.title() + ", so it was not " +
					"installed: " + e.getMessage().replace(staged.toString(), source), e);
			}
			readableByAll(staging);
			final Path folder = folder(entry);
			if (Files.exists(folder)) delete(folder); // an incomplete or damaged earlier install
			Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
			return folder;
		}
		finally {
			if (Files.exists(staging)) delete(staging);
		}
	}

	/**
	 * A temporary folder is private to its owner; an installed model must be readable by everyone who tracks with
	 * it (a shared folder on a cluster), like any installed software. Where permissions are not POSIX, nothing to do.
	 */
	private static void readableByAll(final Path folder) throws IOException {
		try {
			try (Stream<Path> files = Files.walk(folder)) {
				for (final Path f : (Iterable<Path>) files::iterator) {
					Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x"
						: "rw-r--r--"));
				}
			}
		}
		catch (final UnsupportedOperationException e) {
			// Windows: the folder inherits its parent's access rules
		}
	}

	private void copy(final CatalogEntry entry, final String file, final Path into) throws IOException {
		try (InputStream in = catalog.graphs().open(entry.graphs(), file)) {
			Files.copy(in, into.resolve(file));
		}
	}

	/** The graph files a manifest lists: the five graphs, and those of its other precisions. */
	private static List<String> graphFiles(final JsonObject manifest) {
		final List<String> files = new ArrayList<>();
		for (final String graph : BundleManifest.GRAPH_NAMES) {
			files.add(manifest.getAsJsonObject("graphs").getAsJsonObject(graph).get("file").getAsString());
		}
		if (manifest.has("precisions")) {
			for (final var precision : manifest.getAsJsonObject("precisions").entrySet()) {
				for (final var graph : precision.getValue().getAsJsonObject().entrySet()) {
					files.add(graph.getValue().getAsJsonObject().get("file").getAsString());
				}
			}
		}
		return files;
	}

	/** The plugin's graphs of a model for another input size, into their input-N folder inside {@code folder}. */
	private void copyInputSize(final CatalogEntry entry, final int size, final Path folder) throws IOException {
		final String sub = "input-" + size;
		Files.createDirectories(ModelBundle.inputSizeFolder(folder, size));
		final JsonObject manifest = manifest(entry, sub + "/");
		for (final String file : graphFiles(manifest)) copy(entry, sub + "/" + file, folder);
		copy(entry, sub + "/" + manifest.getAsJsonObject("checkpoint_map").get("file").getAsString(), folder);
		copy(entry, sub + "/" + BundleManifest.FILE_NAME, folder);
	}

	/**
	 * Gives a model installed without the plugin's graphs of another precision (by an earlier version of the
	 * plugin) those graphs, at its own input size ({@code sub} empty) or in an input-N folder: the graph files, then
	 * the checkpoint map (the old rows and the new ones), then the manifest with the installed weights' entry, each
	 * whole, so that a run stopped halfway leaves a model that opens as before. No download.
	 */
	public void addPrecisions(final CatalogEntry entry, final String sub) throws InstallException {
		final Path folder = sub.isEmpty() ? folder(entry) : folder(entry).resolve(sub);
		final String prefix = sub.isEmpty() ? "" : sub + "/";
		try (InstallLock lock = lock(entry, DownloadListener.NONE, () -> false)) {
			final JsonObject shipped = manifest(entry, prefix);
			if (!shipped.has("precisions")) return;
			final JsonObject installed = JsonParser.parseString(Files.readString(folder.resolve(BundleManifest
				.FILE_NAME))).getAsJsonObject();
			if (installed.has("precisions")) return;
			for (final String file : graphFiles(shipped)) {
				if (!Files.exists(folder.resolve(file))) copyWhole(entry, prefix + file, folder.resolve(file));
			}
			final String map = shipped.getAsJsonObject("checkpoint_map").get("file").getAsString();
			copyWhole(entry, prefix + map, folder.resolve(map));
			shipped.add("weights", installed.get("weights"));
			replaceManifest(folder.resolve(BundleManifest.FILE_NAME), shipped);
		}
		catch (final IOException | RuntimeException e) {
			throw new InstallException("Cannot add the int8 graphs of " + entry.title() + " to " + folder + ": " + e
				.getMessage() + ". Install the model again, or use the precision exact.", e);
		}
	}

	/**
	 * Gives a model installed before manifests described the image encoder's layout (by an earlier version of the
	 * plugin) that description, from the plugin's manifest of the same folder ({@code sub} as for
	 * {@link #addPrecisions}): only the manifest changes, rewritten whole. No download.
	 */
	public void addEncoderLayout(final CatalogEntry entry, final String sub) throws InstallException {
		final Path folder = sub.isEmpty() ? folder(entry) : folder(entry).resolve(sub);
		try (InstallLock lock = lock(entry, DownloadListener.NONE, () -> false)) {
			final JsonObject shipped = manifest(entry, sub.isEmpty() ? "" : sub + "/").getAsJsonObject("config");
			final Path file = folder.resolve(BundleManifest.FILE_NAME);
			final JsonObject installed = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
			final JsonObject config = installed.getAsJsonObject("config");
			if (!shipped.has(ENCODER_LAYOUT) || config.has(ENCODER_LAYOUT)) return;
			config.add(ENCODER_LAYOUT, shipped.get(ENCODER_LAYOUT).deepCopy());
			replaceManifest(file, installed);
		}
		catch (final IOException | RuntimeException e) {
			throw new InstallException("Cannot add the image encoder's layout to " + folder + ": " + e.getMessage() +
				". Install the model again, or use the precision exact.", e);
		}
	}

	/** An installed model's manifest replaced whole: a run stopped halfway leaves the old one. */
	private static void replaceManifest(final Path file, final JsonObject manifest) throws IOException {
		org.sam2tracker.files.AtomicFiles.write(file, t -> Files.writeString(t, manifestText(manifest),
			StandardCharsets.UTF_8));
	}

	private static String manifestText(final JsonObject manifest) {
		return new GsonBuilder().setPrettyPrinting().create().toJson(manifest) + "\n";
	}

	private void copyWhole(final CatalogEntry entry, final String file, final Path target) throws IOException {
		org.sam2tracker.files.AtomicFiles.write(target, t -> {
			try (InputStream in = catalog.graphs().open(entry.graphs(), file)) {
				Files.copy(in, t, StandardCopyOption.REPLACE_EXISTING);
			}
		});
	}

	/**
	 * Adds the plugin's graphs for an input size to a model installed without them (by an earlier version of the
	 * plugin): no download, the weights are the model's own. False when the catalog has no graphs of that size.
	 */
	public boolean addInputSize(final CatalogEntry entry, final int size) throws InstallException {
		if (!catalog.inputSizes().contains(size)) return false;
		final Path folder = folder(entry);
		final Path target = ModelBundle.inputSizeFolder(folder, size);
		if (Files.isRegularFile(target.resolve(BundleManifest.FILE_NAME))) return true;
		try (InstallLock lock = lock(entry, DownloadListener.NONE, () -> false)) {
			if (Files.isRegularFile(target.resolve(BundleManifest.FILE_NAME))) return true;
			final Path staging = Files.createTempDirectory(folder, ".input-" + size + "-");
			try {
				copyInputSize(entry, size, staging);
				final Path made = ModelBundle.inputSizeFolder(staging, size);
				readableByAll(made);
				if (Files.exists(target)) delete(target); // an incomplete earlier copy
				Files.move(made, target, StandardCopyOption.ATOMIC_MOVE);
				return true;
			}
			finally {
				if (Files.exists(staging)) delete(staging);
			}
		}
		catch (final IOException e) {
			throw new InstallException("Cannot add the " + size + "-pixel graphs of " + entry.title() + " to " + folder +
				": " + e.getMessage() + ". Install the model again, or use the input size model.", e);
		}
	}

	/**
	 * Removes an installed model: renamed away first, so that a removal cut short never looks installed. Returns
	 * false when there was nothing to remove.
	 */
	public boolean remove(final CatalogEntry entry) throws InstallException {
		final Path folder = folder(entry);
		if (!Files.exists(folder)) return false;
		try (InstallLock lock = lock(entry, DownloadListener.NONE, () -> false)) {
			if (!Files.exists(folder)) return false;
			delete(folder);
			return true;
		}
		catch (final IOException e) {
			throw new InstallException("Could not remove " + folder + ": " + e.getMessage() + ". If a tracker is " +
				"using the model, close it and try again.", e);
		}
	}

	/** One install or removal of a model at a time, across threads and processes. */
	private InstallLock lock(final CatalogEntry entry, final DownloadListener listener, final BooleanSupplier cancelled)
		throws IOException
	{
		final Path file = root.resolve(LOCKS).resolve(entry.name() + ".lock");
		Files.createDirectories(file.getParent());
		return InstallLock.acquire(file, () -> listener.message("Waiting for another install of " + entry.title() +
			" to finish..."), new CancelCheck(cancelled, () -> "The install of " + entry.title() + " was cancelled " +
				"while waiting for another install of it."));
	}

	private void delete(final Path folder) throws IOException {
		final Path doomed = root.resolve(".removing-" + folder.getFileName() + "-" + System.nanoTime());
		Files.move(folder, doomed, StandardCopyOption.ATOMIC_MOVE);
		AtomicFolders.deleteTree(doomed);
	}

	static final String WEIGHTS_FILE = "model.safetensors";
}
