package org.sam2tracker.output;

import java.io.IOException;
import java.nio.file.Path;

import org.sam2tracker.run.BadInputException;

/**
 * One kind of result file of a run, named after the input with its own ending: {@code cells-labels.tif},
 * {@code cells-ctc}. Each format is a small class; {@link OutputSet#FORMATS} lists them all, and the command line
 * and Fiji write that whole list, so both give the same files under the same names.
 */
public interface OutputFormat {

	/** What follows the input's base name: "-labels.tif", or "-ctc" for a folder. */
	String suffix();

	/** What the file holds, in a few words, for help texts. */
	String description();

	/**
	 * Refuses, before any tracking, results this format cannot hold (labels beyond its range), naming the limit.
	 */
	default void check(final ExpectedOutput expected) throws BadInputException {}

	/** About how many bytes the format will write, for the free-space check before tracking. */
	default long expectedBytes(final ExpectedOutput expected) {
		return 0;
	}

	/** Writes the format for a finished run; the target appears only when complete. */
	void write(RunRecord run, Path target) throws IOException;
}
