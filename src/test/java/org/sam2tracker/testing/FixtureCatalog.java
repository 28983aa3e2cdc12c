package org.sam2tracker.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A model catalog with one model, "fixture": the graphs without weights of test-data's checkpoint bundle, its
 * weights at a URL of the test's choosing (a loopback server), with no size or hash recorded, and its graphs
 * for one other input size.
 */
public final class FixtureCatalog {

	public static final String NAME = "sam2.1-fixture-checkpoint";
	/** The other input size the fixture has graphs for (half its own). */
	public static final int INPUT_SIZE = 128;

	private FixtureCatalog() {}

	/** Writes the catalog folder under {@code dir} and returns it. */
	public static Path write(final Path dir, final String url) throws IOException {
		final Path folder = Files.createDirectories(dir.resolve("catalog"));
		final Path graphs = Files.createDirectories(folder.resolve(NAME));
		try (Stream<Path> files = Files.walk(TestData.CHECKPOINT_BUNDLE)) {
			for (final Path f : (Iterable<Path>) files::iterator) {
				final Path to = graphs.resolve(TestData.CHECKPOINT_BUNDLE.relativize(f).toString());
				if (Files.isDirectory(f)) Files.createDirectories(to);
				else if (!f.getFileName().toString().equals("model.safetensors")) Files.copy(f, to);
			}
		}
		Files.writeString(folder.resolve("catalog.json"), "{\"format\": \"sam2-tracker-catalog\", \"format_version\": 1, " +
			"\"input_sizes\": [" + INPUT_SIZE + "], " +
			"\"models\": [{\"name\": \"" + NAME + "\", \"short\": \"fixture\", \"title\": \"SAM 2.1 fixture\", " +
			"\"description\": \"test\", \"weights\": {\"url\": \"" + url + "\", \"bytes\": null, \"sha256\": null, " +
			"\"approx_bytes\": " + Files.size(TestData.CHECKPOINT_BUNDLE.resolve("model.safetensors")) + "}}]}");
		return folder;
	}
}
