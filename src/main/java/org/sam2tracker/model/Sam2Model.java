package org.sam2tracker.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SAM 2.1 model ready to run: the five graphs of a checked bundle, each in its ONNX Runtime session on the
 * chosen device. Each method is one graph call on flat arrays (in the bf16 precision, the image encoder and the
 * memory attention are the engine's own in oneDNN instead, each checked against its graph when the model
 * opens); the video bookkeeping lives in the track layer. Close it to free the native sessions.
 */
public final class Sam2Model implements AutoCloseable {

	private static final String ATTENTION = "memory_attention";
	private static final String ENCODER = "image_encoder";

	private final ModelBundle bundle;
	private final SessionFactory factory;
	private final Map<String, OrtSession> sessions = new LinkedHashMap<>();
	private final Map<String, GraphInputs> graphInputs = new LinkedHashMap<>();
	private final Map<String, long[]> timings = new LinkedHashMap<>(); // graph -> {calls, nanoseconds}
	private long encoderFlopsAtReset; // the engine's own stages' arithmetic when the timings were reset
	private long attentionFlopsAtReset;
	private final BundleConfig c;
	private CheckpointWeights weights; // null when the graphs hold their weights
	private OneDnnMemoryAttention ownAttention; // bf16: the memory attention in oneDNN instead of its graph
	private OneDnnImageEncoder ownEncoder; // bf16: the image encoder in oneDNN instead of its graph
	private Precision precision = Precision.EXACT;
	private String precisionNote;

	private Sam2Model(final ModelBundle bundle, final SessionFactory factory) {
		this.bundle = bundle;
		this.factory = factory;
		this.c = bundle.config();
	}

	/** Opens a bundle folder: checks it, creates the sessions and checks each graph against the manifest. */
	public static Sam2Model open(final Path folder, final Device device, final int cpuThreads) throws BundleException {
		return open(folder, ModelBundle.OWN_INPUT_SIZE, device, cpuThreads);
	}

	/** Opens a bundle with its graphs for an input size in pixels (see {@link ModelBundle#open(Path, int)}). */
	public static Sam2Model open(final Path folder, final int inputSize, final Device device, final int cpuThreads)
		throws BundleException
	{
		return open(folder, inputSize, Precision.EXACT, device, cpuThreads);
	}

	/**
	 * Opens a bundle at an input size and in a precision. A precision the bundle cannot run is refused; int8 or bf16
	 * where it cannot pay (on the GPU, on a CPU without its matrix instructions, or without oneDNN for bf16) runs
	 * exact, and {@link #precisionNote()} says why.
	 */
	public static Sam2Model open(final Path folder, final int inputSize, final Precision asked, final Device device,
		final int cpuThreads) throws BundleException
	{
		final ModelBundle bundle = ModelBundle.open(folder, inputSize);
		if (!bundle.has(asked)) {
			throw new BundleException(bundle.manifest().modelName() + " in " + bundle.folder() + (asked == Precision.BF16
				? " holds its weights inside its graphs, and bf16 computes from the weights file (model.safetensors) " +
					"that installed models have. Install the model with the plugin"
				: " has no " + asked.key() + " graphs. Install the model again") + ", or choose the precision exact.");
		}
		final SessionFactory factory = new SessionFactory(device, cpuThreads);
		final Sam2Model model = new Sam2Model(bundle, factory);
		try {
			model.weights = CheckpointWeights.of(bundle);
			model.choosePrecision(asked);
			for (final String name : BundleManifest.GRAPH_NAMES) model.openSession(name);
			if (model.precision == Precision.BF16) model.startOwnStages();
			return model;
		}
		catch (final BundleException | RuntimeException e) {
			model.close();
			throw e;
		}
	}

	private void openSession(final String name) throws BundleException {
		final Path file = bundle.graphFile(name, precision);
		final OrtSession session = factory.open(file, weights == null ? Map.of() : weights.forGraph(factory
			.environment(), bundle.manifest().mapKey(name, precision)), packedCopies(name));
		sessions.put(name, session);
		graphInputs.put(name, new GraphInputs(factory.environment()));
		GraphContract.verify(bundle.manifest().graph(name, precision), session);
	}

