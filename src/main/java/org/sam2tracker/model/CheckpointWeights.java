package org.sam2tracker.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of a bundle whose graphs hold none, read from its checkpoint (the official model.safetensors)
 * through the checkpoint map, as ONNX Runtime tensors for the placeholders of each graph. The tensors back
 * the sessions made from them, so they live until this is closed, after the sessions.
 */
public final class CheckpointWeights implements AutoCloseable {

	private final SafetensorsFile checkpoint;
	private final CheckpointMap map;
	private final List<OnnxTensor> created = new ArrayList<>();

	private CheckpointWeights(final SafetensorsFile checkpoint, final CheckpointMap map) {
		this.checkpoint = checkpoint;
		this.map = map;
	}

	/**
	 * The weights of a bundle, or null when its graphs hold their weights inside. Opening the bundle checked that
	 * the weights file is there and of the installed size.
	 */
	public static CheckpointWeights of(final ModelBundle bundle) throws BundleException {
		final WeightsSpec weights = bundle.manifest().weights();
		if (weights == null) return null;
		final CheckpointMap map = CheckpointMap.read(bundle.folder().resolve(bundle.manifest().checkpointMap()));
		return new CheckpointWeights(SafetensorsFile.open(bundle.weightsFile()), map);
	}

	/** The column count of each int8 matrix a graph's rows make (none for a graph without int8 layers). */
	public long[] int8Columns(final String graph) {
		return map.rows(graph).stream().filter(r -> Int8Columns.VALUES.equals(r.quantize())).mapToLong(r -> r
			.shape()[1]).toArray();
	}

	/**
	 * Checks, without loading anything, that the bundle's checkpoint has every tensor its graphs need, with the
	 * right shape and a float dtype: a wrong or damaged file is refused with the first bad tensor's name.
	 */
	public static void check(final ModelBundle bundle) throws BundleException {
		try (CheckpointWeights weights = of(bundle)) {
			if (weights != null) weights.checkAll();
		}
	}

	/**
	 * The same check of any checkpoint file against a map, before it is installed: a file given for a model is
	 * refused in seconds, with the first bad tensor named, instead of after it is copied.
	 */
	public static void check(final CheckpointMap map, final Path checkpoint) throws BundleException {
		try (SafetensorsFile file = SafetensorsFile.open(checkpoint)) {
			check(map, file.header());
		}
	}

	/** The same check of a checkpoint's header alone: what a server sends first, before the weights themselves. */
	public static void check(final CheckpointMap map, final SafetensorsHeader header) throws BundleException {
		for (final String graph : BundleManifest.GRAPH_NAMES) {
			for (final CheckpointMap.Row row : map.rows(graph)) header.checked(row.tensor(), checkpointShape(row));
		}
	}

	/** Every tensor the map needs that the header lacks or holds wrongly, one message each; empty when all fit. */
	public static List<String> problems(final CheckpointMap map, final SafetensorsHeader header) {
		final List<String> problems = new ArrayList<>();
		for (final String graph : BundleManifest.GRAPH_NAMES) {
			for (final CheckpointMap.Row row : map.rows(graph)) {
				try {
					header.checked(row.tensor(), checkpointShape(row));
				}
				catch (final BundleException e) {
					problems.add(graph + ": " + e.getMessage());
				}
			}
		}
		return problems;
	}

	private void checkAll() throws BundleException {
		check(map, checkpoint.header());
	}

	/** The tensors that fill a graph's placeholders, by initializer name. */
	public Map<String, OnnxTensor> forGraph(final OrtEnvironment env, final String graph) throws BundleException {
		final Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
		final Map<String, Int8Columns> quantized = new java.util.HashMap<>(); // values and scales made once
		for (final CheckpointMap.Row row : map.rows(graph)) {
			if (row.quantize() != null) {
				Int8Columns columns = quantized.get(row.tensor());
				if (columns == null) {
					columns = Int8Columns.of(matrix(row), (int) row.shape()[0], (int) row.shape()[1]);
					quantized.put(row.tensor(), columns);
				}
				tensors.put(row.initializer(), tensor(env, row, columns));
				continue;
			}
			final FloatBuffer values = values(row);
			try {
				final OnnxTensor tensor = OnnxTensor.createTensor(env, values, row.shape());
				created.add(tensor);
				tensors.put(row.initializer(), tensor);
			}
			catch (final OrtException e) {
				throw new BundleException("ONNX Runtime cannot hold the tensor '" + row.tensor() + "': " + e.getMessage(), e);
			}
		}
		return tensors;
	}

