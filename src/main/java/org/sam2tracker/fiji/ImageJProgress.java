package org.sam2tracker.fiji;

import ij.IJ;

import java.util.Locale;

import org.sam2tracker.run.Clock;
import org.sam2tracker.run.TrackingListener;

/**
 * Progress in ImageJ's status bar and progress bar: frames done, objects, time spent and time left. The log
 * gets a line every tenth of the way, which is what a headless run shows.
 */
final class ImageJProgress implements TrackingListener {

	private final boolean headless;
	private long start;
	private int objects;
	private int lastTenth = -1;

	ImageJProgress(final boolean headless) {
		this.headless = headless;
	}

	@Override
	public void started(final int frames, final int objectCount) {
		this.start = System.nanoTime();
		this.objects = objectCount;
		IJ.showStatus("SAM 2 Tracker: starting, " + frames + " frames, " + objectCount + " objects");
	}

	@Override
	public void frameDone(final int done, final int total) {
		final String line = line(done, total, (System.nanoTime() - start) / 1e9, objects);
		IJ.showProgress(done, total);
		IJ.showStatus(line + (headless ? "" : " (Esc stops)"));
		final int tenth = 10 * done / Math.max(1, total);
		if (headless && tenth != lastTenth) {
			lastTenth = tenth;
			IJ.log(line);
		}
	}

	@Override
	public void log(final String message) {
		IJ.log("SAM 2 Tracker: " + message);
	}

	static String line(final int done, final int total, final double elapsed, final int objects) {
		final double left = done == 0 ? Double.NaN : elapsed / done * (total - done);
		return String.format(Locale.ROOT, "SAM 2 Tracker: frame %d of %d, %d object%s, %s elapsed, %s left", done,
			total, objects, objects == 1 ? "" : "s", Clock.format(elapsed), Double.isNaN(left) ? "?" : "about " + Clock.format(left));
	}
}
