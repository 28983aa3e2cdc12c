package org.sam2tracker.output;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/** Which of a run's outputs are already there, so that a run can refuse to overwrite them unless asked to. */
public final class FileCollisions {

	private FileCollisions() {}

	/**
	 * The outputs that exist (files, folders, or links, even broken ones, since writing would replace them), in
	 * the order given, each once.
	 */
	public static List<Path> existing(final Collection<Path> outputs) {
		return outputs.stream().filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).distinct().toList();
	}
}
