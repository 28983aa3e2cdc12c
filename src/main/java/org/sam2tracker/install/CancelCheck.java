package org.sam2tracker.install;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The caller's cancel flag, or an interrupted thread, turned into the one exception every step stops with. The
 * message is made when needed, so that it can say how much was kept.
 */
final class CancelCheck {

	private static final long SLICE_MILLIS = 50;

	private final BooleanSupplier cancelled;
	private final Supplier<String> message;

	CancelCheck(final BooleanSupplier cancelled, final Supplier<String> message) {
		this.cancelled = cancelled;
		this.message = message;
	}

	void check() {
		if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
			throw new CancellationException(message.get());
		}
	}

	/** Waits, looking at the flag every few milliseconds so that a cancel is not kept waiting. */
	void sleep(final long millis) {
		final long end = System.nanoTime() + millis * 1_000_000L;
		while (true) {
			check();
			final long left = (end - System.nanoTime()) / 1_000_000L;
			if (left <= 0) return;
			try {
				Thread.sleep(Math.min(left, SLICE_MILLIS));
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new CancellationException(message.get());
			}
		}
	}
}
