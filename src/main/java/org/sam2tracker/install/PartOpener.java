package org.sam2tracker.install;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens a .part file for writing. An interface so that a test can stand in a disk that fills up mid-file. */
@FunctionalInterface
interface PartOpener {

	PartOpener SYSTEM = (part, append) -> Files.newOutputStream(part, StandardOpenOption.CREATE,
		StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);

	/** Appends to the file, or empties it first; creates it if missing. */
	OutputStream open(Path part, boolean append) throws IOException;
}