	/**
	 * Whether a graph's session keeps ONNX Runtime's repacked weight copies. Not the float image encoder's: its
	 * products have a row per image token (16,384 at 512 px in the first stage, 256 in the last), so repacking on
	 * each call is under 1% of the work, while the copies held 45-170 MB more at the same speed (tiny, 2 cores,
	 * alternated four times: 512 px with 10 objects 998-1044 against 1041-1076 MB; 1024 px, 1 object, 1819-1846
	 * against 1897-1988 MB). The int8 encoder's integer products are left as ONNX Runtime sets them. The same
	 * choice holds whether the weights are in the graph or beside it, so both give the same floats.
	 */
	private boolean packedCopies(final String graph) {
		return !(graph.equals(ENCODER) && precision != Precision.INT8);
	}

	private void choosePrecision(final Precision asked) {
		precision = asked;
		if (asked == Precision.BF16) {
			chooseBf16();
			return;
		}
		if (asked != Precision.INT8) return;
		final String units = CpuFeatures.ofThisMachine().int8Units();
		final long flawed = amxFlawedWidth();
		if (factory.choice().gpu()) precisionNote = "int8 runs on the CPU's matrix units, not on the GPU: exact";
		else if (units == null) precisionNote = "this CPU has no int8 matrix instructions (VNNI or AMX), so int8 " +
			"would be no faster: exact";
		else if (flawed >= 0) precisionNote = "this model has layers " + flawed + " wide, " +
			"whose int8 products this CPU's AMX units compute wrongly in ONNX Runtime, so int8 is not used: exact";
		else precisionNote = "int8 on " + units;
		if (factory.choice().gpu() || units == null || flawed >= 0) precision = Precision.EXACT;
	}

	private void chooseBf16() {
		final String units = OneDnnLibrary.bf16Units();
		if (factory.choice().gpu()) precisionNote = "bf16 runs on the CPU's matrix units, not on the GPU: exact";
		else if (OneDnnLibrary.problem() != null) precisionNote = "the oneDNN library that bf16 runs on cannot " +
			"load here (" + OneDnnLibrary.problem() + "): exact";
		else if (units == null) precisionNote = "this CPU has no bfloat16 matrix instructions (AMX or AVX512-BF16), " +
			"so bf16 would be no faster: exact";
		if (factory.choice().gpu() || units == null) precision = Precision.EXACT;
	}

	/**
	 * Makes the engine's own memory attention and image encoder, each checked once against its graph
	 * ({@link OwnStageCheck}) and used only where it passes. A graph's session is closed once it has given its
	 * side of the check, before the engine's side runs, so that their working memory is not held at once (that
	 * peak was 0.7 GB above exact's on tiny at 1024), and opened again where the engine's side fails. bf16 without
	 * either is exact, and the note says why.
	 */
	private void startOwnStages() throws BundleException {
		final String units = " in bf16 on " + OneDnnLibrary.bf16Units();
		final String attention = startOwnAttention();
		final String encoder = startOwnEncoder();
		resetTimings(); // the checks are not tracking
		if (ownAttention == null && ownEncoder == null) {
			precision = Precision.EXACT;
			precisionNote = attention + "; " + encoder + ": exact";
		}
		else if (ownAttention != null && ownEncoder != null) precisionNote = "image encoder and memory attention" +
			units;
		else precisionNote = ownEncoder != null ? "image encoder" + units + "; " + attention : "memory attention" +
			units + "; " + encoder;
	}

