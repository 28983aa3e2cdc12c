package org.sam2tracker.install;

/**
 * Passes progress on at most ten times a second, so that a fast download does not flood a dialog, and always the
 * last.
 */
final class ProgressThrottle {

	private static final long INTERVAL_NANOS = 100_000_000L;

	private final DownloadListener listener;
	private long total;
	private long lastReport;
	private boolean reported;

	ProgressThrottle(final DownloadListener listener, final long total) {
		this.listener = listener;
		this.total = total;
	}

	/** The size once the server has said it; -1 while unknown. */
	void total(final long bytes) {
		total = bytes;
	}

	void update(final long done) {
		final long now = System.nanoTime();
		if (reported && now - lastReport < INTERVAL_NANOS) return;
		report(done, now);
	}

	void finish(final long done) {
		report(done, System.nanoTime());
	}

	private void report(final long done, final long now) {
		reported = true;
		lastReport = now;
		listener.progress(done, total);
	}
}
