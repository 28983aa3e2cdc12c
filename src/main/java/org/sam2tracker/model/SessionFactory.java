package org.sam2tracker.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;

import ai.onnxruntime.OnnxTensorLike;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

/**
 * Creates ONNX Runtime sessions on the chosen device. One {@link OrtEnvironment} serves the whole process.
 * AUTO tries CUDA first and falls back to the CPU, saying why; GPU fails with a message naming what is missing.
 */
public final class SessionFactory implements AutoCloseable {

	// Fatal errors only: graph loading warns about shape merges it resolves itself, and CUDA's start-up failures
	// come back as exceptions that this class puts in words; neither should reach users as raw log lines.
	private final OrtEnvironment env = processEnvironment();
	private final SessionOptions options;
	private final DeviceChoice choice;
	private final int cpuThreads;

	public SessionFactory(final Device device, final int cpuThreads) throws BundleException {
		DeviceChoice chosen = null;
		SessionOptions opts = null;
		try {
			if (device != Device.CPU) {
				final String missing = cudaMissing();
				if (missing == null) {
					opts = base(cpuThreads, true);
					try {
						addCuda(opts);
						final String wrong = GpuSelfTest.run(env, opts, base(cpuThreads, false));
						if (wrong != null) throw new OrtException(wrong);
						chosen = new DeviceChoice(true, device == Device.GPU ? "requested" : "CUDA is available");
					}
					catch (final OrtException | UnsatisfiedLinkError e) {
						opts.close();
						opts = null;
						final String why = GpuSelfTest.inWords(e.getMessage());
						if (device == Device.GPU) throw gpuError(why);
						chosen = new DeviceChoice(false, why);
					}
				}
				else if (device == Device.GPU) {
					throw gpuError(missing);
				}
				else {
					chosen = new DeviceChoice(false, missing);
				}
			}
			if (opts == null) {
				opts = base(cpuThreads, false);
				if (chosen == null) chosen = new DeviceChoice(false, "requested");
			}
		}
		catch (final OrtException e) {
			throw new BundleException("ONNX Runtime could not be set up: " + e.getMessage(), e);
		}
		this.options = opts;
		this.choice = chosen;
		this.cpuThreads = cpuThreads;
	}

	/**
	 * CUDA on GPU 0, with memory that grows by what is asked for rather than by doubling (a long run's arena stays
	 * near its need), copies on the default stream with the kernels (one stream, no extra synchronisation), and
	 * cuDNN's convolution algorithms chosen by heuristics rather than timed per new shape (no first-call spikes).
	 */
	private static void addCuda(final SessionOptions opts) throws OrtException {
		try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(0)) {
			cuda.add("arena_extend_strategy", "kSameAsRequested");
			cuda.add("do_copy_in_default_stream", "1");
			cuda.add("cudnn_conv_algo_search", "HEURISTIC");
			opts.addCUDA(cuda);
		}
	}

	/** The process's environment; from here on its natives are fixed (see {@link NativeRuntime}). */
	static OrtEnvironment processEnvironment() {
		NativeRuntime.starting();
		return OrtEnvironment.getEnvironment(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "sam2-tracker");
	}

	/**
	 * Options every session shares. On the CPU without the memory pattern (a block per run, planned from the first
	 * run, which the arena keeps beside the first run's own tensors): with it the process held about 650 MB more
	 * at the same speed (sam2.1-hiera-tiny at 1024 pixels, 2 cores: peak 1.9 GB instead of 2.6 GB for one object,
	 * 3.30 s per frame either way). On the GPU it stays as ONNX Runtime sets it.
	 */
	private static SessionOptions base(final int cpuThreads, final boolean gpu) throws OrtException {
		final SessionOptions opts = new SessionOptions();
		opts.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
		opts.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
		if (cpuThreads > 0) opts.setIntraOpNumThreads(cpuThreads);
		if (!gpu) opts.setMemoryPatternOptimization(false);
		return opts;
	}

	/** Why CUDA cannot be used, or null when the natives in use have it (a GPU pack is active). */
	private static String cudaMissing() {
		final EnumSet<ai.onnxruntime.OrtProvider> providers = OrtEnvironment.getAvailableProviders();
		if (!providers.contains(ai.onnxruntime.OrtProvider.CUDA)) return NativeRuntime.whyNoGpu();
		return null;
	}

	private static DeviceException gpuError(final String why) {
		return new DeviceException("The GPU was requested but cannot be used: " + why +
			". Choose Auto or CPU to track on the CPU.");
	}

	/** A session of a graph that holds its weights, with the options every such session shares. */
	public OrtSession open(final Path graph) throws BundleException {
		return open(graph, Map.of(), true);
	}

	/**
	 * A session of a graph, its weight placeholders filled with the given tensors where it has them (a graph
	 * without weights; an empty map for a graph that holds its own). A session with weights given, or without
	 * repacked copies, gets options of its own on the same device, since such options belong to one graph.
	 *
	 * @param packedCopies whether ONNX Runtime may keep a second, repacked copy of the weights for its CPU matrix
	 *        products. Repacking on each call instead costs a row of work per weight row, nothing beside products of
	 *        thousands of rows (the image encoder's); the copy costs memory for as long as the session is open. The
	 *        two give last-bit differences, so sessions that must agree bit for bit are opened alike.
	 */
	public OrtSession open(final Path graph, final Map<String, ? extends OnnxTensorLike> weights,
		final boolean packedCopies) throws BundleException
	{
		try {
			if (weights.isEmpty() && packedCopies) return env.createSession(graph.toString(), options);
			try (SessionOptions own = base(cpuThreads, choice.gpu())) {
				if (choice.gpu()) addCuda(own);
				if (!packedCopies) own.addConfigEntry("session.disable_prepacking", "1");
				if (!weights.isEmpty()) own.addExternalInitializers(new java.util.LinkedHashMap<String, OnnxTensorLike>(
					weights));
				return env.createSession(graph.toString(), own);
			}
		}
		catch (final OrtException e) {
			throw cannotLoad(graph, e);
		}
	}

	private static BundleException cannotLoad(final Path graph, final OrtException e) {
		return new BundleException("ONNX Runtime cannot load " + graph + ": " + e.getMessage() +
			". The file may be damaged; install or export the model again.", e);
	}

	public OrtEnvironment environment() {
		return env;
	}

	public DeviceChoice choice() {
		return choice;
	}

	@Override
	public void close() {
		options.close();
	}
}
