package org.sam2tracker.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * SAM 2.1's image encoder computed by the engine itself, with its products in oneDNN: what the
 * {@code image_encoder} graph computes (models/README.md), from the same checkpoint tensors. The bf16 precision
 * runs it with bfloat16 products on AMX or AVX512-BF16: on tiny at 1024, 0.64 s per frame against 1.48 s for the
 * float32 graph, its outputs 0.2 to 0.9% from the graph's. Float32 products give the graph's own values to 6e-6,
 * which is how its arithmetic is checked.
 *
 * <p>It follows transformers' Sam2 vision encoder: a 7 x 7 patch convolution at stride 4, the interpolated
 * background position code plus the tiled window code, then Hiera's blocks (pre-norm attention within square
 * windows of zero-padded tokens, or over the whole image in the global blocks; at each stage change the queries
 * and the projected shortcut max-pooled 2 x 2; a GELU MLP), and the FPN neck: 1 x 1 lateral convolutions, the
 * coarsest level added, upsampled, to the next, and the two finest levels projected by the mask decoder's
 * {@code conv_s0} and {@code conv_s1} (folded here into their lateral convolutions, both being linear).
 */
final class OneDnnImageEncoder extends OneDnnStage {

	private static final String P = "model.vision_encoder.";
	private static final float LAYER_NORM_EPS = 1e-6f;
	private static final int PATCH = 7;
	private static final int PATCH_STRIDE = 4;
	private static final int PATCH_PADDING = 3;
	private static final int PATCH_VALUES = 3 * PATCH * PATCH;
	// Tokens per run of the attention and the MLP: their working arrays stay tens of megabytes at any input size
	private static final int CHUNK_TOKENS = 8192;

	private final int size;
	private final int side0;
	private final int width0;
	private final float[] position; // [side0 * side0][width0]
	private final FloatPointer patchWeight;
	private final FloatPointer patchBias;
	private final List<Block> blocks = new ArrayList<>();
	private final Linear finest;  // level 0's lateral convolution followed by conv_s0
	private final Linear fine;    // level 1's followed by conv_s1
	private final Linear coarse;  // level 2's
	private final Linear coarsest; // level 3's, added to level 2 upsampled
	// Java working arrays by role and length, kept from frame to frame: made afresh, they would come to about
	// 0.6 GB per frame at 1024 px (tiny), and the heap would grow to hold them
	private final Map<String, float[]> arrays = new HashMap<>();

	/** One Hiera block: widths in and out, heads, window side (0: global), whether it pools (starts a stage). */
	private record Block(int in, int out, int heads, int window, boolean pools, float[] norm1Weight,
		float[] norm1Bias, Linear q, Linear k, Linear v, Linear projection, Linear shortcut, float[] norm2Weight,
		float[] norm2Bias, Linear up, Linear down) {}

	/**
	 * The image encoder of a bundle with its weights in a checkpoint ({@code weights} of its {@code image_encoder}
	 * graph, by initializer name), for the bundle's input size.
	 */
	OneDnnImageEncoder(final Map<String, float[]> weights, final BundleConfig config, final HieraLayout layout,
		final boolean bf16) throws BundleException
	{
		super("image encoder", bf16, OneDnn.QUERY_BLOCK);
		size = config.imageSize();
		side0 = size / PATCH_STRIDE;
		try {
			if (size % PATCH_STRIDE != 0) throw unsupported("an input size of " + size + " pixels");
			final float[] patch = require(weights, "backbone.patch_embed.projection.weight", -1);
			final float[] patchBiasValues = require(weights, "backbone.patch_embed.projection.bias", -1);
			width0 = patchBiasValues.length;
			if (patch.length != width0 * PATCH_VALUES) throw wrong("backbone.patch_embed.projection.weight");
			patchWeight = hold(patch);
			patchBias = hold(patchBiasValues);
			position = position(weights);
			readBlocks(weights, layout);
			final int[] widths = IntStream.range(0, blocks.size()).filter(this::endsStage).map(i -> blocks.get(i).out())
				.toArray();
			if (widths.length != 4) throw unsupported(widths.length + " stages");
			final int hidden = require(weights, "neck.convs.0.bias", -1).length;
			finest = folded(weights, "neck.convs.3", widths[0], hidden, "model.mask_decoder.conv_s0");
			fine = folded(weights, "neck.convs.2", widths[1], hidden, "model.mask_decoder.conv_s1");
			coarse = linear(weights, P + "neck.convs.1", widths[2], hidden);
			coarsest = linear(weights, P + "neck.convs.0", widths[3], hidden);
			if (hidden != config.hiddenDim() || side0 / 4 != config.featureSize()) {
				throw unsupported("features of another size than the bundle's");
			}
		}
		catch (final BundleException | RuntimeException e) {
			close();
			throw e;
		}
	}

