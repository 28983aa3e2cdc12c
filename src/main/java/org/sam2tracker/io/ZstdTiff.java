package org.sam2tracker.io;

import ij.ImagePlus;
import ij.io.FileInfo;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdDecompressor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A Zstandard-compressed classic TIFF (tifffile's common choice, and many acquisition pipelines'), which ImageJ
 * cannot read: its strips are decompressed with a pure-Java decoder (and a horizontal predictor undone) into an
 * uncompressed copy of the file with every other tag as it was, which ImageJ's own reader then opens, ImageJ
 * metadata, calibration and all. The copy is a temporary file, removed once read; the input is only read.
 */
final class ZstdTiff {

	static final int ZSTANDARD = 50000;

	private static final int BITS_PER_SAMPLE = 258;
	private static final int COMPRESSION = 259;
	private static final int STRIP_OFFSETS = 273;
	private static final int SAMPLES_PER_PIXEL = 277;
	private static final int ROWS_PER_STRIP = 278;
	private static final int STRIP_BYTE_COUNTS = 279;
	private static final int PLANAR_CONFIGURATION = 284;
	private static final int PREDICTOR = 317;
	private static final int WIDTH = 256;
	private static final int HEIGHT = 257;

	private static final int SHORT = 3;
	private static final int LONG = 4;
	private static final int[] TYPE_SIZES = { 0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8 };

	private ZstdTiff() {}

	/** Whether this reader takes the file: Zstandard strips, no predictor or the horizontal one. */
	static boolean reads(final TiffHeader header) {
		return !header.bigTiff() && !header.tiled() && header.compression() == ZSTANDARD && (header.predictor() == 1 ||
			header.predictor() == 2);
	}

	static ImagePlus open(final Path file) throws InputException {
		Path plain = null;
		try {
			plain = Files.createTempFile("sam2tracker-", ".tif");
			decompress(file, plain);
			final ImagePlus imp = ImageFile.readTiff(plain);
			imp.setTitle(file.getFileName().toString());
			final FileInfo info = imp.getOriginalFileInfo();
			if (info != null) {
				info.directory = file.toAbsolutePath().getParent().toString() + java.io.File.separator;
				info.fileName = file.getFileName().toString();
			}
			return imp;
		}
		catch (final IOException | MalformedInputException | IllegalArgumentException e) {
			throw new InputException(file + " is a damaged Zstandard-compressed TIFF: " + e.getMessage() + ".", e);
		}
		finally {
			if (plain != null) {
				try {
					Files.deleteIfExists(plain);
				}
				catch (final IOException e) {
					plain.toFile().deleteOnExit();
				}
			}
		}
	}

	/** One directory entry: its tag and type, and its values' bytes in the file's byte order. */
	private record Entry(int tag, int type, int count, byte[] value) {}

