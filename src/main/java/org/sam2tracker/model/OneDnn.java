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
import org.bytedeco.dnnl.pooling_forward;
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
 * oneDNN's matrix product, max pooling and softmax on this CPU, on arrays held outside the Java heap. With
 * {@code bf16} the products take bfloat16 inputs and accumulate in float32, which is what AMX and AVX512-BF16
 * compute fast: linear layers through oneDNN's bf16 math mode on float32 arrays, attention with its queries, keys,
 * values, scores and probabilities stored as bfloat16 once (converting them inside each product would cost as much
 * as the product; the softmax computes in float32 inside). Without {@code bf16} everything is float32. Primitives
 * are made once per shape and kept, and so are the working arrays ({@link NativeScratch}): not thread-safe, one
 * call at a time.
 */
final class OneDnn implements AutoCloseable {

	/** Query rows per block of a long attention: its scores (30 MB at 28,736 keys) stay near the caches. */
	static final int QUERY_BLOCK = 256;

	/** Scores per product of an attention of many short windows, taken a run of windows at a time (32 MB). */
	private static final long SCORES_PER_CALL = 1L << 23;

	private final engine cpu = new engine(engine.kind.cpu, 0);
	private final stream stream = new stream(cpu);
	private final boolean bf16;
	private final int queryBlock;
	private final Map<String, Primitive> primitives = new HashMap<>();
	private final NativeScratch scratch = new NativeScratch();
	private long flops; // of the matrix products run so far

	/** A primitive with the descriptions of its arguments, in the order {@link #run} takes them. */
	private record Primitive(primitive op, List<memory.desc> args, List<Integer> roles) {}

	/** What follows a linear layer's product, inside the same primitive. */
	enum After {
		/** Nothing. */
		NOTHING,
		/** A ReLU. */
		RELU,
		/** GELU with the error function (torch's default GELU). */
		GELU,
		/** The product is added to what the output array holds (a residual connection). */
		ADD
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
	 * [n][k], as torch keeps it, then what {@code after} says.
	 */
	void linear(final Pointer a, final int m, final int k, final Pointer w, final int n, final Pointer bias,
		final After after, final Pointer out)
	{
		final String key = "linear " + m + " " + k + " " + n + " " + (bias != null) + " " + after;
		final Primitive p = primitives.computeIfAbsent(key, x -> {
			final memory.desc src = desc(new long[] { m, k }, memory.data_type.f32, memory.format_tag.ab);
			final memory.desc weights = desc(new long[] { k, n }, memory.data_type.f32, memory.format_tag.ba);
			final memory.desc dst = desc(new long[] { m, n }, memory.data_type.f32, memory.format_tag.ab);
			final memory.desc b = bias == null ? null : desc(new long[] { 1, n }, memory.data_type.f32,
				memory.format_tag.ab);
			return matmul(src, weights, b, dst, after);
		});
		if (bias == null) run(p, a, w, out);
		else run(p, a, w, out, bias);
		flops += 2L * m * k * n;
	}

	/**
	 * 2 x 2 max pooling at stride 2 of each of {@code groups} float32 grids [side][side][c] (token-major), into
	 * grids [side / 2][side / 2][c].
	 */
	void maxPool(final Pointer grids, final int groups, final int side, final int c, final Pointer out) {
		final Primitive p = primitives.computeIfAbsent("pool " + groups + " " + side + " " + c, x -> {
			final memory.desc src = desc(new long[] { groups, c, side, side }, memory.data_type.f32, memory.format_tag
				.nhwc);
			final memory.desc dst = desc(new long[] { groups, c, side / 2, side / 2 }, memory.data_type.f32,
				memory.format_tag.nhwc);
			final pooling_forward.primitive_desc pd = new pooling_forward.primitive_desc(cpu,
				dnnl.prop_kind.forward_inference, dnnl.algorithm.pooling_max, src, dst, new long[] { 2, 2 }, new long[] {
					2, 2 }, new long[] { 0, 0 }, new long[] { 0, 0 }, new long[] { 0, 0 });
			return new Primitive(new pooling_forward(pd), List.of(src, dst), List.of(DNNL_ARG_SRC, DNNL_ARG_DST));
		});
		run(p, grids, out);
	}