	/** The engine's own memory attention where it passes its check; otherwise why the graph's is kept. */
	private String startOwnAttention() throws BundleException {
		final OneDnnMemoryAttention own = new OneDnnMemoryAttention(weights.floats(ATTENTION), c, true);
		final String refused = check(own, ATTENTION, "memory attention", () -> OwnStageCheck.error(own, c, (embed,
			memory, tpos, pointer, pointerTpos) -> {
			final float[] out = attendGraph(new FrameFeatures(null, null, embed), 1, 1, 1, memory, tpos, pointer,
				pointerTpos);
			closeSession(ATTENTION);
			return out;
		}));
		if (refused == null) ownAttention = own;
		return refused;
	}

	/** The engine's own image encoder where the bundle describes it and it passes its check; otherwise why not. */
	private String startOwnEncoder() throws BundleException {
		if (c.imageEncoder() == null) return "the image encoder stays float32, as this model's manifest does not " +
			"describe the encoder's layout (models the plugin installs get it; export others again with this " +
			"version's exporter to have it in bf16 too)";
		// The graph's side first, and its session closed before the engine's encoder is made: their working
		// memory and weights are not held at once (for large at 1024 that peak would be 1 GB higher).
		final float[] pixels = OwnStageCheck.pixels(c);
		final FrameFeatures f = encodeGraph(pixels);
		final float[][] theirs = { f.highResFeat0(), f.highResFeat1(), f.imageEmbed() };
		closeSession(ENCODER);
		final OneDnnImageEncoder own;
		try {
			own = new OneDnnImageEncoder(weights.floats(ENCODER), c, c.imageEncoder(), true);
		}
		catch (final BundleException | IllegalStateException e) {
			openSession(ENCODER);
			return "the image encoder stays float32: " + e.getMessage();
		}
		final String refused = check(own, ENCODER, "image encoder", () -> OwnStageCheck.error(own.encode(pixels),
			theirs));
		if (refused == null) ownEncoder = own;
		return refused;
	}

	/**
	 * Runs the opening check of an own stage: null where it passes; otherwise the stage is closed, the graph's
	 * session is there again, and the reason is returned.
	 */
	private String check(final OneDnnStage own, final String graph, final String stage,
		final java.util.function.DoubleSupplier error) throws BundleException
	{
		String refused;
		try {
			final double e = error.getAsDouble();
			if (e <= OwnStageCheck.TOLERANCE) return null;
			refused = String.format(java.util.Locale.ROOT, "the bf16 %s is %.1f%% away from this model's own (more " +
				"than bfloat16's rounding makes), so the %s stays float32", stage, 100 * e, stage);
		}
		catch (final RuntimeException e) { // oneDNN refusing a product on this machine, say
			refused = "the bf16 " + stage + " cannot run here (" + e.getMessage() + "), so the " + stage +
				" stays float32";
		}
		own.close();
		if (!sessions.containsKey(graph)) openSession(graph);
		return refused;
	}

	private void closeSession(final String graph) {
		try {
			sessions.remove(graph).close();
		}
		catch (final OrtException e) {
			// closing frees native memory; there is nothing more to do if it reports a problem
		}
	}

	/** On an AMX CPU, the first int8 layer width that ONNX Runtime's AMX products get wrong; -1 for none. */
	private long amxFlawedWidth() {
		if (weights == null || !CpuFeatures.ofThisMachine().hasAmx()) return -1;
		for (final String name : BundleManifest.GRAPH_NAMES) {
			final long width = AmxColumnFlaw.firstHit(weights.int8Columns(bundle.manifest().mapKey(name, Precision
				.INT8)));
			if (width >= 0) return width;
		}
		return -1;
	}

	/** The precision the model runs in: the one asked for, or exact where int8 cannot pay. */
	public Precision precision() {
		return precision;
	}

	/** Why the precision is what it is, when int8 or bf16 was asked for; null otherwise. */
	public String precisionNote() {
		return precisionNote;
	}

	/** "sam2.1-hiera-tiny at 512 pixels, int8, on CPU": the model as a run's log names it. */
	public String describe() {
		return bundle.manifest().modelName() + " at " + c.imageSize() + " pixels" + (precision == Precision.EXACT ? ""
			: ", " + precision.key() + ",") + " on " + device();
	}

