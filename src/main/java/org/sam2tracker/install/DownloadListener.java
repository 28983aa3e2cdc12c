package org.sam2tracker.install;

/**
 * Hears how a download goes, so that a dialog or a console can show it. Called on the downloading thread; progress
 * comes at most about ten times a second, plus once at the end.
 */
public interface DownloadListener {

	/** A listener that shows nothing. */
	DownloadListener NONE = (done, total) -> {};

	/** {@code bytesTotal} is -1 while the size is unknown. */
	void progress(long bytesDone, long bytesTotal);

	/** A line worth showing: a resumed download, a wait for another installer, a retry. */
	default void message(final String line) {}
}