	/**
	 * The encoder's three outputs for one image of normalised pixel values [3][size][size]: {@code high_res_feat0},
	 * {@code high_res_feat1} and {@code image_embed}, each [channels][h][w], as the graph gives them.
	 */
	float[][] encode(final float[] pixels) {
		final FloatPointer patches = scratch.floats("patches", (long) side0 * side0 * width0);
		final FloatPointer columns = scratch.floats("columns", (long) side0 * side0 * PATCH_VALUES).put(columns(
			pixels));
		dnn.linear(columns, side0 * side0, PATCH_VALUES, patchWeight, width0, patchBias, OneDnn.After.NOTHING, patches);
		float[] x = new float[side0 * side0 * width0];
		patches.get(x);
		for (int i = 0; i < x.length; i++) x[i] += position[i];
		int side = side0;
		final List<float[]> levels = new ArrayList<>();
		for (int i = 0; i < blocks.size(); i++) {
			final Block b = blocks.get(i);
			x = block(b, x, side);
			if (b.pools()) side /= 2;
			if (endsStage(i)) levels.add(x);
		}
		final int t0 = side0 * side0;
		final float[] feat0 = channelsFirst(applyToArray(finest, levels.get(0), t0, "level"), t0, finest.out());
		final float[] feat1 = channelsFirst(applyToArray(fine, levels.get(1), t0 / 4, "level"), t0 / 4, fine.out());
		final int s2 = side0 / 4;
		final int s3 = side0 / 8;
		final float[] embed = applyToArray(coarse, levels.get(2), s2 * s2, "level");
		final float[] top = applyToArray(coarsest, levels.get(3), s3 * s3, "level");
		final int c = coarse.out();
		for (int y = 0; y < s2; y++) {
			for (int xx = 0; xx < s2; xx++) {
				final int at = (y * s2 + xx) * c;
				final int from = ((y / 2) * s3 + xx / 2) * c;
				for (int ch = 0; ch < c; ch++) embed[at + ch] += top[from + ch];
			}
		}
		return new float[][] { feat0, feat1, channelsFirst(embed, s2 * s2, c) };
	}

	/**
	 * The 7 x 7 neighbourhoods (zero beyond the image) of the patch convolution's outputs, one row of 3 x 7 x 7
	 * values per output in the order of its weights: the convolution as one matrix product.
	 */
	private float[] columns(final float[] pixels) {
		final float[] out = kept("columns", side0 * side0 * PATCH_VALUES); // zero beyond the image: never written
		RowNorm.inParallel(side0, oy -> {
			for (int ox = 0; ox < side0; ox++) {
				final int row = (oy * side0 + ox) * PATCH_VALUES;
				for (int ch = 0; ch < 3; ch++) {
					for (int ky = 0; ky < PATCH; ky++) {
						final int y = oy * PATCH_STRIDE - PATCH_PADDING + ky;
						if (y < 0 || y >= size) continue;
						final int from = (ch * size + y) * size;
						final int to = row + (ch * PATCH + ky) * PATCH;
						for (int kx = 0; kx < PATCH; kx++) {
							final int x = ox * PATCH_STRIDE - PATCH_PADDING + kx;
							if (x >= 0 && x < size) out[to + kx] = pixels[from + x];
						}
					}
				}
			}
		});
		return out;
	}

	/** Whether block i is the last of its stage (the next one pools, or there is none). */
	private boolean endsStage(final int i) {
		return i == blocks.size() - 1 || blocks.get(i + 1).pools();
	}

