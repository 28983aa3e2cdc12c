package org.sam2tracker.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in the lower-case hexadecimal the model catalog and Hugging Face write it in. */
final class Sha256 {

	static final int BUFFER = 1 << 16;

	private Sha256() {}

	static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java has SHA-256", e);
		}
	}

	static String hex(final MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

	static String of(final Path file) throws IOException {
		final MessageDigest digest = newDigest();
		final byte[] buffer = new byte[BUFFER];
		try (InputStream in = Files.newInputStream(file)) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				digest.update(buffer, 0, n);
			}
		}
		return hex(digest);
	}
}
