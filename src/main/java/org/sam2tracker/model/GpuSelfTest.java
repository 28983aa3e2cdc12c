package org.sam2tracker.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Before anything is tracked on the GPU, a small graph (MatMul, Add, Softmax) runs on CUDA and on the CPU and the
 * two results are compared: a GPU that starts but computes wrongly, or a driver that cannot run CUDA, is found
 * here, with a message in words, rather than in the middle of a run.
 */
final class GpuSelfTest {

	/** The largest difference allowed between CUDA's and the CPU's softmax outputs (values in 0 to 1). */
	static final double TOLERANCE = 1e-4;

	private GpuSelfTest() {}

	/** Null when CUDA's result matches the CPU's; else what differed. Closes {@code cpu}. */
	static String run(final OrtEnvironment env, final SessionOptions cuda, final SessionOptions cpu)
		throws OrtException
	{
		final byte[] graph = graph();
		final float[][] input = new float[4][16];
		for (int i = 0; i < 4; i++) for (int j = 0; j < 16; j++) input[i][j] = (float) Math.sin(1 + i * 16 + j);
		try (cpu; OrtSession onGpu = env.createSession(graph, cuda); OrtSession onCpu = env.createSession(graph, cpu);
			OnnxTensor x = OnnxTensor.createTensor(env, input))
		{
			final float[][] a = output(onGpu, x);
			final float[][] b = output(onCpu, x);
			double worst = 0;
			for (int i = 0; i < 4; i++) for (int j = 0; j < 16; j++) worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
			if (!(worst <= TOLERANCE)) {
				return "the GPU's result of a test computation differs from the CPU's (by " + worst + "): the GPU or its " +
					"driver is not working right";
			}
			return null;
		}
	}

	private static float[][] output(final OrtSession session, final OnnxTensor x) throws OrtException {
		try (OrtSession.Result r = session.run(Map.of("x", x))) {
			return (float[][]) r.get(0).getValue();
		}
	}

	private static byte[] graph() {
		try (InputStream in = GpuSelfTest.class.getResourceAsStream("self-test.onnx")) {
			return in.readAllBytes();
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** CUDA's own words turned into what a user can act on. */
	static String inWords(final String message) {
		final String m = String.valueOf(message);
		if (m.contains("CUDA failure 100") || m.contains("no CUDA-capable device")) {
			return "no NVIDIA GPU was found: the driver is there but sees no GPU (CUDA error 100)";
		}
		if (m.contains("CUDA failure 35") || m.contains("driver version is insufficient")) {
			return "the NVIDIA driver is too old for CUDA 12: update it (at least 525.60.13 on Linux, 528.33 on " +
				"Windows) (CUDA error 35)";
		}
		if (m.contains("Failed to load shared library") || m.contains("cannot open shared object")) {
			return "CUDA's libraries could not be loaded (" + m + "): install the GPU pack again";
		}
		if (m.startsWith("the GPU's result")) return m;
		return "CUDA could not start (" + m + ")";
	}
}
