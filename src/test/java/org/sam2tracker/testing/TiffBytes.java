package org.sam2tracker.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Classic little-endian TIFF files of 16-bit pages, written byte by byte: for what ImageJ's writer cannot
 * produce (other programs' plain stacks, OME-XML descriptions, compressions ImageJ does not read).
 */
public final class TiffBytes {

	private static final int SHORT = 3;
	private static final int LONG = 4;
	private static final int ASCII = 2;

	private TiffBytes() {}

	/** Uncompressed pages; the description (if not null) goes into the first page's directory. */
	public static void write(final Path file, final int width, final int height, final short[][] pages,
		final String description) throws IOException
	{
		write(file, width, height, pages, description, 1);
	}

	/** Pages stored as they are, but under the compression code given. */
	public static void write(final Path file, final int width, final int height, final short[][] pages,
		final String description, final int compression) throws IOException
	{
		final byte[][] raw = new byte[pages.length][];
		for (int p = 0; p < pages.length; p++) {
			final ByteBuffer page = ByteBuffer.allocate(2 * pages[p].length).order(ByteOrder.LITTLE_ENDIAN);
			for (final short v : pages[p]) page.putShort(v);
			raw[p] = page.array();
		}
		write(file, width, height, 16, 1, raw, description, compression);
	}

	/**
	 * Pages of any sample type, given as little-endian bytes: {@code bitsPerSample} and {@code sampleFormat}
	 * (1 unsigned, 2 signed, 3 floating point) as the TIFF tags say.
	 */
	public static void write(final Path file, final int width, final int height, final int bitsPerSample,
		final int sampleFormat, final byte[][] pages, final String description, final int compression)
		throws IOException
	{
		final byte[] text = description == null ? null : (description + "\0").getBytes(StandardCharsets.UTF_8);
		final int textAt = 8;
		final int pixelsAt = textAt + (text == null ? 0 : even(text.length));
		final int pageBytes = width * height * bitsPerSample / 8;
		int ifdAt = pixelsAt + pages.length * pageBytes;
		final int[] ifds = new int[pages.length];
		for (int p = 0; p < pages.length; p++) {
			ifds[p] = ifdAt;
			ifdAt += 2 + entries(p, text) * 12 + 4;
		}
		final ByteBuffer out = ByteBuffer.allocate(ifdAt).order(ByteOrder.LITTLE_ENDIAN);
		out.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifds[0]);
		if (text != null) out.put(textAt, text);
		for (int p = 0; p < pages.length; p++) {
			out.position(pixelsAt + p * pageBytes);
			out.put(pages[p]);
		}
		for (int p = 0; p < pages.length; p++) {
			out.position(ifds[p]);
			out.putShort((short) entries(p, text));
			entry(out, 256, LONG, 1, width);
			entry(out, 257, LONG, 1, height);
			entry(out, 258, SHORT, 1, bitsPerSample);
			entry(out, 259, SHORT, 1, compression);
			entry(out, 262, SHORT, 1, 1);
			if (p == 0 && text != null) entry(out, 270, ASCII, text.length, textAt);
			entry(out, 273, LONG, 1, pixelsAt + p * pageBytes);
			entry(out, 277, SHORT, 1, 1);
			entry(out, 278, LONG, 1, height);
			entry(out, 279, LONG, 1, pageBytes);
			entry(out, 339, SHORT, 1, sampleFormat);
			out.putInt(p + 1 < pages.length ? ifds[p + 1] : 0);
		}
		Files.write(file, out.array());
	}

	private static int entries(final int page, final byte[] text) {
		return page == 0 && text != null ? 11 : 10;
	}

	private static void entry(final ByteBuffer out, final int tag, final int type, final int count,
		final int value)
	{
		out.putShort((short) tag).putShort((short) type).putInt(count);
		if (type == SHORT) out.putShort((short) value).putShort((short) 0);
		else out.putInt(value);
	}

	private static int even(final int n) {
		return n + (n & 1);
	}
}
