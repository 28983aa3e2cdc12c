package org.sam2tracker.install;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to fetch: where from, where to, and what it must be. The size and SHA-256 come from the model catalog, so
 * that a file other than the published one is never installed. {@code expectedBytes < 0} and
 * {@code expectedSha256 == null} mean unknown; then only what the server declares is checked.
 */
public record DownloadRequest(URI source, Path target, long expectedBytes, String expectedSha256, long windowStart) {

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	/** The whole file at the source. */
	public DownloadRequest(final URI source, final Path target, final long expectedBytes, final String expectedSha256) {
		this(source, target, expectedBytes, expectedSha256, -1);
	}

	/**
	 * Bytes {@code start} to {@code start + bytes - 1} of the file at the source (a member of an archive read in
	 * place), asked for as ranges; a server that cannot send ranges is refused rather than read whole.
	 */
	public static DownloadRequest window(final URI source, final Path target, final long start, final long bytes) {
		if (start < 0 || bytes < 1) throw new IllegalArgumentException("A window needs a start and a length.");
		return new DownloadRequest(source, target, bytes, null, start);
	}

	public DownloadRequest {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(target, "target");
		if (windowStart < 0) windowStart = -1;
		if (windowStart >= 0 && expectedBytes < 1) throw new IllegalArgumentException("A window needs its length.");
		// An absolute target always has a folder, and the .part and .lock files sit beside it.
		target = target.toAbsolutePath().normalize();
		if (target.getFileName() == null) throw new IllegalArgumentException("The target " + target + " is no file.");
		if (expectedBytes < 0) expectedBytes = -1;
		if (expectedSha256 != null) {
			expectedSha256 = expectedSha256.trim().toLowerCase(Locale.ROOT);
			if (!SHA256.matcher(expectedSha256).matches()) {
				throw new IllegalArgumentException("Not a SHA-256 in hexadecimal: " + expectedSha256);
			}
		}
	}

	/** Whether this asks for a part of the file, not the whole. */
	public boolean windowed() {
		return windowStart >= 0;
	}

	public boolean sizeKnown() {
		return expectedBytes >= 0;
	}

	public boolean hashKnown() {
		return expectedSha256 != null;
	}

	/** The folder the file goes into. */
	public Path folder() {
		return target.getParent();
	}

	/** Where the file grows until it is complete and verified. */
	public Path part() {
		return target.resolveSibling(target.getFileName() + ".part");
	}

	/** The file two installers of the same target lock, so that only one writes the .part at a time. */
	public Path lock() {
		return target.resolveSibling(target.getFileName() + ".lock");
	}

	/** The file's name, for messages. */
	String name() {
		return target.getFileName().toString();
	}
}
