package org.sam2tracker.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the user asked to stop. On Ctrl-C or a termination signal the JVM runs a shutdown hook: it raises the
 * flag and waits for the running work to stop between frames and clean up, so no partial file survives.
 */
public class Cancellation {

	private static final long GRACE_MILLIS = 60_000;

	private final AtomicBoolean cancelled = new AtomicBoolean();
	private volatile boolean shuttingDown;
	private volatile boolean working = true;

	/** Raises the flag on Ctrl-C or a termination signal, and lets {@code worker} finish before the JVM ends. */
	public static Cancellation onSignals(final Thread worker) {
		final Cancellation c = new Cancellation();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			c.shuttingDown = true;
			if (!c.working) return; // an ordinary exit: nothing to stop or wait for
			c.cancelled.set(true);
			try {
				worker.join(GRACE_MILLIS);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}, "sam2-tracker-cancel"));
		return c;
	}

	public boolean isCancelled() {
		return cancelled.get();
	}

	public void cancel() {
		cancelled.set(true);
	}

	/** The work is over: an exit from here on needs no waiting. */
	public void finished() {
		working = false;
	}

	/** True once the JVM is ending: calling System.exit then would wait for ever. */
	public boolean shuttingDown() {
		return shuttingDown;
	}
}
