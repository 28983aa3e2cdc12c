package org.sam2tracker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Where the committed fixtures are, and copies of them that a test may damage. */
public final class TestData {

	public static final Path ROOT = Path.of("test-data");
	public static final Path REFERENCE_BUNDLE = ROOT.resolve("bundles/sam2.1-fixture");
	/** The reference bundle's model as graphs without weights plus its model.safetensors. */
	public static final Path CHECKPOINT_BUNDLE = ROOT.resolve("bundles/sam2.1-fixture-checkpoint");
	public static final Path TOY_BUNDLE = ROOT.resolve("bundles/toy-blob-tracker");

	private TestData() {}

	/** A copy of a bundle folder inside {@code dir}. */
	public static Path copyBundle(final Path bundle, final Path dir) {
		final Path target = dir.resolve(bundle.getFileName());
		try (Stream<Path> files = Files.walk(bundle)) {
			for (final Path file : (Iterable<Path>) files::iterator) {
				final Path to = target.resolve(bundle.relativize(file).toString());
				if (Files.isDirectory(file)) Files.createDirectories(to);
				else Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return target;
	}
}