	/**
	 * Attention of {@code heads} heads within each of {@code groups} groups of tokens (the windows of an image, or
	 * one group): for float32 queries q [groups][m][heads * d] (already scaled), keys and values k, v
	 * [groups][n][heads * d], {@code out[g, i, h*d + j] = softmax(q[g, i, h] k[g, :, h]^T) v[g, :, h, j]}. Long
	 * attentions go a block of queries at a time, short ones a run of groups at a time, so that the scores stay
	 * small.
	 */
	void attention(final FloatPointer q, final int groups, final int heads, final int m, final FloatPointer k,
		final FloatPointer v, final int n, final int d, final FloatPointer out)
	{
		final long width = heads * (long) d;
		final memory.data_type t = bf16 ? memory.data_type.bf16 : memory.data_type.f32;
		final long size = bf16 ? Short.BYTES : Float.BYTES;
		final Pointer qs = bf16 ? toBfloat16(q, groups * m * width, "q") : q;
		final Pointer ks = bf16 ? toBfloat16(k, groups * n * width, "k") : k;
		final Pointer vs = bf16 ? toBfloat16(v, groups * n * width, "v") : v;
		final int rows = Math.min(m, queryBlock);
		final int run = rows < m ? 1 : (int) Math.max(1, Math.min(groups, SCORES_PER_CALL / ((long) heads * m * n)));
		final long cells = (long) run * heads * rows * n;
		// scores and probabilities in one array of the products' type, the softmax in place: each attention's
		// scores go through memory three times, and as bfloat16 they take half the bytes
		final Pointer scores = bf16 ? scratch.shorts("scores", cells) : scratch.floats("scores", cells);
		for (int g = 0; g < groups; g += run) {
			final int gs = Math.min(run, groups - g);
			for (int start = 0; start < m; start += rows) {
				final int r = Math.min(rows, m - start);
				final long queries = (long) g * m + start;
				final long keys = (long) g * n * width * size;
				scores(at(qs, queries * width * size), t, gs, heads, r, m, at(ks, keys), n, d, scores);
				softmax(scores, (long) gs * heads * r, n, t);
				weighted(scores, t, gs, heads, r, m, at(vs, keys), n, d, at(out, queries * width * Float.BYTES));
			}
		}
	}

	/** scores [gs][heads][r][n] = q k^T (of type t) for a block of r of the m queries of each of gs groups. */
	private void scores(final Pointer q, final memory.data_type t, final int gs, final int heads, final int r,
		final int m, final Pointer k, final int n, final int d, final Pointer scores)
	{
		final long w = (long) heads * d;
		final Primitive p = primitives.computeIfAbsent("scores " + gs + " " + heads + " " + r + " " + m + " " + n +
			" " + d + " " + t, x -> matmul(
				new memory.desc(new long[] { gs, heads, r, d }, t, new long[] { m * w, d, w, 1 }),
				new memory.desc(new long[] { gs, heads, d, n }, t, new long[] { n * w, d, 1, w }), null,
				desc(new long[] { gs, heads, r, n }, t, memory.format_tag.abcd), After.NOTHING));
		run(p, q, k, scores);
		flops += 2L * gs * heads * r * n * d;
	}

	/** out [gs][r][heads * d] (rows of m) = probabilities [gs][heads][r][n] v. */
	private void weighted(final Pointer probabilities, final memory.data_type t, final int gs, final int heads,
		final int r, final int m, final Pointer v, final int n, final int d, final Pointer out)
	{
		final long w = (long) heads * d;
		final Primitive p = primitives.computeIfAbsent("weighted " + gs + " " + heads + " " + r + " " + m + " " + n +
			" " + d + " " + t, x -> matmul(
				desc(new long[] { gs, heads, r, n }, t, memory.format_tag.abcd),
				new memory.desc(new long[] { gs, heads, n, d }, t, new long[] { n * w, d, w, 1 }), null,
				new memory.desc(new long[] { gs, heads, r, d }, memory.data_type.f32, new long[] { m * w, d, w, 1 }),
				After.NOTHING));
		run(p, probabilities, v, out);
		flops += 2L * gs * heads * r * n * d;
	}

	/** The floating-point operations of the matrix products run so far (a multiply and an add count two). */
	long flops() {
		return flops;
	}