	/** One Hiera block on tokens x [side * side][in]: [side' * side'][out], side' halved where it pools. */
	private float[] block(final Block b, final float[] x, final int side) {
		final int tokens = side * side;
		final float[] normed = RowNorm.norm(x, b.in(), b.norm1Weight(), b.norm1Bias(), LAYER_NORM_EPS, kept("normed",
			x.length));
		final int outSide = b.pools() ? side / 2 : side;
		float[] residual = x;
		if (b.shortcut() != null) {
			final FloatPointer shortcut = apply(b.shortcut(), scratch.floats("shortcut in", normed.length).put(normed),
				tokens, OneDnn.After.NOTHING, "shortcut");
			residual = new float[outSide * outSide * b.out()];
			if (b.pools()) {
				final FloatPointer pooled = scratch.floats("pooled", residual.length);
				dnn.maxPool(shortcut, 1, side, b.out(), pooled);
				pooled.get(residual);
			}
			else shortcut.get(residual);
		}
		final int window = b.window() == 0 ? side : b.window();
		final int perSide = (side + window - 1) / window;
		final int groups = perSide * perSide;
		final int t = window * window;
		final FloatPointer in = scratch.floats("in", (long) groups * t * b.in()).put(window == side ? normed
			: partition(normed, side, b.in(), window, perSide, kept("windows", groups * t * b.in())));
		final int c = b.out();
		final int queryWindow = b.pools() ? window / 2 : window;
		final int qt = queryWindow * queryWindow;
		final float[] projected = kept("projected", groups * qt * c);
		final int perChunk = Math.max(1, CHUNK_TOKENS / t);
		for (int g = 0; g < groups; g += perChunk) {
			final int gs = Math.min(perChunk, groups - g);
			final Pointer windows = OneDnn.at(in, (long) g * t * b.in() * Float.BYTES);
			final FloatPointer q = apply(b.q(), windows, gs * t, OneDnn.After.NOTHING, "q");
			final FloatPointer k = apply(b.k(), windows, gs * t, OneDnn.After.NOTHING, "k");
			final FloatPointer v = apply(b.v(), windows, gs * t, OneDnn.After.NOTHING, "v");
			FloatPointer queries = q;
			if (b.pools()) {
				queries = scratch.floats("pooled", (long) gs * qt * c);
				dnn.maxPool(q, gs, window, c, queries);
			}
			final FloatPointer attended = scratch.floats("attended", (long) gs * qt * c);
			dnn.attention(queries, gs, b.heads(), qt, k, v, t, c / b.heads(), attended);
			apply(b.projection(), attended, gs * qt, OneDnn.After.NOTHING, "projected").get(projected, g * qt * c, gs *
				qt * c);
		}
		// the windows put back in place, padding dropped, onto the shortcut
		final int qw = queryWindow;
		final float[] shortcut = residual;
		RowNorm.inParallel(outSide, y -> {
			final int gy = y / qw;
			final int iy = y % qw;
			for (int xx = 0; xx < outSide; xx++) {
				final int from = ((gy * perSide + xx / qw) * qt + iy * qw + xx % qw) * c;
				final int to = (y * outSide + xx) * c;
				for (int ch = 0; ch < c; ch++) shortcut[to + ch] += projected[from + ch];
			}
		});
		final int outTokens = outSide * outSide;
		final FloatPointer normed2 = scratch.floats("in", (long) outTokens * c).put(RowNorm.norm(residual, c, b
			.norm2Weight(), b.norm2Bias(), LAYER_NORM_EPS, kept("normed", residual.length)));
		final FloatPointer sum = scratch.floats("sum", (long) outTokens * c).put(residual);
		for (int row = 0; row < outTokens; row += CHUNK_TOKENS) {
			final int rows = Math.min(CHUNK_TOKENS, outTokens - row);
			final long offset = (long) row * c * Float.BYTES;
			final FloatPointer up = apply(b.up(), OneDnn.at(normed2, offset), rows, OneDnn.After.GELU, "up");
			dnn.linear(up, rows, b.up().out(), b.down().weight(), c, b.down().bias(), OneDnn.After.ADD, OneDnn.at(sum,
				offset));
		}
		sum.get(residual);
		return residual;
	}

	/** Tokens [side][side][c] cut into perSide^2 windows [window][window][c], zero beyond the image. */
	private static float[] partition(final float[] x, final int side, final int c, final int window,
		final int perSide, final float[] out)
	{
		final int t = window * window;
		if (perSide * window != side) java.util.Arrays.fill(out, 0);
		RowNorm.inParallel(side, y -> {
			final int gy = y / window;
			final int iy = y % window;
			for (int xx = 0; xx < side; xx++) {
				final int to = ((gy * perSide + xx / window) * t + iy * window + xx % window) * c;
				System.arraycopy(x, (y * side + xx) * c, out, to, c);
			}
		});
		return out;
	}

