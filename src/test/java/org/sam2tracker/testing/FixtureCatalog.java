package org.sam2tracker.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A model catalog with one model, "fixture": the graphs without weights of test-data's checkpoint bundle, its
 * weights at a URL of the test's choosing (a loopback server), with no size or hash recorded.
 */
public final class FixtureCatalog {

	public static final String NAME = "sam2.1-fixture-checkpoint";

	private FixtureCatalog() {}

	/** Writes the catalog folder under {@code dir} and returns it. */
	public static Path write(final Path dir, final String url) throws IOException {
		final Path folder = Files.createDirectories(dir.resolve("catalog"));
		final Path graphs = Files.createDirectories(folder.resolve(NAME));
		try (Stream<Path> files = Files.list(TestData.CHECKPOINT_BUNDLE)) {
			for (final Path f : (Iterable<Path>) files::iterator) {
				if (!f.getFileName().toString().equals("model.safetensors")) Files.copy(f, graphs.resolve(f.getFileName()));
			}
		}
		Files.writeString(folder.resolve("catalog.json"), "{\"format\": \"sam2-tracker-catalog\", \"format_version\": 1, " +
			"\"models\": [{\"name\": \"" + NAME + "\", \"short\": \"fixture\", \"title\": \"SAM 2.1 fixture\", " +
			"\"description\": \"test\", \"weights\": {\"url\": \"" + url + "\", \"bytes\": null, \"sha256\": null, " +
			"\"approx_bytes\": " + Files.size(TestData.CHECKPOINT_BUNDLE.resolve("model.safetensors")) + "}}]}");
		return folder;
	}
}