	private static void decompress(final Path in, final Path out) throws IOException {
		try (FileChannel src = FileChannel.open(in, StandardOpenOption.READ); FileChannel dst = FileChannel.open(out,
			StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
		{
			final ByteBuffer head = read(src, 0, 8);
			final ByteOrder order = head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
			head.order(order);
			final ByteBuffer newHead = ByteBuffer.allocate(8).order(order);
			newHead.put(head.get(0)).put(head.get(1)).putShort((short) 42).putInt(0);
			write(dst, 0, newHead.flip());
			// Every page's pixels first, one after the other with no gap, then the directories: ImageJ reads the
			// planes of its own TIFFs from the first page's data on, as one block.
			final List<List<Entry>> pages = new ArrayList<>();
			for (long ifd = head.getInt(4) & 0xffffffffL; ifd != 0;) {
				if (pages.size() > 1_000_000) throw new IOException("its image directories form a loop");
				final List<Entry> entries = entries(src, ifd, order);
				pages.add(entries);
				ifd = read(src, ifd + 2 + 12L * entries.size(), 4).order(order).getInt(0) & 0xffffffffL;
			}
			long end = 8;
			final ZstdDecompressor zstd = new ZstdDecompressor();
			final List<List<Entry>> rewrittenPages = new ArrayList<>();
			for (int page = 0; page < pages.size(); page++) {
				final List<Entry> entries = pages.get(page);
				final long[] offsets = values(entries, STRIP_OFFSETS, order);
				final long[] counts = values(entries, STRIP_BYTE_COUNTS, order);
				if (offsets.length != counts.length || offsets.length == 0) throw new IOException("page " + (page + 1) +
					" has " + offsets.length + " strip offsets but " + counts.length + " strip sizes");
				final Layout layout = Layout.of(entries, order, offsets.length);
				final long[] newOffsets = new long[offsets.length];
				final long[] newCounts = new long[offsets.length];
				for (int s = 0; s < offsets.length; s++) {
					final byte[] compressed = new byte[Math.toIntExact(counts[s])];
					read(src, offsets[s], compressed.length).get(compressed);
					final byte[] strip = new byte[layout.stripBytes(s)];
					final int n = zstd.decompress(compressed, 0, compressed.length, strip, 0, strip.length);
					if (n != strip.length) throw new IOException("strip " + (s + 1) + " of page " + (page + 1) + " holds " +
						n + " bytes instead of " + strip.length);
					if (layout.predictor == 2) layout.undoPredictor(strip, order);
					newOffsets[s] = end;
					newCounts[s] = strip.length;
					write(dst, end, ByteBuffer.wrap(strip));
					end += strip.length;
				}
				final List<Entry> rewritten = new ArrayList<>();
				for (final Entry e : entries) {
					if (e.tag == COMPRESSION) rewritten.add(shortEntry(COMPRESSION, 1, order));
					else if (e.tag == PREDICTOR) rewritten.add(shortEntry(PREDICTOR, 1, order));
					else if (e.tag == STRIP_OFFSETS) rewritten.add(longsEntry(STRIP_OFFSETS, newOffsets, order));
					else if (e.tag == STRIP_BYTE_COUNTS) rewritten.add(longsEntry(STRIP_BYTE_COUNTS, newCounts, order));
					else rewritten.add(e);
				}
				rewrittenPages.add(rewritten);
			}
			end += end & 1; // directories start on a word boundary
			long nextPointer = 4; // where the offset of the next directory goes: the header's, then each one's end
			for (final List<Entry> rewritten : rewrittenPages) {
				end = writeDirectory(dst, end, rewritten, order, nextPointer);
				nextPointer = end - 4;
			}
		}
	}

	/** How a page's strips are laid out: rows per strip, bytes per row, and what the predictor works on. */
	private record Layout(int width, int height, int rowsPerStrip, int samples, int bits, int predictor,
		int stripsPerPlane)
	{

		static Layout of(final List<Entry> entries, final ByteOrder order, final int strips) throws IOException {
			final int width = (int) first(entries, WIDTH, order, 0);
			final int height = (int) first(entries, HEIGHT, order, 0);
			final int bits = (int) first(entries, BITS_PER_SAMPLE, order, 1);
			final int spp = (int) first(entries, SAMPLES_PER_PIXEL, order, 1);
			final boolean planar = first(entries, PLANAR_CONFIGURATION, order, 1) == 2;
			final int rows = (int) Math.min(height, first(entries, ROWS_PER_STRIP, order, height));
			if (width <= 0 || height <= 0 || rows <= 0) throw new IOException("a page of " + width + " x " + height +
				" pixels");
			if (bits % 8 != 0) throw new IOException(bits + "-bit samples are not read");
			final int stripsPerPlane = (height + rows - 1) / rows;
			return new Layout(width, height, rows, planar ? 1 : spp, bits, (int) first(entries, PREDICTOR, order, 1),
				stripsPerPlane);
		}

		int stripRows(final int strip) {
			final int start = strip % stripsPerPlane * rowsPerStrip;
			return Math.min(rowsPerStrip, height - start);
		}

		int stripBytes(final int strip) {
			return Math.multiplyExact(stripRows(strip), width * samples * (bits / 8));
		}

		/** Horizontal differencing undone: each sample adds the one of the same channel to its left. */
		void undoPredictor(final byte[] strip, final ByteOrder order) {
			final ByteBuffer b = ByteBuffer.wrap(strip).order(order);
			final int bytes = bits / 8;
			final int rowBytes = width * samples * bytes;
			for (int row = 0; row * rowBytes < strip.length; row++) {
				final int base = row * rowBytes;
				for (int i = samples; i < width * samples; i++) {
					final int at = base + i * bytes;
					final int left = at - samples * bytes;
					switch (bytes) {
						case 1 -> strip[at] = (byte) (strip[at] + strip[left]);
						case 2 -> b.putShort(at, (short) (b.getShort(at) + b.getShort(left)));
						case 4 -> b.putInt(at, b.getInt(at) + b.getInt(left));
						default -> b.putLong(at, b.getLong(at) + b.getLong(left));
					}
				}
			}
		}
	}

	private static List<Entry> entries(final FileChannel ch, final long ifd, final ByteOrder order)
		throws IOException
	{
		final int count = read(ch, ifd, 2).order(order).getShort(0) & 0xffff;
		final ByteBuffer raw = read(ch, ifd + 2, 12 * count).order(order);
		final List<Entry> entries = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			final int tag = raw.getShort(12 * i) & 0xffff;
			final int type = raw.getShort(12 * i + 2) & 0xffff;
			final long n = raw.getInt(12 * i + 4) & 0xffffffffL;
			if (type < 1 || type >= TYPE_SIZES.length) throw new IOException("tag " + tag + " has an unknown type " +
				type);
			final long size = n * TYPE_SIZES[type];
			if (size > Integer.MAX_VALUE) throw new IOException("tag " + tag + " claims " + size + " bytes");
			final byte[] value = new byte[(int) size];
			if (size <= 4) raw.get(12 * i + 8, value);
			else read(ch, raw.getInt(12 * i + 8) & 0xffffffffL, (int) size).get(value);
			entries.add(new Entry(tag, type, (int) n, value));
		}
		return entries;
	}

	private static long[] values(final List<Entry> entries, final int tag, final ByteOrder order) {
		for (final Entry e : entries) {
			if (e.tag != tag) continue;
			final ByteBuffer b = ByteBuffer.wrap(e.value).order(order);
			final long[] out = new long[e.count];
			for (int i = 0; i < e.count; i++) out[i] = e.type == SHORT ? b.getShort(2 * i) & 0xffff : b.getInt(4 * i) &
				0xffffffffL;
			return out;
		}
		return new long[0];
	}

	private static long first(final List<Entry> entries, final int tag, final ByteOrder order, final long absent) {
		final long[] v = values(entries, tag, order);
		return v.length == 0 ? absent : v[0];
	}

	private static Entry shortEntry(final int tag, final int value, final ByteOrder order) {
		return new Entry(tag, SHORT, 1, ByteBuffer.allocate(2).order(order).putShort((short) value).array());
	}

	private static Entry longsEntry(final int tag, final long[] values, final ByteOrder order) {
		final ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(order);
		for (final long v : values) b.putInt((int) v);
		return new Entry(tag, LONG, values.length, b.array());
	}

	/**
	 * Writes the directory's out-of-line values, then the directory itself at an even offset, and points the
	 * previous directory (or the header) at it. Returns the end of the file.
	 */
	private static long writeDirectory(final FileChannel dst, final long start, final List<Entry> entries,
		final ByteOrder order, final long pointer) throws IOException
	{
		long end = start;
		final long[] at = new long[entries.size()];
		for (int i = 0; i < entries.size(); i++) {
			final byte[] v = entries.get(i).value;
			if (v.length <= 4) continue;
			at[i] = end;
			write(dst, end, ByteBuffer.wrap(v));
			end += v.length + (v.length & 1);
		}
		final ByteBuffer dir = ByteBuffer.allocate(2 + 12 * entries.size() + 4).order(order);
		dir.putShort((short) entries.size());
		for (int i = 0; i < entries.size(); i++) {
			final Entry e = entries.get(i);
			dir.putShort((short) e.tag).putShort((short) e.type).putInt(e.count);
			if (e.value.length <= 4) {
				final byte[] inline = new byte[4];
				System.arraycopy(e.value, 0, inline, 0, e.value.length);
				dir.put(inline);
			}
			else dir.putInt((int) at[i]);
		}
		dir.putInt(0);
		write(dst, end, dir.flip());
		write(dst, pointer, ByteBuffer.allocate(4).order(order).putInt((int) end).flip());
		if (end + dir.capacity() > 0xffffffffL) throw new IOException("the uncompressed copy passes 4 GB");
		return end + dir.capacity();
	}

	private static ByteBuffer read(final FileChannel ch, final long position, final int length) throws IOException {
		final ByteBuffer buffer = ByteBuffer.allocate(length);
		while (buffer.hasRemaining()) {
			if (ch.read(buffer, position + buffer.position()) < 0) {
				throw new IOException("it ends at byte " + (position + buffer.position()) + ", inside a part it lists");
			}
		}
		return buffer.flip();
	}

	private static void write(final FileChannel ch, final long position, final ByteBuffer data) throws IOException {
		long p = position;
		while (data.hasRemaining()) p += ch.write(data, p);
	}
}
