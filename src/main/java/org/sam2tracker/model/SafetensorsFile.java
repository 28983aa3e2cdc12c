package org.sam2tracker.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A checkpoint in the safetensors format, read without a library: an 8-byte little-endian header length, a
 * JSON header naming each tensor's dtype, shape and byte range, then the raw little-endian data. Tensors are
 * read one at a time, so a checkpoint of any size needs only the memory of its largest tensor.
 */
public final class SafetensorsFile implements AutoCloseable {

	private final Path file;
	private final FileChannel channel;
	private final long dataStart;
	private final SafetensorsHeader header;

	private SafetensorsFile(final Path file, final FileChannel channel, final long dataStart,
		final SafetensorsHeader header)
	{
		this.file = file;
		this.channel = channel;
		this.dataStart = dataStart;
		this.header = header;
	}

	public static SafetensorsFile open(final Path file) throws BundleException {
		FileChannel channel = null;
		try {
			channel = FileChannel.open(file, StandardOpenOption.READ);
			final long size = channel.size();
			final ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
			if (size < 8 || channel.read(length, 0) != 8) throw damaged(file, "it is shorter than its header");
			final long headerLength = length.flip().getLong();
			SafetensorsHeader.checkLength(headerLength, size, file.toString());
			final ByteBuffer header = ByteBuffer.allocate((int) headerLength);
			while (header.hasRemaining()) {
				if (channel.read(header, 8 + header.position()) < 0) throw damaged(file, "its header is cut short");
			}
			return new SafetensorsFile(file, channel, 8 + headerLength, SafetensorsHeader.parse(file.getFileName()
				.toString(), file.toString(), new String(header.array(), StandardCharsets.UTF_8), size - 8 -
					headerLength));
		}
		catch (final NoSuchFileException e) {
			close(channel);
			throw new BundleException("The weights file " + file + " does not exist.");
		}
		catch (final IOException e) {
			close(channel);
			throw new BundleException("Cannot read the weights file " + file + ": " + e.getMessage(), e);
		}
		catch (final BundleException | RuntimeException e) {
			close(channel);
			throw e;
		}
	}

	public Map<String, SafetensorsHeader.Entry> entries() {
		return header.entries();
	}

	public SafetensorsHeader header() {
		return header;
	}

	/**
	 * A tensor as floats (F32, F16 and BF16 are converted), after checking that it exists and has the shape the
	 * caller needs. Every message names the tensor.
	 */
	public float[] floats(final String name, final long[] shape) throws BundleException {
		final SafetensorsHeader.Entry e = checked(name, shape);
		final ByteBuffer bytes = ByteBuffer.allocate((int) (e.end() - e.begin())).order(ByteOrder.LITTLE_ENDIAN);
		try {
			while (bytes.hasRemaining()) {
				if (channel.read(bytes, dataStart + e.begin() + bytes.position()) < 0) {
					throw damaged(file, "the tensor '" + name + "' is cut short");
				}
			}
		}
		catch (final IOException ex) {
			throw new BundleException("Cannot read the tensor '" + name + "' from " + file + ": " + ex.getMessage(), ex);
		}
		bytes.flip();
		final float[] out = new float[(int) e.elements()];
		switch (e.dtype()) {
			case "F32" -> bytes.asFloatBuffer().get(out);
			case "F16" -> {
				for (int i = 0; i < out.length; i++) out[i] = halfToFloat(bytes.getShort());
			}
			default -> {
				for (int i = 0; i < out.length; i++) out[i] = Float.intBitsToFloat((bytes.getShort() & 0xffff) << 16);
			}
		}
		return out;
	}

	/**
	 * A tensor as a direct float buffer for ONNX Runtime. F32 tensors are mapped from the file, not copied, so
	 * a model's weights cost no Java heap and share the operating system's file cache; others are converted.
	 */
	public FloatBuffer directFloats(final String name, final long[] shape) throws BundleException {
		final SafetensorsHeader.Entry e = checked(name, shape);
		final long offset = dataStart + e.begin();
		if (e.dtype().equals("F32") && offset % Float.BYTES == 0 && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
			try {
				return channel.map(FileChannel.MapMode.READ_ONLY, offset, e.end() - e.begin()).order(
					ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
			}
			catch (final IOException ex) {
				throw new BundleException("Cannot read the tensor '" + name + "' from " + file + ": " + ex.getMessage(),
					ex);
			}
		}
		final float[] values = floats(name, shape);
		final FloatBuffer direct = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder())
			.asFloatBuffer();
		direct.put(values).flip();
		return direct;
	}

	/** The entry of a tensor that exists, has the shape the caller needs, a float dtype and all its bytes. */
	public SafetensorsHeader.Entry checked(final String name, final long[] shape) throws BundleException {
		return header.checked(name, shape);
	}

	@Override
	public void close() {
		close(channel);
	}

	/** IEEE 754 half precision to single (Java 17 has no Float.float16ToFloat). */
	static float halfToFloat(final short half) {
		final int h = half & 0xffff;
		final int sign = (h & 0x8000) << 16;
		final int exponent = (h >>> 10) & 0x1f;
		final int mantissa = h & 0x3ff;
		if (exponent == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13)); // inf, NaN
		if (exponent != 0) return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
		final float subnormal = mantissa * 0x1p-24f;
		return sign == 0 ? subnormal : -subnormal;
	}

	private static BundleException damaged(final Path file, final String why) {
		return SafetensorsHeader.damaged(file.toString(), why);
	}

	private static void close(final FileChannel channel) {
		if (channel == null) return;
		try {
			channel.close();
		}
		catch (final IOException e) {
			// Closing a read-only channel loses nothing.
		}
	}
}
