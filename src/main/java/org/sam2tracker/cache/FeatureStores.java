package org.sam2tracker.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.run.RunSettings;
import org.sam2tracker.track.FeatureStore;

/** The feature store the run options ask for: none, or a folder, checked before any work. */
public final class FeatureStores {

	private FeatureStores() {}

	/** @param warnings where problems met later (a full disk) are told, once each */
	public static FeatureStore of(final RunSettings settings, final Consumer<String> warnings)
		throws BadInputException
	{
		final String folder = settings.get(RunParameters.FEATURE_CACHE);
		if (folder.isBlank()) return FeatureStore.NONE;
		final Path dir = Path.of(folder);
		try {
			Files.createDirectories(dir);
		}
		catch (final IOException e) {
			throw new BadInputException("The feature cache folder " + dir + " cannot be made: " + e.getMessage() +
				". Choose another folder, or leave feature_cache empty.");
		}
		if (!Files.isWritable(dir)) {
			throw new BadInputException("The feature cache folder " + dir + " cannot be written to. Choose another " +
				"folder, or leave feature_cache empty.");
		}
		final long limit = (long) (settings.get(RunParameters.CACHE_LIMIT) * (1L << 30));
		return new DiskFeatureStore(dir, limit, settings.get(RunParameters.CACHE_PRECISION), warnings);
	}
}
