package org.sam2tracker.model;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.FloatPointer;

/**
 * SAM 2.1's memory attention computed by the engine itself, with its products in oneDNN: what the
 * {@code memory_attention} graph computes (models/README.md), for one object at a time, from the same checkpoint
 * tensors. The bf16 precision runs it with bfloat16 products on AMX or AVX512-BF16: on tiny at 1024 with 7 memory
 * frames and 16 pointers (28,736 memory tokens) 0.89 s per object against 1.83 s for the float32 graph, 0.24% from
 * it. Float32 products give the graph's own values to 3e-6, which is how its arithmetic is checked.
 *
 * <p>It follows SAM 2.1's memory attention exactly: one attention head, pre-norm layers of self-attention,
 * cross-attention to the memories and pointers, and a ReLU MLP, rotary codes on queries and on the memory frames'
 * keys (not on the pointers'), and a final norm.
 */
final class OneDnnMemoryAttention extends OneDnnStage {

	private static final String P = "model.";
	private static final float LAYER_NORM_EPS = 1e-5f;

	private final int c;
	private final int d;
	private final int hw;
	private final int splits;
	private final float[] imagePos;
	private final float[] memoryPos;
	private final float[] cos;
	private final float[] sin;
	private final float[] temporal;
	private final float[] pointerProjection;
	private final float[] pointerBias;
	private final float[] normWeight;
	private final float[] normBias;
	private final List<Layer> layers = new ArrayList<>();
	private final float[] normed; // a layer norm's rows [hw, C], on their way into oneDNN

	/** An attention's four projections. */
	private record Attention(Linear q, Linear k, Linear v, Linear o) {}

	private record Layer(float[][] norms, Attention self, Attention cross, Linear up, Linear down) {}

	/**
	 * The memory attention of a bundle with its weights in a checkpoint ({@code weights} of its
	 * {@code memory_attention} graph, by initializer name).
	 */
	OneDnnMemoryAttention(final Map<String, float[]> weights, final BundleConfig config, final boolean bf16)
		throws BundleException
	{
		this(weights, config, bf16, OneDnn.QUERY_BLOCK);
	}

	/** With another query block for the attentions (see {@link OneDnn#OneDnn(boolean, int)}). */
	OneDnnMemoryAttention(final Map<String, float[]> weights, final BundleConfig config, final boolean bf16,
		final int queryBlock) throws BundleException
	{
		super("memory attention", bf16, queryBlock);
		c = config.hiddenDim();
		d = config.memoryDim();
		final int h = config.featureSize();
		hw = h * h;
		normed = new float[hw * c];
		splits = config.pointerSplits();
		imagePos = PositionCodes.grid(h, c / 2);
		memoryPos = PositionCodes.grid(h, d / 2);
		cos = PositionCodes.rotary(h, c, true);
		sin = PositionCodes.rotary(h, c, false);
		try {
			temporal = tensor(weights, "memory_temporal_positional_encoding", config.numMaskmem() * d);
			pointerProjection = tensor(weights, "temporal_positional_encoding_projection_layer.weight", d * c);
			pointerBias = tensor(weights, "temporal_positional_encoding_projection_layer.bias", d);
			normWeight = tensor(weights, "memory_attention.layer_norm.weight", c);
			normBias = tensor(weights, "memory_attention.layer_norm.bias", c);
			for (int i = 0; weights.containsKey(P + "memory_attention.layers." + i + ".linear1.weight"); i++) {
				final String l = "memory_attention.layers." + i + ".";
				final float[][] norms = new float[6][];
				for (int n = 0; n < 3; n++) {
					norms[2 * n] = tensor(weights, l + "layer_norm" + (n + 1) + ".weight", c);
					norms[2 * n + 1] = tensor(weights, l + "layer_norm" + (n + 1) + ".bias", c);
				}
				final float[] upBias = tensor(weights, l + "linear1.bias", -1);
				final int hidden = upBias.length;
				layers.add(new Layer(norms, attention(weights, l + "self_attn.", c), attention(weights, l +
					"cross_attn_image.", d), linear(tensor(weights, l + "linear1.weight", c * hidden), upBias, c, hidden),
					linear(weights, l + "linear2", hidden, c)));
			}
			if (layers.isEmpty()) throw new BundleException("The checkpoint has no memory attention layers.");
		}
		catch (final BundleException | RuntimeException e) {
			close();
			throw e;
		}
	}

