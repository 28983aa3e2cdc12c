package org.sam2tracker.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sam2tracker.model.ModelRegistry;

/**
 * Installs go into a fresh folder of each test's own (the {@code sam2tracker.models} property), never into the
 * user's: {@code @RegisterExtension final TemporaryModelFolder models = new TemporaryModelFolder();}.
 */
public final class TemporaryModelFolder implements BeforeEachCallback, AfterEachCallback {

	private String previous;
	private Path folder;

	/** The model folder of the running test. */
	public Path folder() {
		return folder;
	}

	@Override
	public void beforeEach(final ExtensionContext context) throws Exception {
		previous = System.getProperty(ModelRegistry.PROPERTY);
		folder = Files.createTempDirectory("sam2-models-").resolve("models");
		System.setProperty(ModelRegistry.PROPERTY, folder.toString());
	}

	@Override
	public void afterEach(final ExtensionContext context) {
		if (previous == null) System.clearProperty(ModelRegistry.PROPERTY);
		else System.setProperty(ModelRegistry.PROPERTY, previous);
	}
}
