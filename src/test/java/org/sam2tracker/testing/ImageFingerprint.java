package org.sam2tracker.testing;

import ij.ImagePlus;
import ij.ImageStack;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

/** A digest of every pixel, the dimensions and the calibration: equal digests mean an unchanged image. */
public final class ImageFingerprint {

	private ImageFingerprint() {}

	public static String of(final ImagePlus imp) {
		try {
			final MessageDigest md = MessageDigest.getInstance("SHA-256");
			final ImageStack stack = imp.getStack();
			for (int i = 1; i <= stack.getSize(); i++) {
				final var ip = stack.getProcessor(i);
				final ByteBuffer b = ByteBuffer.allocate(4 * ip.getPixelCount());
				for (int p = 0; p < ip.getPixelCount(); p++) b.putFloat(Float.intBitsToFloat(ip.get(p)));
				md.update(b.array());
			}
			md.update((imp.getNChannels() + "x" + imp.getNSlices() + "x" + imp.getNFrames() + imp.getCalibration()
				+ imp.getTitle()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(md.digest());
		}
		catch (final java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