	/**
	 * What decides the image encoder's outputs (see {@link ModelBundle#encoderFingerprint()}), with the precision it
	 * runs in: features kept under it are valid for exactly this encoder.
	 */
	public String encoderFingerprint() {
		final String own = bundle.encoderFingerprint();
		if (ownEncoder != null) return own + "/bf16 engine encoder";
		final GraphSpec encoder = bundle.manifest().graph(ENCODER, precision);
		// bf16 without its own encoder keeps the float32 graph: its features are exact's
		return encoder == bundle.manifest().graph(ENCODER) ? own : own + "/" + precision.key() + " " + encoder
			.sha256();
	}

	public BundleConfig config() {
		return c;
	}

	public ModelBundle bundle() {
		return bundle;
	}

	public DeviceChoice device() {
		return factory.choice();
	}

	/**
	 * How many objects one call of any stage takes (memory attention also within its scores budget). On the CPU one:
	 * one object already fills the cores, and ONNX Runtime keeps the largest call's working memory for the rest of
	 * the run. Ten objects in one memory-encoder call kept 0.74 GB more and took 1.48 s against 0.73 s for ten
	 * calls; in one decoder call 0.75 s against 0.45 s (sam2.1-hiera-tiny at 1024 pixels, 2 cores, 2026-12-02).
	 * On the GPU all of them, as a batch fills it.
	 */
	public int objectsPerCall() {
		return device().gpu() ? Integer.MAX_VALUE : 1;
	}

	public FrameFeatures encodeImage(final float[] pixelValues) {
		if (ownEncoder == null) return encodeGraph(pixelValues);
		final long start = System.nanoTime();
		final float[][] out;
		synchronized (ownEncoder) { // it keeps working arrays: one call at a time
			out = ownEncoder.encode(pixelValues);
		}
		record(ENCODER, System.nanoTime() - start);
		return new FrameFeatures(out[0], out[1], out[2]);
	}

	/** {@link #encodeImage} in the image_encoder graph. */
	private FrameFeatures encodeGraph(final float[] pixelValues) {
		final int s = c.imageSize();
		return call(ENCODER, in -> in.floats("pixel_values", pixelValues, 1, 3, s, s),
			r -> new FrameFeatures(out(r, "high_res_feat0"), out(r, "high_res_feat1"), out(r, "image_embed")));
	}

	public DecoderOutput decode(final FrameFeatures frame, final DecoderInput d) {
		final int b = d.objects();
		final int h = c.featureSize();
		final int hd = c.hiddenDim();
		final int l = c.lowResMaskSize();
		return call("mask_decoder", in -> {
			in.floats("image_embed", d.imageEmbed(), b, hd, h, h);
			in.floats("high_res_feat0", frame.highResFeat0(), 1, hd / 8, 4 * h, 4 * h);
			in.floats("high_res_feat1", frame.highResFeat1(), 1, hd / 4, 2 * h, 2 * h);
			in.floats("point_coords", d.pointCoords(), b, d.points(), 2);
			in.ints("point_labels", d.pointLabels(), b, d.points());
			in.floats("mask_input", d.maskInput(), b, 1, l, l);
			in.floats("has_mask_input", d.hasMaskInput(), b);
			in.floats("no_memory", d.noMemory(), b);
			in.floats("multimask", d.multimask(), b);
			in.floats("object_presence", d.objectPresence(), b);
		}, r -> new DecoderOutput(out(r, "low_res_masks"), out(r, "iou_scores"), longs(r, "mask_index"),
			out(r, "object_score_logits"), out(r, "object_pointer")));
	}

	/** Binary masks [B, 1, S, S] at model resolution -> {low-resolution logits, dense decoder prompt}. */
	public float[][] maskPrompt(final float[] masks, final int objects) {
		final int s = c.imageSize();
		return call("mask_prompt", in -> in.floats("mask", masks, objects, 1, s, s),
			r -> new float[][] { out(r, "low_res_masks"), out(r, "mask_input") });
	}