	/** A Java working array of a role and length, kept for the next frame; its contents are what was left. */
	private float[] kept(final String role, final int length) {
		return arrays.computeIfAbsent(role + " " + length, k -> new float[length]);
	}

	/** Rows [tokens][c] as channels [c][tokens]. */
	private static float[] channelsFirst(final float[] x, final int tokens, final int c) {
		final float[] out = new float[x.length];
		for (int t = 0; t < tokens; t++) {
			for (int ch = 0; ch < c; ch++) out[ch * tokens + t] = x[t * c + ch];
		}
		return out;
	}

	/** A linear layer on rows [rows][in] of a Java array, its result as a Java array. */
	private float[] applyToArray(final Linear l, final float[] x, final int rows, final String role) {
		final FloatPointer in = scratch.floats(role + " in", x.length).put(x);
		final float[] out = new float[rows * l.out()];
		apply(l, in, rows, OneDnn.After.NOTHING, role).get(out);
		return out;
	}

	// -- reading the weights

	private void readBlocks(final Map<String, float[]> w, final HieraLayout layout) throws BundleException {
		int stage = 0;
		for (int i = 0; w.containsKey(P + "backbone.blocks." + i + ".layer_norm1.weight"); i++) {
			final String b = "backbone.blocks." + i + ".";
			final float[] norm1Weight = require(w, b + "layer_norm1.weight", -1);
			final float[] norm2Weight = require(w, b + "layer_norm2.weight", -1);
			final int in = norm1Weight.length;
			final int out = norm2Weight.length;
			final boolean changes = w.containsKey(P + b + "proj.weight");
			if (changes != (in != out)) throw wrong(b + "proj.weight");
			if (changes) stage++;
			if (stage >= layout.stages()) throw unsupported("more stages than its layout lists");
			final int heads = layout.headsPerStage()[stage];
			if (out % heads != 0) throw unsupported(heads + " heads on " + out + " channels");
			final int window = layout.isGlobal(i) ? 0 : layout.windowPerStage()[changes ? stage - 1 : stage];
			final boolean pools = changes;
			if (pools && window % 2 != 0) throw unsupported("an odd window where the queries are pooled");
			final float[] qkvWeight = require(w, b + "attn.qkv.weight", 3 * out * in);
			final float[] qkvBias = require(w, b + "attn.qkv.bias", 3 * out);
			final float scale = (float) (1 / Math.sqrt(out / heads));
			final float[] upBias = require(w, b + "mlp.proj_in.bias", -1);
			final int hidden = upBias.length;
			blocks.add(new Block(in, out, heads, window, pools, norm1Weight, require(w, b + "layer_norm1.bias", in), rows(
				qkvWeight, qkvBias, 0, out, in, scale), rows(qkvWeight, qkvBias, 1, out, in, 1), rows(qkvWeight, qkvBias,
					2, out, in, 1), linear(w, P + b + "attn.proj", out, out), changes ? linear(w, P + b + "proj", in, out)
						: null, norm2Weight, require(w, b + "layer_norm2.bias", out), linear(require(w, b +
							"mlp.proj_in.weight", hidden * out), upBias, out, hidden), linear(w, P + b + "mlp.proj_out",
								hidden, out)));
		}
		if (blocks.isEmpty()) throw new BundleException("The checkpoint has no image encoder blocks.");
		// each pooling block's windows must tile the halved grid as they tiled the whole one
		int side = side0;
		for (final Block b : blocks) {
			if (!b.pools() || b.window() == 0) {
				if (b.pools()) side /= 2;
				continue;
			}
			if (side % 2 != 0 || (side + b.window() - 1) / b.window() != (side / 2 + b.window() / 2 - 1) / (b.window() /
				2)) throw unsupported("an input size of " + size + " pixels");
			side /= 2;
		}
	}

	/** Rows part * out .. (part + 1) * out of the joint q, k, v projection, times a scale. */
	private Linear rows(final float[] weight, final float[] bias, final int part, final int out, final int in,
		final float scale)
	{
		final float[] wPart = new float[out * in];
		final float[] bPart = new float[out];
		for (int i = 0; i < out * in; i++) wPart[i] = weight[part * out * in + i] * scale;
		for (int i = 0; i < out; i++) bPart[i] = bias[part * out + i] * scale;
		return linear(wPart, bPart, in, out);
	}

