package org.sam2tracker.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Meta's own checkpoint (sam2.1_hiera_*.pt) as the safetensors file the engine reads: every tensor the maps name
 * is taken from the Meta tensors their rows list (several stacked along the first axis), so that Java renames
 * nothing by rules of its own, and written under transformers' name in F32. The result is checked like any
 * downloaded checkpoint.
 */
public final class MetaCheckpoint {

	private MetaCheckpoint() {}

	/** Whether a file is a PyTorch checkpoint (a zip) rather than safetensors: by its first bytes, not its name. */
	public static boolean isPytorch(final Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			final byte[] head = in.readNBytes(4);
			return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
		}
	}

	/**
	 * Writes the tensors the map needs, from Meta's checkpoint, as a safetensors file: the header first, from the
	 * map's shapes, then one tensor at a time, so that memory holds only the largest.
	 *
	 * @return how many tensors were written
	 */
	public static int convert(final Path pt, final CheckpointMap map, final Path out) throws BundleException {
		final Map<String, CheckpointMap.Row> needed = new LinkedHashMap<>();
		for (final String graph : BundleManifest.GRAPH_NAMES) {
			for (final CheckpointMap.Row row : map.rows(graph)) needed.putIfAbsent(row.tensor(), row);
		}
		try (PytorchCheckpoint checkpoint = PytorchCheckpoint.open(pt); OutputStream o = Files.newOutputStream(out)) {
			o.write(header(needed));
			for (final CheckpointMap.Row row : needed.values()) {
				final float[] v = values(checkpoint, row);
				final ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
				b.asFloatBuffer().put(v);
				o.write(b.array());
			}
			return needed.size();
		}
		catch (final IOException e) {
			throw new BundleException("Cannot write the converted checkpoint " + out + ": " + e.getMessage(), e);
		}
	}

	/** The 8-byte length and the JSON header, padded with spaces so that the data starts on an 8-byte boundary. */
	private static byte[] header(final Map<String, CheckpointMap.Row> rows) {
		final JsonObject header = new JsonObject();
		long offset = 0;
		for (final CheckpointMap.Row row : rows.values()) {
			final JsonObject t = new JsonObject();
			t.addProperty("dtype", "F32");
			final JsonArray shape = new JsonArray();
			long elements = 1;
			for (final long d : row.checkpointShape()) {
				shape.add(d);
				elements *= d;
			}
			t.add("shape", shape);
			final JsonArray offsets = new JsonArray();
			offsets.add(offset);
			offset += 4 * elements;
			offsets.add(offset);
			t.add("data_offsets", offsets);
			header.add(row.tensor(), t);
		}
		final byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
		final int padded = (json.length + 7) / 8 * 8;
		final ByteBuffer out = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
		out.putLong(padded).put(json);
		while (out.hasRemaining()) out.put((byte) ' ');
		return out.array();
	}

	/** A tensor from the Meta tensors its row lists, stacked along the first axis when there are several. */
	private static float[] values(final PytorchCheckpoint checkpoint, final CheckpointMap.Row row)
		throws BundleException
	{
		if (row.meta().isEmpty()) {
			throw new BundleException("The model's checkpoint map does not say which tensor of Meta's checkpoint " +
				"holds '" + row.tensor() + "'. Install the model from its model.safetensors instead.");
		}
		final long[] shape = row.checkpointShape();
		final int parts = row.meta().size();
		if (shape.length == 0 || shape[0] % parts != 0) {
			throw new BundleException("The tensor '" + row.tensor() + "' of shape " + Arrays.toString(shape) +
				" cannot be split into " + parts + " parts of Meta's checkpoint.");
		}
		final long[] part = shape.clone();
		part[0] = shape[0] / parts;
		long elements = 1;
		for (final long d : shape) elements *= d;
		final float[] out = new float[Math.toIntExact(elements)];
		int at = 0;
		for (final String name : row.meta()) {
			final float[] piece = checkpoint.floats(name, part);
			System.arraycopy(piece, 0, out, at, piece.length);
			at += piece.length;
		}
		return out;
	}
}
