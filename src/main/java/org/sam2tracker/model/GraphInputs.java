package org.sam2tracker.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One graph's inputs, in native buffers kept from call to call. ONNX Runtime's Java API copies a Java array into a
 * fresh native buffer for every tensor, which Java frees only when its collector next runs: between collections
 * such buffers piled up by the hundred MB, and each new one was zeroed and faulted in again. Here each input keeps
 * one buffer, grown when a call needs more, and the tensors are views of it. One call at a time: the caller holds
 * this object's lock from filling the inputs to closing them.
 */
final class GraphInputs {

	private final OrtEnvironment env;
	private final Map<String, ByteBuffer> buffers = new HashMap<>();
	private final Map<String, OnnxTensor> tensors = new LinkedHashMap<>();

	GraphInputs(final OrtEnvironment env) {
		this.env = env;
	}

	void floats(final String name, final float[] data, final long... shape) throws OrtException {
		final FloatBuffer view = buffer(name, (long) data.length * Float.BYTES).asFloatBuffer();
		view.put(data).rewind();
		add(name, OnnxTensor.createTensor(env, view, shape));
	}

	void ints(final String name, final int[] data, final long... shape) throws OrtException {
		final IntBuffer view = buffer(name, (long) data.length * Integer.BYTES).asIntBuffer();
		view.put(data).rewind();
		add(name, OnnxTensor.createTensor(env, view, shape));
	}

	void longs(final String name, final long[] data, final long... shape) throws OrtException {
		final LongBuffer view = buffer(name, (long) data.length * Long.BYTES).asLongBuffer();
		view.put(data).rewind();
		add(name, OnnxTensor.createTensor(env, view, shape));
	}

	/** The tensors of the call being filled, by input name. */
	Map<String, OnnxTensor> tensors() {
		return tensors;
	}

	/** Closes the call's tensors; the buffers stay for the next call. */
	void closeTensors() {
		tensors.values().forEach(OnnxTensor::close);
		tensors.clear();
	}

	/** Drops the buffers (Java frees their memory); the next call allocates again. */
	void release() {
		closeTensors();
		buffers.clear();
	}

	private void add(final String name, final OnnxTensor tensor) {
		final OnnxTensor before = tensors.put(name, tensor);
		if (before != null) {
			before.close();
			throw new IllegalStateException("The input " + name + " was given twice in one call.");
		}
	}

	/** The input's buffer, exactly {@code bytes} long, in the machine's byte order (ONNX Runtime's). */
	private ByteBuffer buffer(final String name, final long bytes) {
		if (bytes > Integer.MAX_VALUE) throw new IllegalArgumentException("The input " + name + " holds " + bytes +
			" bytes, more than one native buffer takes (2 GB): track fewer objects at once.");
		ByteBuffer b = buffers.get(name);
		if (b == null || b.capacity() < bytes) {
			b = ByteBuffer.allocateDirect((int) bytes);
			buffers.put(name, b);
		}
		return b.clear().limit((int) bytes).slice().order(ByteOrder.nativeOrder());
	}
}
