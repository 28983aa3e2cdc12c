package org.sam2tracker.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.sam2tracker.install.DownloadListener;

/** Download progress on the error stream: in place on a terminal, a line every tenth of the way in a log. */
final class DownloadProgress implements DownloadListener {

	private final PrintStream err;
	private final boolean terminal;
	private final long start = System.nanoTime();
	private int lastTenth = -1;

	DownloadProgress(final PrintStream err, final boolean terminal) {
		this.err = err;
		this.terminal = terminal;
	}

	@Override
	public void progress(final long done, final long total) {
		final double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
		final String rate = String.format(Locale.ROOT, "%.1f MB/s", done / 1e6 / seconds);
		if (total <= 0) {
			if (terminal) err.printf(Locale.ROOT, "\r  %.0f MB  %s   ", done / 1e6, rate);
			return;
		}
		final int tenth = (int) (10 * done / total);
		final String line = String.format(Locale.ROOT, "  %3d%%  %.0f of %.0f MB  %s", 100 * done / total, done / 1e6,
			total / 1e6, rate);
		if (terminal) err.print("\r" + line + "   " + (done >= total ? "\n" : ""));
		else if (tenth != lastTenth) err.println(line);
		lastTenth = tenth;
	}

	@Override
	public void message(final String line) {
		if (terminal) err.println();
		err.println(line);
	}
}
