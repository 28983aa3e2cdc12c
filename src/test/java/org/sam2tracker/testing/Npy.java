package org.sam2tracker.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A NumPy .npy array (format version 1 or 2, little-endian, C order), read whole; ".npy.gz" files are
 * gunzipped first. Enough for the reference fixtures: float32, int32, int8 and uint8 arrays.
 */
public record Npy(String dtype, long[] shape, ByteBuffer data) {

	private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
	private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

	public static Npy read(final Path file) throws IOException {
		try (InputStream raw = Files.newInputStream(file);
			InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
			DataInputStream data = new DataInputStream(in))
		{
			final byte[] magic = new byte[6];
			data.readFully(magic);
			if (magic[0] != (byte) 0x93 || !"NUMPY".equals(new String(magic, 1, 5, StandardCharsets.US_ASCII))) {
				throw new IOException(file + " is not a .npy file");
			}
			final int major = data.readUnsignedByte();
			data.readUnsignedByte();
			final int headerLength = major == 1 ? Short.toUnsignedInt(Short.reverseBytes(data.readShort()))
				: Integer.reverseBytes(data.readInt());
			final byte[] headerBytes = new byte[headerLength];
			data.readFully(headerBytes);
			final String header = new String(headerBytes, StandardCharsets.US_ASCII);
			final String descr = find(DESCR, header, file);
			if ("True".equals(find(ORDER, header, file))) throw new IOException(file + " is in Fortran order");
			final long[] shape = Arrays.stream(find(SHAPE, header, file).split(",")).map(String::trim)
				.filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
			final String dtype = switch (descr) {
				case "<f4" -> "float32";
				case "<i4" -> "int32";
				case "|i1" -> "int8";
				case "|u1" -> "uint8";
				default -> throw new IOException(file + " has unsupported dtype " + descr);
			};
			final byte[] bytes = data.readAllBytes();
			final long expected = Arrays.stream(shape).reduce(1, (a, b) -> a * b) * itemSize(dtype);
			if (bytes.length != expected) {
				throw new IOException(file + " holds " + bytes.length + " bytes of data, its header promises " + expected);
			}
			return new Npy(dtype, shape, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
		}
	}

	private static String find(final Pattern pattern, final String header, final Path file) throws IOException {
		final Matcher m = pattern.matcher(header);
		if (!m.find()) throw new IOException(file + " has a malformed header: " + header);
		return m.group(1);
	}

	private static int itemSize(final String dtype) {
		return switch (dtype) {
			case "float32", "int32" -> 4;
			default -> 1;
		};
	}

	public long size() {
		return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
	}

	public float[] floats() {
		require("float32");
		final float[] out = new float[(int) size()];
		data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
		return out;
	}

	public int[] ints() {
		if ("int32".equals(dtype)) {
			final int[] out = new int[(int) size()];
			data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
			return out;
		}
		final int[] out = new int[(int) size()];
		for (int i = 0; i < out.length; i++) {
			final byte b = data.get(i);
			out[i] = "uint8".equals(dtype) ? Byte.toUnsignedInt(b) : b;
		}
		return out;
	}

	private void require(final String type) {
		if (!type.equals(dtype)) throw new IllegalStateException("array is " + dtype + ", not " + type);
	}
}
