package org.sam2tracker.install;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.SafetensorsHeader;

/**
 * The safetensors header of a checkpoint on a server, read before the checkpoint itself with two small range
 * requests: the first 8 bytes (the header's length), then the header (about 56 to 109 KB for SAM 2.1). A wrong
 * file is then refused in seconds, naming the tensor, instead of after hundreds of megabytes. A server that does not
 * take ranges sends the whole file, of which only the start is read.
 */
final class RemoteHeader {

	/** "bytes 0-7/155908064": the file's whole size after the slash. */
	private static final Pattern TOTAL = Pattern.compile("/(\\d+)\\s*$");

	private RemoteHeader() {}

	/**
	 * @throws TransferFailure when the server cannot be reached now (the download, with its retries, will say)
	 * @throws BundleException when what the server sends is no safetensors header
	 */
	static SafetensorsHeader read(final HttpSource http, final URI source) throws TransferFailure,
		DownloadException, BundleException
	{
		final String where = source.toString();
		final long[] total = { -1 };
		final byte[] prefix = bytes(http, source, 0, 8, total);
		final long length = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
		SafetensorsHeader.checkLength(length, total[0], where);
		final byte[] json = bytes(http, source, 8, (int) length, total);
		return SafetensorsHeader.parse("model.safetensors at " + source.getHost(), where, new String(json,
			StandardCharsets.UTF_8), total[0] < 0 ? -1 : total[0] - 8 - length);
	}

	/** {@code length} bytes from {@code first} on; the file's size goes into {@code total} when the server says. */
	private static byte[] bytes(final HttpSource http, final URI source, final long first, final int length,
		final long[] total) throws TransferFailure, DownloadException, BundleException
	{
		try (HttpSource.Response r = http.open(source, first, first + length - 1)) {
			if (r.status() == 416) throw cutShort(source, first + length);
			final InputStream in = r.body();
			if (r.status() == 206) {
				final String range = r.header("Content-Range");
				final Matcher m = range == null ? null : TOTAL.matcher(range);
				if (m != null && m.find()) total[0] = Long.parseLong(m.group(1));
			}
			else {
				total[0] = r.contentLength();
				in.skipNBytes(first); // the whole file: its start is skipped to the bytes asked for
			}
			final byte[] out = in.readNBytes(length);
			if (out.length < length) throw cutShort(source, first + length);
			return out;
		}
		catch (final IOException e) {
			throw TransferFailure.broken(source.getHost(), DownloadMessages.reason(e), e);
		}
	}

	private static BundleException cutShort(final URI source, final long needed) {
		return new BundleException("The file at " + source + " is not a SAM 2.1 checkpoint: it ends before its " +
			"first " + needed + " bytes, where its header should be.");
	}
}
