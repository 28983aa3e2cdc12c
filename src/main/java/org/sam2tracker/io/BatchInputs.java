package org.sam2tracker.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The inputs of a batch: the paths a user gave, each folder of inputs replaced by the inputs inside it (images,
 * and folders of images as sequences), in name order. Prompt files beside the images, hidden files, and the
 * results of earlier runs (when the output folder is the input folder) are not inputs. A folder given as one
 * sequence stays one input.
 */
public final class BatchInputs {

	private BatchInputs() {}

	/**
	 * @param sequences whether a folder given is one image sequence rather than a batch
	 * @param isResult tells the tracker's own result files, which a folder of inputs may hold
	 */
	public static List<Path> expand(final List<Path> given, final boolean sequences, final Predicate<Path> isResult)
		throws InputException
	{
		final List<Path> all = new ArrayList<>();
		for (final Path p : given) {
			if (!Files.exists(p)) throw new InputException("The input " + p + " does not exist.");
			if (Files.isDirectory(p) && !sequences) {
				try (Stream<Path> children = Files.list(p)) {
					children.filter(c -> !PromptDiscovery.isPromptFile(c) && !isResult.test(c) && InputImages.isInput(c))
						.sorted().forEach(all::add);
				}
				catch (final IOException e) {
					throw new InputException("Cannot list the folder " + p + ": " + e.getMessage(), e);
				}
			}
			else all.add(p);
		}
		if (all.isEmpty()) throw new InputException("No inputs found in " + given + ".");
		return all;
	}
}
