package org.sam2tracker.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many bytes can still be written in a folder. An interface so that a test can stand in a nearly full disk. */
@FunctionalInterface
interface FolderSpace {

	FolderSpace SYSTEM = folder -> Files.getFileStore(folder).getUsableSpace();

	long usableBytes(Path folder) throws IOException;
}
