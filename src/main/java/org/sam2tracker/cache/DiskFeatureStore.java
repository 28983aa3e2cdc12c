package org.sam2tracker.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.sam2tracker.files.AtomicFiles;
import org.sam2tracker.model.FrameFeatures;
import org.sam2tracker.run.FeaturePrecision;
import org.sam2tracker.track.Bfloat16;
import org.sam2tracker.track.FeatureStore;

/**
 * Image features in a folder, one file per frame named by its key, at most {@code limitBytes} in all: after each
 * new file the ones used longest ago (by modification time, renewed at every use) are removed. Files appear whole
 * (written beside and moved into place), so several runs may share the folder; a file that does not read back as
 * features is removed and its frame encoded again. Problems never stop the tracking: each kind is reported once.
 */
public final class DiskFeatureStore implements FeatureStore {

	private static final byte[] MAGIC = "SAM2FEAT".getBytes(StandardCharsets.US_ASCII);
	private static final int VERSION = 1;
	private static final int HEADER = MAGIC.length + 5 * Integer.BYTES;
	private static final Pattern NAME = Pattern.compile("[0-9a-f]{64}\\.(f32|bf16)");

	private final Path folder;
	private final long limitBytes;
	private final FeaturePrecision precision;
	private final Consumer<String> warnings;
	private final Set<String> warned = new HashSet<>();
	/** The folder's size as last counted plus what was written since; -1 before the first count. */
	private long held = -1;

	public DiskFeatureStore(final Path folder, final long limitBytes, final FeaturePrecision precision,
		final Consumer<String> warnings)
	{
		this.folder = folder;
		this.limitBytes = limitBytes;
		this.precision = precision;
		this.warnings = warnings;
	}

	/** The bytes one frame's features take in a file of this precision. */
	public static long frameBytes(final FrameFeatures f, final FeaturePrecision precision) {
		return HEADER + (long) precision.bytesPerValue() * (f.highResFeat0().length + f.highResFeat1().length + f
			.imageEmbed().length);
	}

	@Override
	public synchronized FrameFeatures find(final String key) {
		final Path file = file(key);
		if (!Files.isRegularFile(file)) return null;
		try {
			final FrameFeatures f = read(file);
			Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
			return f;
		}
		catch (final IOException | RuntimeException e) {
			warnOnce("unreadable", "A kept feature file in " + folder + " could not be read (" + e.getMessage() + "); " +
				"such frames are encoded again.");
			try {
				Files.deleteIfExists(file);
			}
			catch (final IOException ignored) {
				// Encoded again either way; the next write replaces it.
			}
			return null;
		}
	}

	@Override
	public synchronized void keep(final String key, final FrameFeatures features) {
		final long bytes = frameBytes(features, precision);
		if (bytes > limitBytes) {
			warnOnce("small", "The feature cache limit (" + limitBytes / (1 << 20) + " MB) is smaller than one frame's " +
				"features (" + bytes / (1 << 20) + " MB): nothing is kept. Raise cache_limit.");
			return;
		}
		try {
			Files.createDirectories(folder);
			AtomicFiles.write(file(key), temp -> write(temp, features));
			if (held < 0) held = count();
			else held += bytes;
			if (held > limitBytes) makeRoom(file(key));
		}
		catch (final IOException | RuntimeException e) {
			warnOnce("write", "Image features could not be kept in " + folder + " (" + e.getMessage() + "); tracking " +
				"goes on, encoding as usual.");
		}
	}

	/** Removes the files used longest ago until the folder holds at most the limit, never the one just written. */
	private void makeRoom(final Path keep) throws IOException {
		final List<Path> files = ours();
		final List<long[]> times = new ArrayList<>();
		long total = 0;
		for (int i = 0; i < files.size(); i++) {
			final Path f = files.get(i);
			try {
				final long size = Files.size(f);
				total += size;
				times.add(new long[] { Files.getLastModifiedTime(f).toMillis(), size, i });
			}
			catch (final IOException gone) {
				// Removed by another run meanwhile.
			}
		}
		times.sort(Comparator.comparingLong(t -> t[0]));
		for (final long[] t : times) {
			if (total <= limitBytes) break;
			final Path f = files.get((int) t[2]);
			if (f.equals(keep)) continue;
			if (Files.deleteIfExists(f)) total -= t[1];
		}
		held = total;
	}

	private long count() throws IOException {
		long total = 0;
		for (final Path f : ours()) {
			try {
				total += Files.size(f);
			}
			catch (final IOException gone) {
				// Removed by another run meanwhile.
			}
		}
		return total;
	}

	private List<Path> ours() throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).toList();
		}
	}

	private Path file(final String key) {
		return folder.resolve(key + (precision == FeaturePrecision.FLOAT32 ? ".f32" : ".bf16"));
	}

	private void write(final Path temp, final FrameFeatures f) throws IOException {
		final float[][] parts = { f.highResFeat0(), f.highResFeat1(), f.imageEmbed() };
		try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
			final ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
			header.put(MAGIC).putInt(VERSION).putInt(precision.ordinal());
			for (final float[] part : parts) header.putInt(part.length);
			writeAll(out, header.flip());
			final ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
			for (final float[] part : parts) {
				for (final float v : part) {
					if (chunk.remaining() < Float.BYTES) {
						writeAll(out, chunk.flip());
						chunk.clear();
					}
					if (precision == FeaturePrecision.FLOAT32) chunk.putFloat(v);
					else chunk.putShort(Bfloat16.round(v));
				}
			}
			writeAll(out, chunk.flip());
		}
	}

	private static void writeAll(final FileChannel out, final ByteBuffer b) throws IOException {
		while (b.hasRemaining()) out.write(b);
	}

	private FrameFeatures read(final Path file) throws IOException {
		final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
		final byte[] magic = new byte[MAGIC.length];
		if (b.remaining() < HEADER) throw new IOException("too short");
		b.get(magic);
		if (!java.util.Arrays.equals(magic, MAGIC) || b.getInt() != VERSION || b.getInt() != precision.ordinal()) {
			throw new IOException("not a feature file of this version and precision");
		}
		final int[] lengths = { b.getInt(), b.getInt(), b.getInt() };
		long expected = HEADER;
		for (final int n : lengths) {
			if (n < 0) throw new IOException("damaged header");
			expected += (long) n * precision.bytesPerValue();
		}
		if (expected != b.capacity()) throw new IOException("cut short or too long");
		final float[][] parts = new float[3][];
		for (int p = 0; p < 3; p++) {
			parts[p] = new float[lengths[p]];
			if (precision == FeaturePrecision.FLOAT32) b.asFloatBuffer().get(parts[p]);
			else for (int i = 0; i < lengths[p]; i++) parts[p][i] = Bfloat16.toFloat(b.getShort(b.position() + 2 * i));
			b.position(b.position() + lengths[p] * precision.bytesPerValue());
		}
		return new FrameFeatures(parts[0], parts[1], parts[2]);
	}

	private void warnOnce(final String kind, final String message) {
		if (warned.add(kind)) warnings.accept(message);
	}
}