	/**
	 * A float graph's checkpoint tensors by initializer name, as float arrays in the graph's axis order: for
	 * arithmetic the engine does itself with the same weights ({@link OneDnnStage}). Each tensor is read when it is
	 * asked for, so that a large encoder's weights never sit on the Java heap all at once (0.9 GB for large); a
	 * tensor that cannot be read then (the file was checked when the bundle opened) is an IllegalStateException.
	 */
	public Map<String, float[]> floats(final String graph) {
		final Map<String, CheckpointMap.Row> rows = new LinkedHashMap<>();
		for (final CheckpointMap.Row row : map.rows(graph)) {
			if (row.quantize() == null) rows.put(row.initializer(), row);
		}
		return new java.util.AbstractMap<>() {

			@Override
			public boolean containsKey(final Object name) {
				return rows.containsKey(name);
			}

			@Override
			public float[] get(final Object name) {
				final CheckpointMap.Row row = rows.get(name);
				return row == null ? null : read(row);
			}

			@Override
			public java.util.Set<Entry<String, float[]>> entrySet() {
				final java.util.Set<Entry<String, float[]>> entries = new java.util.LinkedHashSet<>();
				rows.forEach((name, row) -> entries.add(new SimpleImmutableEntry<>(name, read(row))));
				return entries;
			}
		};
	}

	private float[] read(final CheckpointMap.Row row) {
		try {
			return matrix(row);
		}
		catch (final BundleException e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
	}

	/** An int8 graph's placeholder: a matrix's int8 values [K, N] or its column scales [N]. */
	private OnnxTensor tensor(final OrtEnvironment env, final CheckpointMap.Row row, final Int8Columns columns)
		throws BundleException
	{
		try {
			final OnnxTensor tensor = Int8Columns.VALUES.equals(row.quantize()) ? OnnxTensor.createTensor(env,
				java.nio.ByteBuffer.allocateDirect(columns.values().length).put(columns.values()).flip(), row.shape())
				: OnnxTensor.createTensor(env, FloatBuffer.wrap(columns.scales()), new long[] { row.shape()[1] });
			created.add(tensor);
			return tensor;
		}
		catch (final OrtException e) {
			throw new BundleException("ONNX Runtime cannot hold the tensor '" + row.tensor() + "': " + e
				.getMessage(), e);
		}
	}

	/** A row's tensor as the graph multiplies it, row after row. */
	private float[] matrix(final CheckpointMap.Row row) throws BundleException {
		final FloatBuffer values = values(row);
		final float[] out = new float[values.remaining()];
		values.get(out);
		return out;
	}

	/** A row's values in the graph's axis order: read as stored, or transposed where the map says so. */
	private FloatBuffer values(final CheckpointMap.Row row) throws BundleException {
		return row.transpose() == null ? checkpoint.directFloats(row.tensor(), checkpointShape(row)) : transposed(row);
	}

	/** The shape of the tensor in the checkpoint: the graph's shape with the axis order undone. */
	private static long[] checkpointShape(final CheckpointMap.Row row) {
		return row.checkpointShape();
	}

	/** A matrix stored the other way round in the checkpoint (the only reordering the exporter records). */
	private FloatBuffer transposed(final CheckpointMap.Row row) throws BundleException {
		if (row.shape().length != 2) {
			throw new BundleException("The checkpoint map asks to reorder the axes of '" + row.tensor() +
				"', which has " + row.shape().length + "; only matrices can be transposed. Install the model again.");
		}
		final long[] stored = checkpointShape(row);
		final float[] in = checkpoint.floats(row.tensor(), stored);
		final int rows = (int) stored[0];
		final int cols = (int) stored[1];
		final FloatBuffer out = java.nio.ByteBuffer.allocateDirect(in.length * Float.BYTES).order(java.nio.ByteOrder
			.nativeOrder()).asFloatBuffer();
		for (int c = 0; c < cols; c++) {
			for (int r = 0; r < rows; r++) out.put(in[r * cols + c]);
		}
		return out.flip();
	}

	@Override
	public void close() {
		created.forEach(OnnxTensor::close);
		created.clear();
		checkpoint.close();
	}
}
