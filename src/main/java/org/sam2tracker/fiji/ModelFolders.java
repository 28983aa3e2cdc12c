package org.sam2tracker.fiji;

import ij.IJ;

import java.nio.file.Path;

import org.sam2tracker.model.ModelRegistry;

/** The model folders Fiji looks in: the standard ones plus {@code models/sam2} inside the ImageJ folder. */
final class ModelFolders {

	private ModelFolders() {}

	static ModelRegistry registry() {
		final String imagej = IJ.getDirectory("imagej");
		return imagej == null ? ModelRegistry.standard() : ModelRegistry.standard(Path.of(imagej, "models", "sam2"));
	}
}
