package org.sam2tracker.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where a catalog's weightless graph files come from: the plugin's jar, or a folder. */
interface GraphSource {

	/** A file of a model's graph folder, e.g. ("sam2.1-hiera-tiny", "manifest.json"). */
	InputStream open(String model, String file) throws IOException;

	/** This source, falling back to the folder {@code shared} for files a model's own folder does not have. */
	default GraphSource withShared(final String shared) {
		return (model, file) -> {
			try {
				return open(model, file);
			}
			catch (final NoSuchFileException e) {
				try {
					return open(shared, file);
				}
				catch (final NoSuchFileException inShared) {
					throw e; // name the model's own file, not the fallback
				}
			}
		};
	}

	static GraphSource resources(final String root) {
		return (model, file) -> {
			final InputStream in = GraphSource.class.getResourceAsStream(root + model + "/" + file);
			if (in == null) throw new NoSuchFileException(root + model + "/" + file + " (in the plugin's jar: " +
				"download the plugin again)");
			return in;
		};
	}

	static GraphSource folder(final Path root) {
		return (model, file) -> Files.newInputStream(root.resolve(model).resolve(file));
	}
}
