package org.sam2tracker.install;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.BundleManifest;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.Sam2Model;

/**
 * Opens a model at the input size a run asks for. A catalog model installed before the plugin shipped graphs
 * of that size gets them from the plugin first (no download: the weights are the model's own), so that choosing
 * 512 pixels never asks for a new install.
 */
public final class SizedModels {

	private SizedModels() {}

	public static Sam2Model open(final Path folder, final int inputSize, final Device device, final int cpuThreads)
		throws BundleException
	{
		prepare(folder, inputSize);
		return Sam2Model.open(folder, inputSize, device, cpuThreads);
	}

	/** Makes sure a catalog model has the plugin's graphs for the input size, before a run opens it. */
	public static void prepare(final Path folder, final int inputSize) throws BundleException {
		addMissing(folder, inputSize, ModelCatalog.builtIn());
	}

	/** Adds the catalog's graphs of that size where the folder is that catalog's model and lacks them. */
	static void addMissing(final Path folder, final int inputSize, final ModelCatalog catalog)
		throws BundleException
	{
		if (inputSize == ModelBundle.OWN_INPUT_SIZE || Files.isRegularFile(ModelBundle.inputSizeFolder(folder,
			inputSize).resolve(BundleManifest.FILE_NAME)) || !Files.isRegularFile(folder.resolve(
				BundleManifest.FILE_NAME))) return;
		final BundleManifest manifest = BundleManifest.read(folder);
		if (manifest.config().imageSize() == inputSize) return;
		final Optional<CatalogEntry> entry = catalog.find(manifest.modelName()).filter(e -> e.name().equals(
			folder.getFileName().toString()));
		if (entry.isEmpty() || folder.getParent() == null) return;
		try {
			new ModelInstaller(catalog, folder.getParent(), null).addInputSize(entry.get(), inputSize);
		}
		catch (final InstallException e) {
			throw new BundleException(e.getMessage(), e);
		}
	}
}
