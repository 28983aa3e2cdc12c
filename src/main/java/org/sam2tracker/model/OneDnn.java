package org.sam2tracker.model;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.softmax_forward;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * oneDNN's matrix product and softmax on this CPU, on arrays held outside the Java heap. With {@code bf16} the
 * products take bfloat16 inputs and accumulate in float32, which is what AMX and AVX512-BF16 compute fast: linear
 * layers through oneDNN's bf16 math mode on float32 arrays, attention with its queries, keys, values and
 * probabilities stored as bfloat16 once (converting them inside each product would cost as much as the product).
 * Without {@code bf16} everything is float32. Primitives are made once per shape and kept, and so are the working
 * arrays ({@link NativeScratch}): not thread-safe, one call at a time.
 */
final class OneDnn implements AutoCloseable {

	/** Query rows per block of an attention: its scores (30 MB at 28,736 keys) stay near the caches. */
	static final int QUERY_BLOCK = 256;

	private final engine cpu = new engine(engine.kind.cpu, 0);
	private final stream stream = new stream(cpu);
	private final boolean bf16;
	private final int queryBlock;
	private final Map<String, Primitive> primitives = new HashMap<>();
	private final NativeScratch scratch = new NativeScratch();

	/** A primitive with the descriptions of its arguments, in the order {@link #run} takes them. */
	private record Primitive(primitive op, List<memory.desc> args, List<Integer> roles) {}

	/** How a weight matrix is stored. */
	enum Layout {
		/** [outputs][inputs]: torch's linear layers, and keys in q k^T. */
		ROWS_ARE_OUTPUTS,
		/** [inputs][outputs]. */
		ROWS_ARE_INPUTS
	}

	/**
	 * With attention queries in blocks of {@code queryBlock} rows ({@link #QUERY_BLOCK}; tests take fewer, so that
	 * small models run several blocks too).
	 */
	OneDnn(final boolean bf16, final int queryBlock) {
		this.bf16 = bf16;
		this.queryBlock = queryBlock;
	}

	/**
	 * A linear layer on float32 arrays: {@code out[m, n] = a[m, k] w^T + bias} for a weight {@code w} stored
	 * [n][k], as torch keeps it, followed by a ReLU where {@code relu}.
	 */
	void linear(final Pointer a, final int m, final int k, final Pointer w, final int n, final Pointer bias,
		final boolean relu, final Pointer out)
	{
		product(a, memory.data_type.f32, m, k, w, memory.data_type.f32, Layout.ROWS_ARE_OUTPUTS, n, bias, relu, out);
	}

	/**
	 * Attention of one head: {@code out[m, d] = softmax(q k^T) v} for float32 queries q [m, d] (already scaled),
	 * keys and values [n, d], a block of queries at a time so that the scores stay small.
	 */
	void attention(final FloatPointer q, final int m, final FloatPointer k, final FloatPointer v, final int n,
		final int d, final FloatPointer out)
	{
		if (!bf16) {
			blocks(q, memory.data_type.f32, m, k, Layout.ROWS_ARE_OUTPUTS, v, n, d, out);
			return;
		}
		// Keys transposed to [d][n] as they are rounded: the product then reads them as it packs them.
		blocks(toBfloat16(q, m, d, false, "q"), memory.data_type.bf16, m, toBfloat16(k, n, d, true, "k"),
			Layout.ROWS_ARE_INPUTS, toBfloat16(v, n, d, false, "v"), n, d, out);
	}

	/** The blocks of an attention whose q, k, v (and so its probabilities) are of type {@code t}. */
	private void blocks(final Pointer q, final memory.data_type t, final int m, final Pointer k, final Layout keys,
		final Pointer v, final int n, final int d, final FloatPointer out)
	{
		final int block = Math.min(m, queryBlock);
		final boolean f32 = t == memory.data_type.f32;
		final long width = f32 ? Float.BYTES : Short.BYTES;
		final FloatPointer scores = scratch.floats("scores", (long) block * n);
		final Pointer probabilities = f32 ? scores : scratch.shorts("probabilities", (long) block * n);
		for (int start = 0; start < m; start += block) {
			final int rows = Math.min(block, m - start);
			product(at(q, start * d * width), t, rows, d, k, t, keys, n, null, false, scores);
			softmax(scores, rows, n, probabilities, t);
			product(probabilities, t, rows, n, v, t, Layout.ROWS_ARE_INPUTS, d, null, false, at(out, (long) start * d *
				Float.BYTES));
		}
	}

