package org.sam2tracker.install;

import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The file the download tests serve, its hash worked out independently, quick settings, and a listener that
 * records.
 */
final class DownloadFixture {

	/** A few hundred KB of random bytes, the same on every run. */
	static final byte[] DATA = random(300_000, 42);
	static final String DATA_SHA = sha256(DATA);

	/** Short pauses and timeouts, so that retries and stalls take milliseconds. */
	static final DownloadSettings QUICK = DownloadSettings.defaults().withAttempts(3).withRetryPause(Duration.ofMillis(
		10)).withConnectTimeout(Duration.ofSeconds(2)).withReadTimeout(Duration.ofSeconds(2));

	private DownloadFixture() {}

	static DownloadRequest request(final URI source, final Path target) {
		return new DownloadRequest(source, target, DATA.length, DATA_SHA);
	}

	static Path part(final Path target) {
		return target.resolveSibling(target.getFileName() + ".part");
	}

	static byte[] random(final int length, final long seed) {
		final byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	static byte[] head(final int length) {
		return Arrays.copyOf(DATA, length);
	}

	static String sha256(final byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (final Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/** Keeps every progress report and message. */
	static class Recorder implements DownloadListener {

		final List<long[]> progress = new CopyOnWriteArrayList<>();
		final List<String> messages = new CopyOnWriteArrayList<>();

		@Override
		public void progress(final long bytesDone, final long bytesTotal) {
			progress.add(new long[] { bytesDone, bytesTotal });
		}

		@Override
		public void message(final String line) {
			messages.add(line);
		}

		long[] last() {
			return progress.get(progress.size() - 1);
		}

		boolean said(final String start) {
			return messages.stream().anyMatch(m -> m.startsWith(start));
		}
	}
}