	/**
	 * The conditioned features [C, h, h] of one object: image features [C, h, h], F memory frames [F, D, h, h]
	 * with their temporal indices, and P pointers [P, C] with their signed, scaled frame distances.
	 */
	float[] attend(final float[] imageEmbed, final int frames, final float[] memory, final long[] memoryTpos,
		final int pointers, final float[] pointerValues, final float[] pointerTpos)
	{
		final int memoryTokens = frames * hw;
		final int tokens = memoryTokens + pointers * splits;
		final float[] output = new float[hw * c];
		for (int t = 0; t < hw; t++) {
			for (int ch = 0; ch < c; ch++) output[t * c + ch] = imageEmbed[ch * hw + t] + 0.1f * imagePos[t * c + ch];
		}
		final float[] values = new float[tokens * d];
		final float[] keys = new float[tokens * d];
		for (int f = 0; f < frames; f++) {
			final int tpos = (int) memoryTpos[f];
			for (int j = 0; j < d; j++) {
				final float code = temporal[tpos * d + j];
				for (int t = 0; t < hw; t++) {
					final int at = (f * hw + t) * d + j;
					values[at] = memory[(f * d + j) * hw + t];
					keys[at] = values[at] + memoryPos[t * d + j] + code;
				}
			}
		}
		for (int p = 0; p < pointers; p++) {
			final float[] code = pointerCode(pointerTpos[p]);
			for (int s = 0; s < splits; s++) {
				for (int j = 0; j < d; j++) {
					final int at = (memoryTokens + p * splits + s) * d + j;
					values[at] = pointerValues[p * c + s * d + j];
					keys[at] = values[at] + code[j];
				}
			}
		}
		final FloatPointer keyTokens = scratch.floats("keys", keys.length).put(keys);
		final FloatPointer valueTokens = scratch.floats("values", values.length).put(values);
		final FloatPointer x = scratch.floats("x", (long) hw * c);
		for (final Layer layer : layers) {
			norm(output, layer.norms()[0], layer.norms()[1], x);
			attention(layer.self(), x, hw, x, x, hw, hw, output);
			norm(output, layer.norms()[2], layer.norms()[3], x);
			attention(layer.cross(), x, hw, keyTokens, valueTokens, tokens, memoryTokens, output);
			norm(output, layer.norms()[4], layer.norms()[5], x);
			final FloatPointer up = apply(layer.up(), x, hw, OneDnn.After.RELU, "up");
			add(output, apply(layer.down(), up, hw, OneDnn.After.NOTHING, "out"));
		}
		RowNorm.norm(output, c, normWeight, normBias, LAYER_NORM_EPS, normed);
		final float[] out = new float[c * hw];
		for (int t = 0; t < hw; t++) {
			for (int ch = 0; ch < c; ch++) out[ch * hw + t] = normed[t * c + ch];
		}
		return out;
	}

	/**
	 * One attention block, its output added to {@code output}: queries from {@code x} [m, C], keys and values from
	 * [n, in] inputs, rotary codes on the queries and on the first {@code rotated} keys (a whole number of grids),
	 * and the output projection.
	 */
	private void attention(final Attention a, final FloatPointer x, final int m, final FloatPointer keyIn,
		final FloatPointer valueIn, final int n, final int rotated, final float[] output)
	{
		final FloatPointer q = apply(a.q(), x, m, OneDnn.After.NOTHING, "q");
		final FloatPointer k = apply(a.k(), keyIn, n, OneDnn.After.NOTHING, "k");
		final FloatPointer v = apply(a.v(), valueIn, n, OneDnn.After.NOTHING, "v");
		rotate(q.asBuffer(), m, (float) (1 / Math.sqrt(c)));
		rotate(k.asBuffer(), rotated, 1);
		final FloatPointer attended = scratch.floats("attended", (long) m * c);
		dnn.attention(q, 1, 1, m, k, v, n, c, attended);
		add(output, apply(a.o(), attended, m, OneDnn.After.NOTHING, "out"));
	}

	/**
	 * Applies the rotary codes to the first {@code tokens} rows of x [rows, C] in place (token t takes grid cell t
	 * mod hw), and scales those rows.
	 */
	private void rotate(final FloatBuffer x, final int tokens, final float scale) {
		for (int t = 0; t < tokens; t++) {
			final int row = t * c;
			final int code = (t % hw) * c;
			for (int j = 0; j < c; j += 2) {
				final float x0 = x.get(row + j);
				final float x1 = x.get(row + j + 1);
				x.put(row + j, (x0 * cos[code + j] - x1 * sin[code + j]) * scale);
				x.put(row + j + 1, (x1 * cos[code + j + 1] + x0 * sin[code + j + 1]) * scale);
			}
		}
	}

	/** A pointer's position code in the memory width: the sine code of its distance, projected. */
	private float[] pointerCode(final float distance) {
		final float[] sine = PositionCodes.line(distance, c);
		final float[] out = new float[d];
		for (int j = 0; j < d; j++) {
			double sum = pointerBias[j];
			for (int i = 0; i < c; i++) sum += pointerProjection[j * c + i] * sine[i];
			out[j] = (float) sum;
		}
		return out;
	}

	/** Layer norm of each row of x [rows, C] into {@code into}, a native array. */
	private void norm(final float[] x, final float[] weight, final float[] bias, final FloatPointer into) {
		into.put(RowNorm.norm(x, c, weight, bias, LAYER_NORM_EPS, normed));
	}

	/** Adds the first {@code into.length} values of a native array to {@code into}. */
	private static void add(final float[] into, final FloatPointer x) {
		final FloatBuffer b = x.asBuffer();
		for (int i = 0; i < into.length; i++) into[i] += b.get(i);
	}

	private Attention attention(final Map<String, float[]> w, final String name, final int keyWidth)
		throws BundleException
	{
		return new Attention(linear(w, name + "q_proj", c, c), linear(w, name + "k_proj", keyWidth, c), linear(w,
			name + "v_proj", keyWidth, c), linear(w, name + "o_proj", c, c));
	}

	private Linear linear(final Map<String, float[]> w, final String name, final int in, final int out)
		throws BundleException
	{
		return linear(tensor(w, name + ".weight", in * out), tensor(w, name + ".bias", out), in, out);
	}

	/** A memory attention tensor by its name after "model.". */
	private float[] tensor(final Map<String, float[]> w, final String name, final int length) throws BundleException {
		return required(w, P + name, length);
	}
}
