package org.sam2tracker.install;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.BundleManifest;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.Precision;
import org.sam2tracker.model.Sam2Model;

/**
 * Opens a model at the input size and precision a run asks for. A catalog model installed before the plugin
 * shipped graphs of that size or precision, or before its manifest described the image encoder's layout (which
 * bf16 needs), gets them from the plugin first (no download: the weights are the model's own), so that choosing
 * 512 pixels, int8 or bf16 never asks for a new install.
 */
public final class SizedModels {

	private SizedModels() {}

	public static Sam2Model open(final Path folder, final int inputSize, final Precision precision,
		final Device device, final int cpuThreads) throws BundleException
	{
		prepare(folder, inputSize, precision);
		return Sam2Model.open(folder, inputSize, precision, device, cpuThreads);
	}

	/** Makes sure a catalog model has the plugin's graphs for the input size and precision, before a run opens it. */
	public static void prepare(final Path folder, final int inputSize, final Precision precision)
		throws BundleException
	{
		addMissing(folder, inputSize, ModelCatalog.builtIn());
		if (precision.hasOwnGraphs()) addMissingPrecisions(folder, inputSize, ModelCatalog.builtIn());
		if (precision == Precision.BF16) addMissingLayout(folder, inputSize, ModelCatalog.builtIn());
	}

	/** Adds the catalog's graphs of other precisions where the folder is that catalog's model and lacks them. */
	static void addMissingPrecisions(final Path folder, final int inputSize, final ModelCatalog catalog)
		throws BundleException
	{
		final Optional<Sized> sized = sized(folder, inputSize, catalog);
		if (sized.isEmpty() || !sized.get().manifest().precisions().isEmpty()) return;
		try {
			new ModelInstaller(catalog, folder.getParent(), null).addPrecisions(sized.get().entry(), sized.get().sub());
		}
		catch (final InstallException e) {
			throw new BundleException(e.getMessage(), e);
		}
	}

	/** Adds the image encoder's layout where the folder is the catalog's model and its manifest lacks it. */
	static void addMissingLayout(final Path folder, final int inputSize, final ModelCatalog catalog)
		throws BundleException
	{
		final Optional<Sized> sized = sized(folder, inputSize, catalog);
		if (sized.isEmpty() || sized.get().manifest().config().imageEncoder() != null) return;
		try {
			new ModelInstaller(catalog, folder.getParent(), null).addEncoderLayout(sized.get().entry(), sized.get()
				.sub());
		}
		catch (final InstallException e) {
			throw new BundleException(e.getMessage(), e);
		}
	}

	/** A catalog model's installed graphs of one input size: in the folder itself ({@code sub} empty) or input-N. */
	private record Sized(CatalogEntry entry, String sub, BundleManifest manifest) {}

	/** The installed graphs of an input size where the folder is a catalog model's install and has them. */
	private static Optional<Sized> sized(final Path folder, final int inputSize, final ModelCatalog catalog)
		throws BundleException
	{
		final Optional<BundleManifest> manifest = installed(folder);
		if (manifest.isEmpty()) return Optional.empty();
		final Optional<CatalogEntry> entry = catalogModel(folder, manifest.get(), catalog);
		if (entry.isEmpty()) return Optional.empty();
		final boolean own = inputSize == ModelBundle.OWN_INPUT_SIZE || manifest.get().config().imageSize() == inputSize;
		final Path sized = own ? folder : ModelBundle.inputSizeFolder(folder, inputSize);
		if (!Files.isRegularFile(sized.resolve(BundleManifest.FILE_NAME))) return Optional.empty();
		return Optional.of(new Sized(entry.get(), own ? "" : sized.getFileName().toString(), own ? manifest.get()
			: BundleManifest.read(sized)));
	}

	/** The manifest of a model folder that can be an install (one with a parent folder), if it has one. */
	private static Optional<BundleManifest> installed(final Path folder) throws BundleException {
		if (!Files.isRegularFile(folder.resolve(BundleManifest.FILE_NAME)) || folder.getParent() == null) {
			return Optional.empty();
		}
		return Optional.of(BundleManifest.read(folder));
	}

	/** The catalog entry a model folder is an install of, if it is one. */
	private static Optional<CatalogEntry> catalogModel(final Path folder, final BundleManifest manifest,
		final ModelCatalog catalog)
	{
		return catalog.find(manifest.modelName()).filter(e -> e.name().equals(folder.getFileName().toString()));
	}

	/** Adds the catalog's graphs of that size where the folder is that catalog's model and lacks them. */
	static void addMissing(final Path folder, final int inputSize, final ModelCatalog catalog)
		throws BundleException
	{
		if (inputSize == ModelBundle.OWN_INPUT_SIZE || Files.isRegularFile(ModelBundle.inputSizeFolder(folder,
			inputSize).resolve(BundleManifest.FILE_NAME))) return;
		final Optional<BundleManifest> manifest = installed(folder);
		if (manifest.isEmpty() || manifest.get().config().imageSize() == inputSize) return;
		final Optional<CatalogEntry> entry = catalogModel(folder, manifest.get(), catalog);
		if (entry.isEmpty()) return;
		try {
			new ModelInstaller(catalog, folder.getParent(), null).addInputSize(entry.get(), inputSize);
		}
		catch (final InstallException e) {
			throw new BundleException(e.getMessage(), e);
		}
	}
}