	/** A lateral 1 x 1 convolution followed by another, as one linear layer: W2 W1 and W2 b1 + b2. */
	private Linear folded(final Map<String, float[]> w, final String lateral, final int in, final int hidden,
		final String then) throws BundleException
	{
		final float[] w1 = require(w, lateral + ".weight", hidden * in);
		final float[] b1 = require(w, lateral + ".bias", hidden);
		final float[] b2 = required(w, then + ".bias", -1);
		final int out = b2.length;
		final float[] w2 = required(w, then + ".weight", out * hidden);
		final float[] weight = new float[out * in];
		final float[] bias = new float[out];
		for (int o = 0; o < out; o++) {
			double b = b2[o];
			for (int h = 0; h < hidden; h++) b += (double) w2[o * hidden + h] * b1[h];
			bias[o] = (float) b;
			for (int i = 0; i < in; i++) {
				double sum = 0;
				for (int h = 0; h < hidden; h++) sum += (double) w2[o * hidden + h] * w1[h * in + i];
				weight[o * in + i] = (float) sum;
			}
		}
		return linear(weight, bias, in, out);
	}

	/**
	 * The position code added to the patches, [side0 * side0][width0]: the background code resized bicubically
	 * (torch's, a = -0.75, half-pixel centres, edges repeated) plus the window code tiled.
	 */
	private float[] position(final Map<String, float[]> w) throws BundleException {
		final float[] background = require(w, "backbone.pos_embed", -1);
		final float[] window = require(w, "backbone.pos_embed_window", -1);
		final int bs = (int) Math.round(Math.sqrt(background.length / (double) width0));
		final int ws = (int) Math.round(Math.sqrt(window.length / (double) width0));
		if (bs * bs * width0 != background.length) throw wrong("backbone.pos_embed");
		if (ws * ws * width0 != window.length) throw wrong("backbone.pos_embed_window");
		if (side0 % ws != 0) throw unsupported("an input size of " + size + " pixels");
		final int[][] index = new int[side0][4];
		final double[][] weight = new double[side0][4];
		final double scale = bs / (double) side0;
		for (int o = 0; o < side0; o++) {
			final double src = scale * (o + 0.5) - 0.5;
			final int floor = (int) Math.floor(src);
			final double t = src - floor;
			for (int j = 0; j < 4; j++) index[o][j] = Math.min(Math.max(floor - 1 + j, 0), bs - 1);
			weight[o] = cubicWeights(t);
		}
		final float[] out = new float[side0 * side0 * width0];
		for (int c = 0; c < width0; c++) {
			final int plane = c * bs * bs;
			for (int y = 0; y < side0; y++) {
				for (int x = 0; x < side0; x++) {
					double sum = 0;
					for (int a = 0; a < 4; a++) {
						double row = 0;
						final int line = plane + index[y][a] * bs;
						for (int b = 0; b < 4; b++) row += weight[x][b] * background[line + index[x][b]];
						sum += weight[y][a] * row;
					}
					sum += window[(c * ws + y % ws) * ws + x % ws];
					out[(y * side0 + x) * width0 + c] = (float) sum;
				}
			}
		}
		return out;
	}

	/** Keys' cubic convolution weights (a = -0.75) at the four taps around a fractional offset t. */
	private static double[] cubicWeights(final double t) {
		final double a = -0.75;
		final double x1 = t + 1;
		final double x2 = 1 - t;
		final double x3 = 2 - t;
		return new double[] { ((a * x1 - 5 * a) * x1 + 8 * a) * x1 - 4 * a, ((a + 2) * t - (a + 3)) * t * t + 1,
			((a + 2) * x2 - (a + 3)) * x2 * x2 + 1, ((a * x3 - 5 * a) * x3 + 8 * a) * x3 - 4 * a };
	}

	private Linear linear(final Map<String, float[]> w, final String name, final int in, final int out)
		throws BundleException
	{
		return linear(required(w, name + ".weight", in * out), required(w, name + ".bias", out), in, out);
	}

	/** A vision encoder tensor by its name after "model.vision_encoder.". */
	private float[] require(final Map<String, float[]> w, final String name, final int length)
		throws BundleException
	{
		return required(w, P + name, length);
	}

	private static BundleException wrong(final String name) {
		return new BundleException("The image encoder's tensor '" + P + name + "' does not fit the others. Install " +
			"the model again.");
	}

	private static BundleException unsupported(final String what) {
		return new BundleException("The engine's own image encoder does not support " + what + ".");
	}

	@Override
	public void close() {
		arrays.clear();
		super.close();
	}
}
