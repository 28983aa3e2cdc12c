package org.sam2tracker.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.sam2tracker.run.Clock;
import org.sam2tracker.run.TrackingListener;

/**
 * Progress on the error stream: a bar redrawn in place on a terminal, plain lines every tenth of the way in a
 * log file or pipe, nothing but errors with --quiet.
 */
final class ConsoleProgress implements TrackingListener {

	private static final int BAR = 30;

	private final PrintStream err;
	private final boolean terminal;
	private final boolean quiet;
	private final String name;
	private long start;
	private int objects;
	private int lastTenth = -1;

	ConsoleProgress(final PrintStream err, final boolean terminal, final boolean quiet, final String name) {
		this.err = err;
		this.terminal = terminal;
		this.quiet = quiet;
		this.name = name;
	}

	@Override
	public void started(final int frames, final int objectCount) {
		start = System.nanoTime();
		objects = objectCount;
	}

	@Override
	public void frameDone(final int done, final int total) {
		if (quiet) return;
		final double elapsed = (System.nanoTime() - start) / 1e9;
		final String left = done == 0 ? "?" : Clock.format(elapsed / done * (total - done));
		if (terminal) {
			final int filled = BAR * done / Math.max(1, total);
			err.printf(Locale.ROOT, "\r%s [%s%s] %d/%d frames, %s, %s elapsed, %s left ", name, "#".repeat(filled),
				".".repeat(BAR - filled), done, total, objects(), Clock.format(elapsed), left);
			if (done == total) err.println();
			err.flush();
			return;
		}
		final int tenth = 10 * done / Math.max(1, total);
		if (tenth != lastTenth || done == total) {
			lastTenth = tenth;
			err.printf(Locale.ROOT, "%s: frame %d of %d, %s, %s elapsed, %s left%n", name, done, total, objects(),
				Clock.format(elapsed), left);
		}
	}

	private String objects() {
		return objects + (objects == 1 ? " object" : " objects");
	}

	@Override
	public void log(final String message) {
		if (!quiet) err.println(name + ": " + message);
	}
}
