package org.sam2tracker.io;

import java.util.Map;

/**
 * What ImageJ's own TIFF reader (ij.io.TiffDecoder and ImageReader, 1.54p) cannot read, told from the first
 * image directory. ImageJ fails on some of these with an error and on others silently, with a blank or
 * scrambled image (JPEG-compressed strips narrower than 500 pixels are read as if uncompressed), so they are
 * caught before ImageJ sees the file.
 */
final class TiffLimits {

	private static final Map<Integer, String> COMPRESSIONS = Map.ofEntries(
		Map.entry(2, "CCITT modified Huffman"),
		Map.entry(3, "CCITT Group 3 fax"),
		Map.entry(4, "CCITT Group 4 fax"),
		Map.entry(6, "old-style JPEG"),
		Map.entry(7, "JPEG"),
		Map.entry(33003, "JPEG 2000 (Aperio)"),
		Map.entry(33005, "JPEG 2000 (Aperio)"),
		Map.entry(34712, "JPEG 2000"),
		Map.entry(34887, "LERC"),
		Map.entry(34925, "LZMA"),
		Map.entry(50000, "Zstandard"),
		Map.entry(50001, "WebP"),
		Map.entry(50002, "JPEG XL"),
		Map.entry(52546, "JPEG XL"));

	private TiffLimits() {}

	/** What in the file ImageJ cannot read, as the end of a sentence that starts with the file; null if none. */
	static String problem(final TiffHeader header) {
		if (header.bigTiff()) return "is a BigTIFF (the TIFF variant for files over 4 GB)";
		if (!supported(header.compression())) return "is compressed with " + COMPRESSIONS.getOrDefault(
			header.compression(), "an unknown scheme") + " (TIFF compression " + header.compression() + ")";
		if (header.tiled()) return "stores its images in tiles";
		if (header.predictor() == 3) return "uses the floating-point predictor";
		if (header.bitsPerSample() == 16 && header.sampleFormat() == 3) return "holds 16-bit floating-point pixels";
		if (header.bitsPerSample() > 32) return "holds " + header.bitsPerSample() + "-bit " + sampleFormat(header) +
			" pixels (ImageJ reads 8, 16 and 32-bit ones; convert it to 32-bit floating point first)";
		return null;
	}

	private static String sampleFormat(final TiffHeader header) {
		return switch (header.sampleFormat()) {
			case 2 -> "signed integer";
			case 3 -> "floating-point";
			default -> "integer";
		};
	}

	/** None (0 is read as none too), LZW, Deflate/ZIP (both codes) and PackBits. */
	private static boolean supported(final int compression) {
		return compression == 0 || compression == 1 || compression == 5 || compression == 8 || compression == 32946 ||
			compression == 32773;
	}
}