	/**
	 * This precision's matrix-product rate on this CPU in GFLOP/s: the fastest of {@code repeats} products of two
	 * n x n matrices of ones, stored as this precision's attention products take them (bfloat16 or float32), into
	 * float32. What the stages' products could reach at best.
	 */
	double peakGflops(final int n, final int repeats) {
		final memory.data_type t = bf16 ? memory.data_type.bf16 : memory.data_type.f32;
		final long cells = (long) n * n;
		final Pointer a;
		final Pointer b;
		if (bf16) {
			final short[] ones = new short[(int) cells];
			java.util.Arrays.fill(ones, (short) 0x3f80); // bfloat16 1.0
			a = scratch.shorts("peak a", cells).put(ones);
			b = scratch.shorts("peak b", cells).put(ones);
		}
		else {
			final float[] ones = new float[(int) cells];
			java.util.Arrays.fill(ones, 1f);
			a = scratch.floats("peak a", cells).put(ones);
			b = scratch.floats("peak b", cells).put(ones);
		}
		final FloatPointer out = scratch.floats("peak out", cells);
		final Primitive p = primitives.computeIfAbsent("peak " + n + " " + t, x -> matmul(desc(new long[] { n, n }, t,
			memory.format_tag.ab), desc(new long[] { n, n }, t, memory.format_tag.ab), null, desc(new long[] { n, n },
				memory.data_type.f32, memory.format_tag.ab), After.NOTHING));
		run(p, a, b, out); // the first run makes the kernels
		long best = Long.MAX_VALUE;
		for (int i = 0; i < repeats; i++) {
			final long start = System.nanoTime();
			run(p, a, b, out);
			best = Math.min(best, System.nanoTime() - start);
		}
		return 2.0 * n * n * n / best;
	}

	/** A matrix product primitive with an optional bias, in this precision's math mode. */
	private Primitive matmul(final memory.desc src, final memory.desc weights, final memory.desc bias,
		final memory.desc dst, final After after)
	{
		final List<memory.desc> args = new ArrayList<>(List.of(src, weights, dst));
		final List<Integer> roles = new ArrayList<>(List.of(DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST));
		try (primitive_attr attr = attributes(after)) {
			final matmul.primitive_desc pd;
			if (bias != null) {
				pd = new matmul.primitive_desc(cpu, src, weights, bias, dst, attr, false);
				args.add(bias);
				roles.add(DNNL_ARG_BIAS);
			}
			else pd = new matmul.primitive_desc(cpu, src, weights, dst, attr, false);
			return new Primitive(new matmul(pd), args, roles);
		}
	}

	/** The math mode of this precision and the operation after a product. */
	private primitive_attr attributes(final After after) {
		final primitive_attr attr = new primitive_attr();
		if (bf16) attr.set_fpmath_mode(dnnl.fpmath_mode.bf16);
		if (after != After.NOTHING) {
			try (post_ops ops = new post_ops()) {
				if (after == After.ADD) ops.append_sum();
				else ops.append_eltwise(after == After.RELU ? dnnl.algorithm.eltwise_relu
					: dnnl.algorithm.eltwise_gelu_erf, 0f, 0f);
				attr.set_post_ops(ops);
			}
		}
		return attr;
	}

	/** Softmax in place of each of {@code rows} rows of {@code cols} values of type {@code t} (in float32 inside). */
	private void softmax(final Pointer values, final long rows, final int cols, final memory.data_type t) {
		final Primitive p = primitives.computeIfAbsent("softmax " + rows + " " + cols + " " + t, x -> {
			final memory.desc src = desc(new long[] { rows, cols }, t, memory.format_tag.ab);
			final memory.desc dst = desc(new long[] { rows, cols }, t, memory.format_tag.ab);
			final softmax_forward.primitive_desc pd = new softmax_forward.primitive_desc(cpu,
				dnnl.prop_kind.forward_inference, dnnl.algorithm.softmax_accurate, src, dst, 1);
			return new Primitive(new softmax_forward(pd), List.of(src, dst), List.of(DNNL_ARG_SRC, DNNL_ARG_DST));
		});
		run(p, values, values);
	}

	/** {@code count} float32 values rounded to bfloat16 (to nearest, ties to even), into the array of a role. */
	private ShortPointer toBfloat16(final FloatPointer values, final long count, final String role) {
		final Primitive p = primitives.computeIfAbsent("bf16 " + count, x -> {
			final memory.desc src = desc(new long[] { count }, memory.data_type.f32, memory.format_tag.a);
			final memory.desc dst = desc(new long[] { count }, memory.data_type.bf16, memory.format_tag.a);
			final reorder.primitive_desc pd = new reorder.primitive_desc(cpu, src, cpu, dst);
			return new Primitive(new reorder(pd), List.of(src, dst), List.of(DNNL_ARG_FROM, DNNL_ARG_TO));
		});
		final ShortPointer out = scratch.shorts(role, count);
		run(p, values, out);
		return out;
	}

	/**
	 * The address {@code bytes} into an array, as a pointer that owns nothing: oneDNN takes plain addresses, and a
	 * view made by position would be taken in bytes there, while closing a copied pointer would free the array.
	 */
	static Pointer at(final Pointer array, final long bytes) {
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

	private static memory.desc desc(final long[] dims, final memory.data_type t, final memory.format_tag tag) {
		return new memory.desc(dims, t, tag);
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