	/** Memory features [B, D, h, h] (not yet rounded to bfloat16) for B objects on one frame. */
	public float[] encodeMemory(final FrameFeatures frame, final float[] maskHighRes, final float[] binarize,
		final float[] objectScores)
	{
		final int b = binarize.length;
		final int s = c.imageSize();
		final int h = c.featureSize();
		return call("memory_encoder", in -> {
			in.floats("image_embed", frame.imageEmbed(), 1, c.hiddenDim(), h, h);
			in.floats("mask_high_res", maskHighRes, b, 1, s, s);
			in.floats("binarize", binarize, b);
			in.floats("object_score_logits", objectScores, b, 1);
		}, r -> out(r, "memory_features"));
	}

	/**
	 * Conditioned features [B, C, h, h] for B objects with F memory frames and P pointers each:
	 * memory [B, F, D, h, h], memoryTpos [B, F], pointers [B, P, C], pointerTpos [B, P].
	 */
	public float[] attend(final FrameFeatures frame, final int objects, final int frames, final int pointers,
		final float[] memory, final long[] memoryTpos, final float[] pointerValues, final float[] pointerTpos)
	{
		if (ownAttention != null) return attendOwn(frame, objects, frames, pointers, memory, memoryTpos, pointerValues,
			pointerTpos);
		return attendGraph(frame, objects, frames, pointers, memory, memoryTpos, pointerValues, pointerTpos);
	}

	/** {@link #attend} in the memory_attention graph. */
	private float[] attendGraph(final FrameFeatures frame, final int objects, final int frames, final int pointers,
		final float[] memory, final long[] memoryTpos, final float[] pointerValues, final float[] pointerTpos)
	{
		final int h = c.featureSize();
		final int hd = c.hiddenDim();
		return call(ATTENTION, in -> {
			in.floats("image_embed", frame.imageEmbed(), 1, hd, h, h);
			in.floats("memory_features", memory, objects, frames, c.memoryDim(), h, h);
			in.longs("memory_tpos", memoryTpos, objects, frames);
			in.floats("object_pointers", pointerValues, objects, pointers, hd);
			in.floats("pointer_tpos", pointerTpos, objects, pointers);
		}, r -> out(r, "conditioned_embed"));
	}

	/** {@link #attend} in oneDNN, one object after the other, timed as the graph would be. */
	private float[] attendOwn(final FrameFeatures frame, final int objects, final int frames, final int pointers,
		final float[] memory, final long[] memoryTpos, final float[] pointerValues, final float[] pointerTpos)
	{
		final long start = System.nanoTime();
		final int memoryLength = frames * c.memoryDim() * c.featureSize() * c.featureSize();
		final int outLength = c.hiddenDim() * c.featureSize() * c.featureSize();
		final float[] out = new float[objects * outLength];
		synchronized (ownAttention) { // it keeps working arrays: one call at a time
			for (int b = 0; b < objects; b++) {
				final float[] one = ownAttention.attend(frame.imageEmbed(), frames, slice(memory, b, memoryLength),
					java.util.Arrays.copyOfRange(memoryTpos, b * frames, (b + 1) * frames), pointers, slice(pointerValues,
						b, pointers * c.hiddenDim()), slice(pointerTpos, b, pointers));
				System.arraycopy(one, 0, out, b * outLength, outLength);
			}
		}
		record(ATTENTION, System.nanoTime() - start);
		return out;
	}

	/** The b-th block of {@code length} values (the array itself for a batch of one). */
	private static float[] slice(final float[] all, final int b, final int length) {
		return all.length == length ? all : java.util.Arrays.copyOfRange(all, b * length, (b + 1) * length);
	}

	/** Fills a graph's inputs; the tensors are closed after the call whatever happens. */
	@FunctionalInterface
	private interface Inputs {

		void fill(GraphInputs inputs) throws OrtException;
	}

	/** Copies what is needed out of a graph's results before they are closed. */
	@FunctionalInterface
	private interface Outputs<T> {

