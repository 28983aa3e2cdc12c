package org.sam2tracker.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * What a stage the engine computes itself in oneDNN ({@link OneDnnImageEncoder}, {@link OneDnnMemoryAttention})
 * is made of: its oneDNN products, its weights held in native memory for them, its working arrays, and the count
 * of its arithmetic. Not thread-safe: one call at a time.
 */
abstract class OneDnnStage implements AutoCloseable {

	protected final OneDnn dnn;
	protected final NativeScratch scratch = new NativeScratch();
	private final List<FloatPointer> held = new ArrayList<>();
	private final String stage;

	/** A linear layer's weight [out][in] and bias [out], held by oneDNN. */
	record Linear(FloatPointer weight, FloatPointer bias, int in, int out) {}

	/** A stage named {@code stage} in its messages ("image encoder"), its products in bfloat16 where {@code bf16}. */
	OneDnnStage(final String stage, final boolean bf16, final int queryBlock) {
		this.stage = stage;
		dnn = new OneDnn(bf16, queryBlock);
	}

	/** Values copied into native memory held until the stage is closed. */
	protected final FloatPointer hold(final float[] values) {
		final FloatPointer p = new FloatPointer(values.length);
		p.put(values);
		held.add(p);
		return p;
	}

	/** A linear layer from its values, held. */
	protected final Linear linear(final float[] weight, final float[] bias, final int in, final int out) {
		return new Linear(hold(weight), hold(bias), in, out);
	}

	/** A linear layer on x [rows][in], then what {@code after} says, into the scratch array of a role. */
	protected final FloatPointer apply(final Linear l, final Pointer x, final int rows, final OneDnn.After after,
		final String role)
	{
		final FloatPointer out = scratch.floats(role, (long) rows * l.out());
		dnn.linear(x, rows, l.in(), l.weight(), l.out(), l.bias(), after, out);
		return out;
	}

	/** A checkpoint tensor by its full initializer name, of {@code length} values (any length where -1). */
	protected final float[] required(final Map<String, float[]> w, final String name, final int length)
		throws BundleException
	{
		final float[] t = w.get(name);
		if (t == null || length >= 0 && t.length != length) {
			throw new BundleException("The " + stage + "'s tensor '" + name + "' is " + (t == null ? "missing"
				: "of another size (" + t.length + " values, not " + length + ")") + ". Install the model again.");
		}
		return t;
	}

	/** The floating-point operations of its matrix products so far (a multiply and an add count two). */
	final long flops() {
		return dnn.flops();
	}

	@Override
	public void close() {
		held.forEach(FloatPointer::close);
		held.clear();
		scratch.close();
		dnn.close();
	}
}
