package org.sam2tracker.install;

import java.time.Duration;
import java.util.Objects;

/**
 * How patient a download is. The defaults suit a large file over an ordinary or a flaky connection; tests shorten
 * the pauses. Immutable: each wither returns a changed copy.
 */
public final class DownloadSettings {

	private final Duration connectTimeout;
	private final Duration readTimeout;
	private final int attempts;
	private final Duration retryPause;

	private DownloadSettings(final Duration connectTimeout, final Duration readTimeout, final int attempts,
		final Duration retryPause)
	{
		this.connectTimeout = positive(connectTimeout, "connect timeout");
		this.readTimeout = positive(readTimeout, "read timeout");
		if (attempts < 1) throw new IllegalArgumentException("At least one attempt is needed, not " + attempts + ".");
		this.attempts = attempts;
		Objects.requireNonNull(retryPause, "retry pause");
		if (retryPause.isNegative()) throw new IllegalArgumentException("A negative retry pause: " + retryPause);
		this.retryPause = retryPause;
	}

	/** Connect within 30 s, no read stalls longer than 60 s, 5 attempts in a row, pauses from 2 s. */
	public static DownloadSettings defaults() {
		return new DownloadSettings(Duration.ofSeconds(30), Duration.ofSeconds(60), 5, Duration.ofSeconds(2));
	}

	public DownloadSettings withConnectTimeout(final Duration value) {
		return new DownloadSettings(value, readTimeout, attempts, retryPause);
	}

	public DownloadSettings withReadTimeout(final Duration value) {
		return new DownloadSettings(connectTimeout, value, attempts, retryPause);
	}

	public DownloadSettings withAttempts(final int value) {
		return new DownloadSettings(connectTimeout, readTimeout, value, retryPause);
	}

	public DownloadSettings withRetryPause(final Duration value) {
		return new DownloadSettings(connectTimeout, readTimeout, attempts, value);
	}

	/** How long to wait for a server to accept the connection. */
	public Duration connectTimeout() {
		return connectTimeout;
	}

	/** How long a connection may stay silent, before the headers or between two pieces of the body. */
	public Duration readTimeout() {
		return readTimeout;
	}

	/**
	 * How many attempts in a row may fail before giving up. An attempt that brought new bytes starts the count again,
	 * so a long download over a connection that breaks now and then still finishes.
	 */
	public int attempts() {
		return attempts;
	}

	/** The pause after the first failure; it grows by this much with each failure in a row. */
	public Duration retryPause() {
		return retryPause;
	}

	private static Duration positive(final Duration d, final String what) {
		Objects.requireNonNull(d, what);
		if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("The " + what + " must be positive and under 24 days, not " + d + ".");
		}
		return d;
	}
}