		T read(OrtSession.Result result) throws OrtException;
	}

	private <T> T call(final String graph, final Inputs inputs, final Outputs<T> outputs) {
		final GraphInputs in = graphInputs.get(graph);
		synchronized (in) { // its buffers serve one call at a time
			try {
				inputs.fill(in);
				try (OrtSession.Result r = run(graph, in.tensors())) {
					return outputs.read(r);
				}
			}
			catch (final OrtException e) {
				throw new IllegalStateException("The " + graph + " graph failed: " + e.getMessage(), e);
			}
			finally {
				in.closeTensors();
			}
		}
	}

	/** Calls and total milliseconds per graph since the model was opened or the timings were reset. */
	public synchronized Map<String, double[]> stageTimings() {
		final Map<String, double[]> out = new LinkedHashMap<>();
		timings.forEach((graph, t) -> out.put(graph, new double[] { t[0], t[1] / 1e6 }));
		return out;
	}

	public synchronized void resetTimings() {
		timings.clear();
		encoderFlopsAtReset = ownEncoder == null ? 0 : ownEncoder.flops();
		attentionFlopsAtReset = ownAttention == null ? 0 : ownAttention.flops();
	}

	/**
	 * The matrix products' arithmetic, in GFLOP, of each stage the engine computes itself (bf16) since the model was
	 * opened or the timings were reset; empty where every stage is a graph, whose arithmetic ONNX Runtime does not
	 * count. With {@link #stageTimings} it gives the rate a stage reaches.
	 */
	public synchronized Map<String, Double> ownStageGflop() {
		final Map<String, Double> out = new LinkedHashMap<>();
		if (ownEncoder != null) out.put(ENCODER, (ownEncoder.flops() - encoderFlopsAtReset) / 1e9);
		if (ownAttention != null) out.put(ATTENTION, (ownAttention.flops() - attentionFlopsAtReset) / 1e9);
		return out;
	}

	private OrtSession.Result run(final String graph, final Map<String, OnnxTensor> in) throws OrtException {
		final long start = System.nanoTime();
		final OrtSession.Result result = sessions.get(graph).run(in);
		record(graph, System.nanoTime() - start);
		return result;
	}

	private synchronized void record(final String graph, final long elapsed) {
		final long[] t = timings.computeIfAbsent(graph, k -> new long[2]);
		t[0]++;
		t[1] += elapsed;
	}

	// -- tensors in and out

	private static float[] out(final OrtSession.Result r, final String name) throws OrtException {
		final OnnxTensor t = (OnnxTensor) r.get(name).orElseThrow(() -> new IllegalStateException("no output " + name));
		final FloatBuffer buffer = t.getFloatBuffer();
		// getFloatBuffer already copies into a heap buffer: take its array rather than copy it again
		if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0 &&
			buffer.remaining() == buffer.array().length) return buffer.array();
		final float[] values = new float[buffer.remaining()];
		buffer.get(values);
		return values;
	}

	private static long[] longs(final OrtSession.Result r, final String name) throws OrtException {
		final OnnxTensor t = (OnnxTensor) r.get(name).orElseThrow(() -> new IllegalStateException("no output " + name));
		final LongBuffer buffer = t.getLongBuffer();
		final long[] values = new long[buffer.remaining()];
		buffer.get(values);
		return values;
	}

	@Override
	public void close() {
		for (final OrtSession s : sessions.values()) {
			try {
				s.close();
			}
			catch (final OrtException e) {
				// closing frees native memory; there is nothing more to do if it reports a problem
			}
		}
		sessions.clear();
		graphInputs.values().forEach(GraphInputs::release);
		graphInputs.clear();
		if (ownAttention != null) ownAttention.close();
		ownAttention = null;
		if (ownEncoder != null) ownEncoder.close();
		ownEncoder = null;
		if (weights != null) weights.close(); // only now: the sessions read the weights' buffers
		weights = null;
		factory.close();
	}
}
