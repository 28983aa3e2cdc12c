package org.sam2tracker.track;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key of a frame's features in a {@link FeatureStore}: the SHA-256 of the model's encoder fingerprint and of
 * the exact pixel values the encoder is given. Channel, intensity mapping and resizing are in those values, so
 * any change to them is another key, and the same pixels in another file are the same key.
 */
final class FeatureKey {

	private FeatureKey() {}

	static String of(final String modelFingerprint, final float[] pixelValues) {
		final MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("This Java runtime has no SHA-256", e);
		}
		digest.update(modelFingerprint.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) 0);
		final ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
		for (final float v : pixelValues) {
			if (!chunk.hasRemaining()) {
				digest.update(chunk.flip());
				chunk.clear();
			}
			chunk.putFloat(v);
		}
		digest.update(chunk.flip());
		return HexFormat.of().formatHex(digest.digest());
	}
}
