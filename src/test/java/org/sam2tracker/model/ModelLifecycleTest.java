package org.sam2tracker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sam2tracker.testing.TestData;

class ModelLifecycleTest {

	/**
	 * Opening and closing a model many times frees what it took: resident memory stays flat. The test JVM
	 * touches its whole heap at start (pom.xml, surefire argLine), so that growth here is native memory.
	 */
	@Test
	void openingAndClosingFiftyTimesDoesNotGrowMemory() throws Exception {
		Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs /proc to read resident memory");
		// Warm-up: class loading, ONNX Runtime's allocator pools and the Java heap settle in the first cycles.
		for (int i = 0; i < 40; i++) openRunClose();
		final long before = residentKiB();
		for (int i = 0; i < 50; i++) openRunClose();
		final long after = residentKiB();
		final long growthMiB = (after - before) / 1024;
		System.out.printf("resident memory over 50 open-run-close cycles: %d MiB -> %d MiB (%+d MiB)%n",
			before / 1024, after / 1024, growthMiB);
		// Each open model holds its 7 MB of weights at least once: leaking a model or its sessions would add
		// 350 MiB or more here. Runs measured 3 to 44 MiB of warm-up noise, and 701 to 702 MiB from cycle 25 to 200.
		assertTrue(growthMiB < 64, "resident memory grew by " + growthMiB + " MiB over 50 cycles");
	}

	@Test
	void aDemandedGpuThatCannotStartIsAClearError() {
		Assumptions.assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
			"this build has CUDA");
		final BundleException e = assertThrows(BundleException.class,
			() -> Sam2Model.open(TestData.TOY_BUNDLE, Device.GPU, 1));
		assertTrue(e.getMessage().contains("GPU was requested but cannot be used"), e.getMessage());
		// The reason the GPU setup recorded (no pack, no driver, ...), in its words.
		assertTrue(e.getMessage().contains(NativeRuntime.whyNoGpu()), e.getMessage());
	}

	@Test
	void autoFallsBackToTheCpuAndSaysWhy() throws Exception {
		Assumptions.assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
			"this build has CUDA");
		try (Sam2Model model = Sam2Model.open(TestData.TOY_BUNDLE, Device.AUTO, 1)) {
			assertFalse(model.device().gpu());
			assertEquals(NativeRuntime.whyNoGpu(), model.device().reason(), model.device().toString());
		}
	}

	private static void openRunClose() throws BundleException {
		try (Sam2Model model = Sam2Model.open(TestData.REFERENCE_BUNDLE, Device.CPU, 1)) {
			final int s = model.config().imageSize();
			model.encodeImage(new float[3 * s * s]);
		}
	}

	/** The smallest of three readings of resident memory, after a collection: spikes between cycles are noise. */
	private static long residentKiB() throws IOException, InterruptedException {
		long least = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(50);
			for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) least = Math.min(least, Long.parseLong(line.replaceAll("[^0-9]", "")));
			}
		}
		if (least == Long.MAX_VALUE) throw new IOException("no VmRSS in /proc/self/status");
		return least;
	}
}
