package org.sam2tracker.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A bundle folder whose manifest is valid and whose graph files are all present and intact (the SHA-256 of
 * each file matches the manifest). Opening one reads every graph file once; it creates no native resources.
 *
 * <p>A bundle may also hold its graphs for other input sizes, each in a folder {@code input-N} with its own
 * manifest and graphs; they read the bundle's own weights, whose shapes do not depend on the input size.
 */
public final class ModelBundle {

	/** The input size that means the bundle's own, as it was made (1024 for SAM 2.1). */
	public static final int OWN_INPUT_SIZE = 0;

	private final Path folder;
	private final Path weightsFolder;
	private final BundleManifest manifest;

	private ModelBundle(final Path folder, final Path weightsFolder, final BundleManifest manifest) {
		this.folder = folder;
		this.weightsFolder = weightsFolder;
		this.manifest = manifest;
	}

	public static ModelBundle open(final Path folder) throws BundleException {
		return open(folder, OWN_INPUT_SIZE);
	}

	/**
	 * The bundle with its graphs for an input size in pixels ({@link #OWN_INPUT_SIZE} or the bundle's own size:
	 * its own graphs); the weights are always the bundle's own.
	 */
	public static ModelBundle open(final Path folder, final int inputSize) throws BundleException {
		final ModelBundle own = openFolder(folder, folder, null);
		if (inputSize == OWN_INPUT_SIZE || inputSize == own.config().imageSize()) return own;
		final Path sized = inputSizeFolder(folder, inputSize);
		if (!Files.isRegularFile(sized.resolve(BundleManifest.FILE_NAME))) {
			throw new BundleException(own.manifest.modelName() + " in " + folder + " has no graphs for " + inputSize +
				"-pixel input" + listSizes(folder, own.config().imageSize()) + ". Choose one of those sizes, or make " +
				"the graphs with: python3 models/export/make_model_graphs.py --input-size " + inputSize);
		}
		final ModelBundle other = openFolder(sized, folder, own.manifest);
		if (other.config().imageSize() != inputSize || !other.manifest.modelName().equals(own.manifest.modelName())) {
			throw new BundleException("The graphs in " + sized + " are not " + own.manifest.modelName() + " at " +
				inputSize + " pixels: install or export them again.");
		}
		return other;
	}

	/** The folder that holds a bundle's graphs for an input size other than its own. */
	public static Path inputSizeFolder(final Path folder, final int inputSize) {
		return folder.resolve("input-" + inputSize);
	}

