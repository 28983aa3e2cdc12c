package org.sam2tracker.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * One member of a jar on a web server, fetched without the rest of the jar: its local header first (30 bytes and
 * its name, to learn where its data starts and to check that the jar is the pinned one), then its compressed
 * bytes as a range, resumable like any download, then inflated and checked (size, CRC-32, SHA-256) before it
 * takes its name. Also reads the member from a jar the user already has.
 */
final class ZipEntryFetch {

	private static final int LOCAL_HEADER = 30;
	private static final int SIGNATURE = 0x04034b50;

	private final ModelDownload download;

	ZipEntryFetch(final ModelDownload download) {
		this.download = download;
	}

	/** Fetches the file into {@code folder}; a file already there that passes the checks is kept. */
	void fetch(final URI jar, final GpuPackFile file, final Path folder, final DownloadListener listener,
		final BooleanSupplier cancelled) throws DownloadException
	{
		final Path target = folder.resolve(file.name());
		if (intact(target, file)) return;
		final byte[] name = file.entry().getBytes(StandardCharsets.UTF_8);
		final Path header = folder.resolve(file.name() + ".header");
		download.fetch(DownloadRequest.window(jar, header, file.headerOffset(), LOCAL_HEADER + name.length),
			DownloadListener.NONE, cancelled);
		final Header h = readHeader(header, file, name, jar);
		final Path zipped = folder.resolve(file.name() + ".zipped");
		download.fetch(DownloadRequest.window(jar, zipped, file.headerOffset() + LOCAL_HEADER + name.length + h.extra,
			file.compressedBytes()), listener, cancelled);
		try (InputStream raw = Files.newInputStream(zipped)) {
			place(h.deflated ? new InflaterInputStream(raw, new Inflater(true), 1 << 16) : raw, file, target, "The " +
				"download of " + file.name() + " from " + jar);
		}
		catch (final IOException e) {
			throw new DownloadException("The download of " + file.name() + " from " + jar + " cannot be unpacked (" +
				DownloadMessages.reason(e) + "); it will be fetched again next time.", e);
		}
		finally {
			// What served the fetch goes; the pack's own lock keeps other installers out meanwhile.
			for (final Path p : List.of(zipped, header)) {
				deleteQuietly(p);
				deleteQuietly(p.resolveSibling(p.getFileName() + ".lock"));
			}
		}
	}

	/** Copies the file out of a jar the user has (its entry, by name), with the same checks. */
	void copyFromJar(final Path jar, final GpuPackFile file, final Path folder) throws DownloadException {
		final Path target = folder.resolve(file.name());
		if (intact(target, file)) return;
		try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
			final java.util.zip.ZipEntry entry = zip.getEntry(file.entry());
			if (entry == null) {
				throw new DownloadException(jar + " has no " + file.entry() + ": it is not " + file.jarName() + ".");
			}
			try (InputStream in = zip.getInputStream(entry)) {
				place(in, file, target, "The " + file.name() + " in " + jar);
			}
		}
		catch (final IOException e) {
			throw new DownloadException(DownloadMessages.cannotRead(jar, DownloadMessages.reason(e)), e);
		}
	}

	/** Copies a loose file the user has, with the same checks. */
	void copyFile(final Path source, final GpuPackFile file, final Path folder) throws DownloadException {
		final Path target = folder.resolve(file.name());
		if (intact(target, file)) return;
		try (InputStream in = Files.newInputStream(source)) {
			place(in, file, target, "The file " + source);
		}
		catch (final IOException e) {
			throw new DownloadException(DownloadMessages.cannotRead(source, DownloadMessages.reason(e)), e);
		}
	}

	/** Whether the file at the path is the pack's file: its size, then its SHA-256. */
	static boolean intact(final Path path, final GpuPackFile file) {
		try {
			return Files.isRegularFile(path) && Files.size(path) == file.bytes() && Sha256.of(path).equals(file
				.sha256());
		}
		catch (final IOException e) {
			return false;
		}
	}

	private record Header(boolean deflated, int extra) {}

	private static Header readHeader(final Path header, final GpuPackFile file, final byte[] name, final URI jar)
		throws DownloadException
	{
		final ByteBuffer b;
		try {
			b = ByteBuffer.wrap(Files.readAllBytes(header)).order(ByteOrder.LITTLE_ENDIAN);
		}
		catch (final IOException e) {
			throw new DownloadException(DownloadMessages.cannotRead(header, DownloadMessages.reason(e)), e);
		}
		final int method = b.getShort(8) & 0xffff;
		final int nameLength = b.getShort(26) & 0xffff;
		final int extra = b.getShort(28) & 0xffff;
		final byte[] found = new byte[Math.min(nameLength, b.capacity() - LOCAL_HEADER)];
		b.get(LOCAL_HEADER, found);
		if (b.getInt(0) != SIGNATURE || nameLength != name.length || !java.util.Arrays.equals(found, name) ||
			(method != 0 && method != 8))
		{
			deleteQuietly(header);
			throw new DownloadException(jar + " is not the jar the GPU pack was pinned to: " + file.entry() + " is not " +
				"where it was. Update SAM 2 Tracker, or install the pack from files you have (--from).");
		}
		return new Header(method == 8, extra);
	}

	/** Writes the stream beside the target, checks size, CRC-32 and SHA-256, and moves it into place. */
	private static void place(final InputStream in, final GpuPackFile file, final Path target, final String what)
		throws IOException, DownloadException
	{
		final Path part = target.resolveSibling(target.getFileName() + ".part");
		final CRC32 crc = new CRC32();
		final MessageDigest sha = Sha256.newDigest();
		long size = 0;
		try (OutputStream out = Files.newOutputStream(part)) {
			final byte[] buffer = new byte[Sha256.BUFFER];
			for (int n; (n = in.read(buffer)) > 0;) {
				size += n;
				if (size > file.bytes()) break;
				crc.update(buffer, 0, n);
				sha.update(buffer, 0, n);
				out.write(buffer, 0, n);
			}
		}
		final String hash = Sha256.hex(sha);
		if (size != file.bytes() || crc.getValue() != file.crc32() || !hash.equals(file.sha256())) {
			Files.deleteIfExists(part);
			throw new DownloadException(what + " is not the pinned " + file.name() + " (" + (size != file.bytes() ?
				"size " + (size > file.bytes() ? "over " : "") + size + " bytes, not " + file.bytes() : "SHA-256 " + hash +
					", not " + file.sha256()) + "); it was not installed.");
		}
		Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static void deleteQuietly(final Path p) {
		try {
			Files.deleteIfExists(p);
		}
		catch (final IOException e) {
			// A leftover is fetched again or replaced by the next attempt.
		}
	}
}
