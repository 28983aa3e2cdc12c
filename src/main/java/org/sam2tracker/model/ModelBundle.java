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
 */
public final class ModelBundle {

	private final Path folder;
	private final BundleManifest manifest;

	private ModelBundle(final Path folder, final BundleManifest manifest) {
		this.folder = folder;
		this.manifest = manifest;
	}

	public static ModelBundle open(final Path folder) throws BundleException {
		if (!Files.isDirectory(folder)) {
			throw new BundleException("No model bundle at " + folder + ": the folder does not exist.");
		}
		final BundleManifest manifest = BundleManifest.read(folder);
		for (final GraphSpec graph : manifest.graphs().values()) {
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
			final Path file = folder.resolve(weights.file());
			if (!Files.isRegularFile(file)) throw weightsMissing(folder, manifest);
			final long size = file.toFile().length();
			if (weights.sizeKnown() && size != weights.bytes()) {
				throw new BundleException("The weights of " + manifest.modelName() + " in " + folder + " are damaged: " +
					weights.file() + " has " + size + " bytes, " + weights.bytes() + " were installed. Install the " +
					"model again.");
			}
		}
		return new ModelBundle(folder, manifest);
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
		return sha256(folder.resolve(weights.file())).equalsIgnoreCase(weights.sha256());
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
				final java.io.File file = folder.resolve(weights.file()).toFile();
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

	public Path graphFile(final String graph) {
		return folder.resolve(manifest.graph(graph).file());
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
