package org.sam2tracker.io;

import java.nio.file.Files;
import java.nio.file.Path;

import org.sam2tracker.run.PromptException;

/**
 * Where an input's prompts are: the prompt file given, or {@code <name>_prompts.csv} (or .json, .zip, .roi) in
 * the folder given, or beside the input when none is given. One rule for every batch, whoever runs it.
 */
public final class PromptDiscovery {

	private static final String SUFFIX = "_prompts";

	private PromptDiscovery() {}

	/**
	 * @param given a prompt file, a folder of prompt files, or null to look beside the input
	 * @param name the input's base name
	 */
	public static Path find(final Path given, final Path input, final String name) throws PromptException {
		if (given != null && !Files.isDirectory(given)) return given;
		final Path dir = given != null ? given : input.toAbsolutePath().getParent();
		for (final String ending : PromptFiles.ENDINGS) {
			final Path candidate = dir.resolve(name + SUFFIX + ending);
			if (Files.isRegularFile(candidate)) return candidate;
		}
		throw new PromptException("no prompts: give --prompts, or put " + name + SUFFIX + ".csv (or .json or .zip) in " +
			dir + ".");
	}

	/** Whether a file is the prompt file of some input (it sits beside the images of a batch, but is none). */
	public static boolean isPromptFile(final Path p) {
		final String n = p.getFileName().toString();
		return PromptFiles.ENDINGS.stream().anyMatch(e -> n.endsWith(SUFFIX + e));
	}
}