	/** {@code out[m, n] = a[m, k] w + bias}, float32 out, with w stored as {@code stored} says, then a ReLU. */
	private void product(final Pointer a, final memory.data_type at, final int m, final int k, final Pointer w,
		final memory.data_type wt, final Layout stored, final int n, final Pointer bias, final boolean relu,
		final Pointer out)
	{
		final String key = "matmul " + m + " " + k + " " + n + " " + at + " " + wt + " " + stored + " " + (bias != null) +
			" " + relu;
		final Primitive p = primitives.computeIfAbsent(key, x -> {
			final memory.desc src = desc(m, k, at, memory.format_tag.ab);
			final memory.desc weights = desc(k, n, wt, stored == Layout.ROWS_ARE_OUTPUTS ? memory.format_tag.ba
				: memory.format_tag.ab);
			final memory.desc dst = desc(m, n, memory.data_type.f32, memory.format_tag.ab);
			final List<memory.desc> args = new ArrayList<>(List.of(src, weights, dst));
			final List<Integer> roles = new ArrayList<>(List.of(DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST));
			try (primitive_attr attr = new primitive_attr()) {
				if (bf16) attr.set_fpmath_mode(dnnl.fpmath_mode.bf16);
				if (relu) {
					try (post_ops ops = new post_ops()) {
						ops.append_eltwise(dnnl.algorithm.eltwise_relu, 0f, 0f);
						attr.set_post_ops(ops);
					}
				}
				final matmul.primitive_desc pd;
				if (bias != null) {
					final memory.desc b = desc(1, n, memory.data_type.f32, memory.format_tag.ab);
					pd = new matmul.primitive_desc(cpu, src, weights, b, dst, attr, false);
					args.add(b);
					roles.add(DNNL_ARG_BIAS);
				}
				else pd = new matmul.primitive_desc(cpu, src, weights, dst, attr, false);
				return new Primitive(new matmul(pd), args, roles);
			}
		});
		if (bias == null) run(p, a, w, out);
		else run(p, a, w, out, bias);
	}

	/** Softmax of each of {@code rows} rows of {@code cols} float32 values, into {@code out} of type {@code t}. */
	private void softmax(final Pointer values, final int rows, final int cols, final Pointer out,
		final memory.data_type t)
	{
		final Primitive p = primitives.computeIfAbsent("softmax " + rows + " " + cols + " " + t, x -> {
			final memory.desc src = desc(rows, cols, memory.data_type.f32, memory.format_tag.ab);
			final memory.desc dst = desc(rows, cols, t, memory.format_tag.ab);
			final softmax_forward.primitive_desc pd = new softmax_forward.primitive_desc(cpu,
				dnnl.prop_kind.forward_inference, dnnl.algorithm.softmax_accurate, src, dst, 1);
			return new Primitive(new softmax_forward(pd), List.of(src, dst), List.of(DNNL_ARG_SRC, DNNL_ARG_DST));
		});
		run(p, values, out);
	}

	/**
	 * A float32 matrix [rows][cols] rounded to bfloat16 (to nearest, ties to even), or transposed to [cols][rows],
	 * into the scratch array of a role.
	 */
	private ShortPointer toBfloat16(final FloatPointer values, final long rows, final long cols,
		final boolean transposed, final String role)
	{
		final Primitive p = primitives.computeIfAbsent("bf16 " + rows + " " + cols + " " + transposed, x -> {
			final memory.desc src = desc(rows, cols, memory.data_type.f32, memory.format_tag.ab);
			final memory.desc dst = desc(rows, cols, memory.data_type.bf16, transposed ? memory.format_tag.ba
				: memory.format_tag.ab);
			final reorder.primitive_desc pd = new reorder.primitive_desc(cpu, src, cpu, dst);
			return new Primitive(new reorder(pd), List.of(src, dst), List.of(DNNL_ARG_FROM, DNNL_ARG_TO));
		});
		final ShortPointer out = scratch.shorts(role, rows * cols);
		run(p, values, out);
		return out;
	}

	/**
	 * The address {@code bytes} into an array, as a pointer that owns nothing: oneDNN takes plain addresses, and a
	 * view made by position would be taken in bytes there, while closing a copied pointer would free the array.
	 */
	private static Pointer at(final Pointer array, final long bytes) {
		return new Pointer() {
			{
				address = array.address() + bytes;
			}
		};
	}

	private void run(final Primitive p, final Pointer... data) {
		final List<memory> made = new ArrayList<>();
		try (IntMemoryMap args = new IntMemoryMap()) {
			for (int i = 0; i < data.length; i++) {
				final memory mem = new memory(p.args().get(i), cpu, data[i]);
				made.add(mem);
				args.put(p.roles().get(i), mem);
			}
			p.op().execute(stream, args);
			stream._wait();
		}
		finally {
			made.forEach(memory::close);
		}
	}

	private static memory.desc desc(final long rows, final long cols, final memory.data_type t,
		final memory.format_tag tag)
	{
		return new memory.desc(new long[] { rows, cols }, t, tag);
	}

	@Override
	public void close() {
		for (final Primitive p : primitives.values()) {
			p.op().close();
			p.args().forEach(memory.desc::close);
		}
		primitives.clear();
		scratch.close();
		stream.close();
		cpu.close();
	}
}
