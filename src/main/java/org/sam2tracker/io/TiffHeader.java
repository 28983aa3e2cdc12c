package org.sam2tracker.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The header and first image directory of a TIFF file, read without ImageJ: what decides whether ImageJ can
 * read the file (BigTIFF, compression, tiles), and the ImageDescription that tells ImageJ and OME-TIFF files
 * apart. A BigTIFF's directory is not read: ImageJ reads none of it.
 *
 * @param morePages whether another image directory follows the first
 */
record TiffHeader(boolean bigTiff, int width, int height, int bitsPerSample, int compression, int samplesPerPixel,
	int predictor, int sampleFormat, boolean tiled, boolean morePages, String description)
{

	private static final int CLASSIC = 42;
	private static final int BIG = 43;
	private static final int ENTRY = 12;
	// Beyond this an ImageDescription is not metadata but damage; OME-XML of large plates stays far below.
	private static final int MAX_DESCRIPTION = 64 << 20;

	private static final int WIDTH = 256;
	private static final int HEIGHT = 257;
	private static final int BITS_PER_SAMPLE = 258;
	private static final int COMPRESSION = 259;
	private static final int IMAGE_DESCRIPTION = 270;
	private static final int SAMPLES_PER_PIXEL = 277;
	private static final int PREDICTOR = 317;
	private static final int TILE_WIDTH = 322;
	private static final int SAMPLE_FORMAT = 339;

	private static final Set<Integer> NUMBERS = Set.of(WIDTH, HEIGHT, BITS_PER_SAMPLE, COMPRESSION, SAMPLES_PER_PIXEL,
		PREDICTOR, SAMPLE_FORMAT);

	private static final int BYTE = 1;
	private static final int SHORT = 3;

	/** The header, or null when the file does not start as a TIFF does. */
	static TiffHeader read(final Path file) throws IOException {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			final ByteBuffer head = bytes(ch, 0, 8);
			if (head.limit() < 8) return null;
			final ByteOrder order = order(head.get(0), head.get(1));
			if (order == null) return null;
			head.order(order);
			final int magic = head.getShort(2) & 0xffff;
			if (magic == BIG) return new TiffHeader(true, 0, 0, 0, 1, 1, 1, 1, false, false, "");
			if (magic != CLASSIC) return null;
			return firstDirectory(ch, order, head.getInt(4) & 0xffffffffL);
		}
	}

	private static TiffHeader firstDirectory(final FileChannel ch, final ByteOrder order, final long offset)
		throws IOException
	{
		final ByteBuffer countBytes = bytes(ch, offset, 2).order(order);
		if (countBytes.limit() < 2) throw new IOException("its first image directory lies past the end of the file");
		final int count = countBytes.getShort(0) & 0xffff;
		final ByteBuffer entries = bytes(ch, offset + 2, count * ENTRY).order(order);
		if (entries.limit() < count * ENTRY) throw new IOException("its first image directory is cut short");
		final Map<Integer, Integer> values = new HashMap<>();
		String description = "";
		for (int i = 0; i < count; i++) {
			final int at = i * ENTRY;
			final int tag = entries.getShort(at) & 0xffff;
			if (tag == IMAGE_DESCRIPTION) description = text(ch, entries, at);
			else if (tag == TILE_WIDTH) values.put(tag, 0);
			else if (NUMBERS.contains(tag)) values.put(tag, first(ch, entries, at));
		}
		final ByteBuffer next = bytes(ch, offset + 2 + count * ENTRY, 4).order(order);
		// TIFF's defaults for absent tags: one 1-bit sample, uncompressed, no predictor, unsigned integers.
		return new TiffHeader(false, values.getOrDefault(WIDTH, 0), values.getOrDefault(HEIGHT, 0), values
			.getOrDefault(BITS_PER_SAMPLE, 1), values.getOrDefault(COMPRESSION, 1), values.getOrDefault(
				SAMPLES_PER_PIXEL, 1), values.getOrDefault(PREDICTOR, 1), values.getOrDefault(SAMPLE_FORMAT, 1), values
					.containsKey(TILE_WIDTH), next.limit() == 4 && next.getInt(0) != 0, description);
	}

	/** The first value of an entry: in the entry itself when it fits in four bytes, otherwise where it points. */
	private static int first(final FileChannel ch, final ByteBuffer entries, final int at) throws IOException {
		final int type = entries.getShort(at + 2) & 0xffff;
		final long count = entries.getInt(at + 4) & 0xffffffffL;
		final int size = type == BYTE ? 1 : type == SHORT ? 2 : 4;
		ByteBuffer value = entries;
		int pos = at + 8;
		if (count * size > 4) {
			value = bytes(ch, entries.getInt(at + 8) & 0xffffffffL, size).order(entries.order());
			if (value.limit() < size) throw new IOException("a directory entry points past the end of the file");
			pos = 0;
		}
		return switch (size) {
			case 1 -> value.get(pos) & 0xff;
			case 2 -> value.getShort(pos) & 0xffff;
			default -> value.getInt(pos);
		};
	}

	private static String text(final FileChannel ch, final ByteBuffer entries, final int at) throws IOException {
		final long count = entries.getInt(at + 4) & 0xffffffffL;
		if (count > MAX_DESCRIPTION) throw new IOException("its ImageDescription claims " + count + " bytes");
		final ByteBuffer bytes = count <= 4 ? entries.duplicate().position(at + 8).limit(at + 8 + (int) count)
			.slice() : bytes(ch, entries.getInt(at + 8) & 0xffffffffL, (int) count);
		final byte[] array = new byte[bytes.remaining()];
		bytes.get(array);
		int end = array.length;
		while (end > 0 && array[end - 1] == 0) end--;
		return new String(array, 0, end, StandardCharsets.UTF_8);
	}

	private static ByteOrder order(final byte a, final byte b) {
		if (a == 'I' && b == 'I') return ByteOrder.LITTLE_ENDIAN;
		if (a == 'M' && b == 'M') return ByteOrder.BIG_ENDIAN;
		return null;
	}

	/** Up to length bytes from position; fewer at the end of the file. */
	private static ByteBuffer bytes(final FileChannel ch, final long position, final int length) throws IOException {
		final ByteBuffer buffer = ByteBuffer.allocate(length);
		while (buffer.hasRemaining()) {
			if (ch.read(buffer, position + buffer.position()) < 0) break;
		}
		return buffer.flip();
	}
}
