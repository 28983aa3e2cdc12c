package org.sam2tracker.install;

import java.time.Duration;
import java.util.Objects;

/**
 * How patient a download is. The defaults suit a large file over an ordinary or a flaky connection; tests shorten
 * the pauses.
 */
public record DownloadSettings(Duration connectTimeout, Duration readTimeout, int attempts, Duration retryPause) {

	public DownloadSettings {
		positive(connectTimeout, "connect timeout");
		positive(readTimeout, "read timeout");
		if (attempts < 1) throw new IllegalArgumentException("At least one attempt is needed, not " + attempts + ".");
		Objects.requireNonNull(retryPause, "retry pause");
		if (retryPause.isNegative()) throw new IllegalArgumentException("A negative retry pause: " + retryPause);
	}

	/** Connect within 30 s, no read stalls longer than 60 s, 5 attempts in a row, pauses from 2 s. */
	public static DownloadSettings defaults() {
		return new DownloadSettings(Duration.ofSeconds(30), Duration.ofSeconds(60), 5, Duration.ofSeconds(2));
	}

	/** How long to wait for a server to accept the connection. */
	@Override
	public Duration connectTimeout() {
		return connectTimeout;
	}

	/** How long a connection may stay silent, before the headers or between two pieces of the body. */
	@Override
	public Duration readTimeout() {
		return readTimeout;
	}

	/**
	 * How many attempts in a row may fail before giving up. An attempt that brought new bytes starts the count again,
	 * so a long download over a connection that breaks now and then still finishes.
	 */
	@Override
	public int attempts() {
		return attempts;
	}

	/** The pause after the first failure; it grows by this much with each failure in a row. */
	@Override
	public Duration retryPause() {
		return retryPause;
	}

	private static void positive(final Duration d, final String what) {
		Objects.requireNonNull(d, what);
		if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("The " + what + " must be positive and under 24 days, not " + d + ".");
		}
	}
}
