package org.sam2tracker.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header of a safetensors checkpoint: each tensor's dtype, shape and byte range in the data after it. Read
 * from a file ({@link SafetensorsFile}) or from the first bytes of a file on a server, so that a checkpoint is
 * checked against a model before hundreds of megabytes are fetched.
 */
public final class SafetensorsHeader {

	/** One tensor's entry; {@code begin} and {@code end} count from the start of the data. */
	public record Entry(String name, String dtype, long[] shape, long begin, long end) {

		public long elements() {
			long n = 1;
			for (final long d : shape) n *= d;
			return n;
		}
	}

	/**
	 * Names that stand for one tensor: transformers stores Meta's single positional-embedding matrix under two
	 * names, both from the same tensor, so a checkpoint that holds either one serves for the other.
	 */
	private static final Map<String, String> SAME_TENSOR = Map.of(
		"shared_image_embedding.positional_embedding", "prompt_encoder.shared_embedding.positional_embedding",
		"prompt_encoder.shared_embedding.positional_embedding", "shared_image_embedding.positional_embedding");

	/** Header lengths beyond this are damage, not headers (real ones are well under a megabyte). */
	public static final long MAX_LENGTH = 100L << 20;

	private final String name;
	private final String where;
	private final Map<String, Entry> entries;

	private SafetensorsHeader(final String name, final String where, final Map<String, Entry> entries) {
		this.name = name;
		this.where = where;
		this.entries = entries;
	}

	/**
	 * Checks the header length the first 8 bytes give.
	 *
	 * @param fileSize the whole file's size, or -1 where it is not known
	 * @param where names the file in messages: its path, or its address
	 */
	public static void checkLength(final long headerLength, final long fileSize, final String where)
		throws BundleException
	{
		if (headerLength <= 0 || headerLength > MAX_LENGTH || fileSize >= 0 && 8 + headerLength > fileSize) {
			throw damaged(where, "its header length (" + headerLength + " bytes) does not fit a file of " + (fileSize <
				0 ? "this kind" : fileSize + " bytes"));
		}
	}

	/**
	 * The header from its JSON text.
	 *
	 * @param name the file's name, as messages about a tensor call it
	 * @param dataLength the bytes after the header, or -1 where the file's size is not known
	 */
	public static SafetensorsHeader parse(final String name, final String where, final String json,
		final long dataLength) throws BundleException
	{
		final JsonObject header;
		try {
			header = JsonParser.parseString(json).getAsJsonObject();
		}
		catch (final JsonParseException | IllegalStateException e) {
			throw damaged(where, "its header is not JSON");
		}
		final Map<String, Entry> entries = new LinkedHashMap<>();
		for (final Map.Entry<String, JsonElement> item : header.entrySet()) {
			if (item.getKey().equals("__metadata__")) continue;
			try {
				final JsonObject t = item.getValue().getAsJsonObject();
				final long[] shape = new long[t.getAsJsonArray("shape").size()];
				for (int i = 0; i < shape.length; i++) shape[i] = t.getAsJsonArray("shape").get(i).getAsLong();
				final long begin = t.getAsJsonArray("data_offsets").get(0).getAsLong();
				final long end = t.getAsJsonArray("data_offsets").get(1).getAsLong();
				if (begin < 0 || end < begin || dataLength >= 0 && end > dataLength) {
					throw damaged(where, "the tensor '" + item.getKey() + "' lies outside its data (bytes " + begin + "-" +
						end + " of " + dataLength + ")");
				}
				entries.put(item.getKey(), new Entry(item.getKey(), t.get("dtype").getAsString(), shape, begin, end));
			}
			catch (final RuntimeException e) {
				throw damaged(where, "the header entry of '" + item.getKey() + "' is malformed");
			}
		}
		return new SafetensorsHeader(name, where, entries);
	}

	public Map<String, Entry> entries() {
		return Collections.unmodifiableMap(entries);
	}

	/** The entry of a tensor that exists, has the shape the caller needs, a float dtype and all its bytes. */
	public Entry checked(final String tensor, final long[] shape) throws BundleException {
		final Entry e = entries.containsKey(tensor) ? entries.get(tensor) : entries.get(SAME_TENSOR.get(tensor));
		if (e == null) {
			throw new BundleException("The weights file " + name + " has no tensor '" + tensor + "'. It is not a " +
				"checkpoint of this model, or it is incomplete: download it again.");
		}
		if (!Arrays.equals(e.shape(), shape)) {
			throw new BundleException("The tensor '" + tensor + "' in " + name + " has the shape " + Arrays.toString(e
				.shape()) + "; this model needs " + Arrays.toString(shape) + ". The checkpoint is of another model " +
				"size.");
		}
		final int width = switch (e.dtype()) {
			case "F32" -> 4;
			case "F16", "BF16" -> 2;
			default -> throw new BundleException("The tensor '" + tensor + "' in " + name + " holds " + e.dtype() +
				" values; weights must be F32, F16 or BF16.");
		};
		if (e.end() - e.begin() != e.elements() * width) {
			throw new BundleException("The tensor '" + tensor + "' in " + name + " has " + (e.end() - e.begin()) +
				" bytes for " + e.elements() + " " + e.dtype() + " values: the file is damaged.");
		}
		if (e.elements() > Integer.MAX_VALUE - 8) {
			throw new BundleException("The tensor '" + tensor + "' is too large to read (" + e.elements() + " values).");
		}
		return e;
	}

	static BundleException damaged(final String where, final String why) {
		return new BundleException("The weights file " + where + " is damaged: " + why + ". Download it again.");
	}
}
