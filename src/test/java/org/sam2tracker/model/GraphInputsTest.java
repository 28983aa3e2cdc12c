package org.sam2tracker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;

import org.junit.jupiter.api.Test;

/** The reused native buffers hand ONNX Runtime each call's own values, whatever the calls before held. */
class GraphInputsTest {

	private final GraphInputs in = new GraphInputs(OrtEnvironment.getEnvironment());

	@Test
	void eachCallSeesItsOwnValuesAsTheBuffersGrowAndShrink() throws Exception {
		for (final int n : new int[] { 6, 24, 4, 24 }) {
			final float[] values = new float[n];
			for (int i = 0; i < n; i++) values[i] = n * 100 + i;
			in.floats("x", values, 2, n / 2);
			in.longs("t", new long[] { n, -n }, 2);
			in.ints("p", new int[] { n, 1, -1 }, 1, 3);
			final OnnxTensor x = in.tensors().get("x");
			assertArrayEquals(new long[] { 2, n / 2 }, x.getInfo().getShape());
			final float[] back = new float[n];
			x.getFloatBuffer().get(back);
			assertArrayEquals(values, back);
			final long[] t = new long[2];
			in.tensors().get("t").getLongBuffer().get(t);
			assertArrayEquals(new long[] { n, -n }, t);
			final int[] p = new int[3];
			in.tensors().get("p").getIntBuffer().get(p);
			assertArrayEquals(new int[] { n, 1, -1 }, p);
			assertEquals(3, in.tensors().size());
			in.closeTensors();
			assertEquals(0, in.tensors().size());
		}
	}

	@Test
	void anInputGivenTwiceInOneCallIsRefused() throws Exception {
		in.floats("x", new float[] { 1 }, 1);
		assertThrows(IllegalStateException.class, () -> in.floats("x", new float[] { 2 }, 1));
		in.release();
		assertEquals(0, in.tensors().size());
	}
}
