package org.sam2tracker.fiji;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.sam2tracker.run.OutOfMemory;

/**
 * The interactive panel's one thread for the model, the engine and the files, off the event thread, so steps run in
 * the order the user asked for them. A step that runs out of Java's memory is told to the user (how much Java may use
 * and how to raise it) rather than ending the thread with a stack trace in the console: the steps after it still run,
 * and a smaller one (fewer objects, a shorter stretch) may well succeed.
 */
final class PanelWorker {

	private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
		final Thread t = new Thread(r, "SAM 2 interactive");
		t.setDaemon(true);
		return t;
	});
	private final Consumer<String> tell;

	/** @param tell shows a message to the user; called on the worker thread */
	PanelWorker(final Consumer<String> tell) {
		this.tell = tell;
	}

	/** Queues a step after those already asked for. */
	void execute(final Runnable step) {
		thread.execute(() -> {
			try {
				step.run();
			}
			catch (final OutOfMemoryError e) {
				tell.accept(OutOfMemory.message(Sam2TrackerPlugin.MORE_MEMORY));
			}
		});
	}

	/** Whether nothing is queued or running: what the user sees is up to date. */
	boolean idle() {
		final Future<?> probe = thread.submit(() -> {});
		try {
			probe.get();
			return true;
		}
		catch (final InterruptedException | java.util.concurrent.ExecutionException e) {
			return false;
		}
	}

	/** Runs what is queued, then lets the thread end. */
	void shutdown() {
		thread.shutdown();
	}
}
