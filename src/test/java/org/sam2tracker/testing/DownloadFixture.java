package org.sam2tracker.testing;

import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.sam2tracker.install.DownloadListener;
import org.sam2tracker.install.DownloadRequest;
import org.sam2tracker.install.DownloadSettings;

/**
 * The file the download tests serve, its hash worked out independently, quick settings, and a listener that
 * records.
 */
public final class DownloadFixture {

	/** A few hundred KB of random bytes, the same on every run. */
	public static final byte[] DATA = random(300_000, 42);
	public static final String DATA_SHA = sha256(DATA);

	/** Short pauses and timeouts, so that retries and stalls take milliseconds. */
	public static final DownloadSettings QUICK = new DownloadSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 3,
		Duration.ofMillis(10));

	private DownloadFixture() {}

	public static DownloadRequest request(final URI source, final Path target) {
		return new DownloadRequest(source, target, DATA.length, DATA_SHA);
	}

	public static Path part(final Path target) {
		return target.resolveSibling(target.getFileName() + ".part");
	}

	public static byte[] random(final int length, final long seed) {
		final byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	public static byte[] head(final int length) {
		return Arrays.copyOf(DATA, length);
	}

	public static String sha256(final byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (final Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/** Keeps every progress report and message. */
	public static class Recorder implements DownloadListener {

		public final List<long[]> progress = new CopyOnWriteArrayList<>();
		public final List<String> messages = new CopyOnWriteArrayList<>();

		@Override
		public void progress(final long bytesDone, final long bytesTotal) {
			progress.add(new long[] { bytesDone, bytesTotal });
		}

		@Override
		public void message(final String line) {
			messages.add(line);
		}

		public long[] last() {
			return progress.get(progress.size() - 1);
		}

		public boolean said(final String start) {
			return messages.stream().anyMatch(m -> m.startsWith(start));
		}
	}
}