	/** The input sizes a bundle folder has graphs for, its own first. */
	public static java.util.List<Integer> inputSizes(final Path folder, final int ownSize) {
		final java.util.List<Integer> sizes = new java.util.ArrayList<>(java.util.List.of(ownSize));
		try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
			entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("input-[1-9][0-9]*")).map(n -> Integer
				.valueOf(n.substring("input-".length()))).filter(n -> Files.isRegularFile(inputSizeFolder(folder, n)
					.resolve(BundleManifest.FILE_NAME))).sorted(java.util.Comparator.reverseOrder()).forEach(sizes::add);
		}
		catch (final IOException e) {
			// an unreadable folder offers its own size only
		}
		return sizes;
	}

	private static String listSizes(final Path folder, final int ownSize) {
		final java.util.List<Integer> sizes = inputSizes(folder, ownSize);
		return sizes.size() == 1 ? " (only its own " + ownSize + ")" : " (it has " + sizes.stream().map(String::valueOf)
			.collect(java.util.stream.Collectors.joining(", ")) + ")";
	}

	/**
	 * @param weightsFolder where the weights file is
	 * @param owner the manifest of the bundle whose weights these graphs read, or null for the bundle itself
	 */
	private static ModelBundle openFolder(final Path folder, final Path weightsFolder, final BundleManifest owner)
		throws BundleException
	{
		if (!Files.isDirectory(folder)) {
			throw new BundleException("No model bundle at " + folder + ": the folder does not exist.");
		}
		final BundleManifest read = BundleManifest.read(folder);
		if (owner != null && (owner.weights() == null) != (read.weights() == null)) {
			throw new BundleException("The graphs in " + folder + " and those of " + owner.modelName() + " do not " +
				"take their weights the same way: install or export them again.");
		}
		final BundleManifest manifest = owner == null ? read : read.withWeights(owner.weights());
		final java.util.List<GraphSpec> all = new java.util.ArrayList<>(manifest.graphs().values());
		manifest.precisions().values().forEach(p -> all.addAll(p.values()));
		for (final GraphSpec graph : all) {
			final Path file = folder.resolve(graph.file());
			if (!Files.isRegularFile(file)) {
				throw new BundleException("The model bundle " + folder + " is incomplete: " + graph.file() +
					" is missing. Install or export the model again.");
			}
			final String actual = sha256(file);
			if (!actual.equalsIgnoreCase(graph.sha256())) {
				throw new BundleException("The model bundle " + folder + " is damaged: " + graph.file() +
					" has SHA-256 " + actual + " but the manifest expects " + graph.sha256() +
					". Install or export the model again.");
			}
		}
		final WeightsSpec weights = manifest.weights();
		if (weights != null) {
			final Path file = weightsFolder.resolve(weights.file());
			if (!Files.isRegularFile(file)) throw weightsMissing(weightsFolder, manifest);
			final long size = file.toFile().length();
			if (weights.sizeKnown() && size != weights.bytes()) {
				throw new BundleException("The weights of " + manifest.modelName() + " in " + weightsFolder +
					" are damaged: " + weights.file() + " has " + size + " bytes, " + weights.bytes() + " were installed. Install the " +
					"model again.");
			}
		}
		return new ModelBundle(folder, weightsFolder, manifest);
	}

	private static BundleException weightsMissing(final Path folder, final BundleManifest manifest) {
		return new BundleException("The model " + manifest.modelName() + " in " + folder + " has no weights: " +
			manifest.weights().file() + " is missing. Install it with Plugins > Tracking > SAM 2 Manage Models, or " +
			"on the command line with: models install " + manifest.modelName());
	}

	/**
	 * Checks the weights file against the SHA-256 recorded at install; slow for large models (it reads every
	 * byte), so it runs when asked (verify), not at every opening. True when there is nothing to check.
	 */
	public boolean weightsIntact() throws BundleException {
		final WeightsSpec weights = manifest.weights();
		if (weights == null || weights.sha256() == null) return true;
		return sha256(weightsFile()).equalsIgnoreCase(weights.sha256());
	}

	/**
	 * What decides the image encoder's outputs, as text: its graph's SHA-256, the weights it is given (their
	 * SHA-256 when the install recorded it, else their file's size and time) and the input scaling. Features kept
	 * under it are valid for exactly this encoder.
	 */
	public String encoderFingerprint() {
		final StringBuilder out = new StringBuilder(manifest.graph("image_encoder").sha256());
		final WeightsSpec weights = manifest.weights();
		if (weights != null) {
			out.append("/weights ");
			if (weights.sha256() != null) out.append(weights.sha256());
			else {
				final java.io.File file = weightsFile().toFile();
				out.append(file.getAbsolutePath()).append(':').append(file.length()).append(':').append(file
					.lastModified());
			}
		}
		final BundleConfig c = manifest.config();
		out.append("/size ").append(c.imageSize()).append(" mean ").append(java.util.Arrays.toString(c.imageMean()))
			.append(" std ").append(java.util.Arrays.toString(c.imageStd()));
		return out.toString();
	}

	public Path folder() {
		return folder;
	}

	public BundleManifest manifest() {
		return manifest;
	}

	public BundleConfig config() {
		return manifest.config();
	}

	/** The checkpoint the graphs read their weights from, or null when the graphs hold them. */
	public Path weightsFile() {
		return manifest.weights() == null ? null : weightsFolder.resolve(manifest.weights().file());
	}

	public Path graphFile(final String graph) {
		return folder.resolve(manifest.graph(graph).file());
	}

	/** The file of a graph in a precision (the float32 graph's where the precision keeps it). */
	public Path graphFile(final String graph, final Precision precision) {
		return folder.resolve(manifest.graph(graph, precision).file());
	}

	/**
	 * Whether the bundle can run a precision: exact always, int8 with its own graphs, bf16 with its weights in a
	 * checkpoint beside the graphs (as installed models have), which its memory attention is computed from.
	 */
	public boolean has(final Precision precision) {
		if (precision == Precision.BF16) return manifest.weights() != null; // computed from the checkpoint itself
		return precision == Precision.EXACT || manifest.precisions().containsKey(precision);
	}

	static String sha256(final Path file) throws BundleException {
		try (InputStream in = Files.newInputStream(file)) {
			final MessageDigest digest = MessageDigest.getInstance("SHA-256");
			final byte[] buffer = new byte[1 << 16];
			for (int n; (n = in.read(buffer)) > 0;) digest.update(buffer, 0, n);
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (final IOException e) {
			throw new BundleException("Cannot read " + file + ": " + e.getMessage(), e);
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("This Java runtime has no SHA-256", e);
		}
	}

	@Override
	public String toString() {
		return manifest.modelName() + " (" + folder + ")";
	}
}
