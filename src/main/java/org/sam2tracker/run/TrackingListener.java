package org.sam2tracker.run;

/** What a tracking run reports while it works. Called on the thread that runs it. */
public interface TrackingListener {

	/** Work is about to start: {@code frames} frames in all (over every plane), {@code objects} objects. */
	default void started(final int frames, final int objects) {}

	/** One more frame is done. */
	default void frameDone(final int done, final int total) {}

	/** A line for the log. */
	default void log(final String message) {}

	TrackingListener NONE = new TrackingListener() {};
}
