package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class PanelWorkerTest {

	@Test
	void aStepOutOfMemoryIsToldAndTheStepsAfterItStillRun() {
		final List<String> told = new CopyOnWriteArrayList<>();
		final List<String> ran = new CopyOnWriteArrayList<>();
		final PanelWorker worker = new PanelWorker(told::add);
		worker.execute(() -> ran.add("first"));
		worker.execute(() -> {
			throw new OutOfMemoryError("Java heap space");
		});
		worker.execute(() -> ran.add("after"));
		assertTrue(worker.idle());
		worker.shutdown();

		assertEquals(List.of("first", "after"), ran);
		assertEquals(1, told.size());
		assertTrue(told.get(0).startsWith("Java ran out of memory"), told.get(0));
		assertTrue(told.get(0).contains("Memory & Threads"), told.get(0));
	}

	@Test
	void stepsRunInTheOrderTheyWereAskedForOnOneThread() {
		final List<String> threads = new CopyOnWriteArrayList<>();
		final List<Integer> order = new CopyOnWriteArrayList<>();
		final PanelWorker worker = new PanelWorker(m -> {});
		for (int i = 0; i < 20; i++) {
			final int step = i;
			worker.execute(() -> {
				order.add(step);
				threads.add(Thread.currentThread().getName());
			});
		}
		assertTrue(worker.idle());
		worker.shutdown();

		assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), order);
		assertEquals(1, threads.stream().distinct().count());
	}
}
