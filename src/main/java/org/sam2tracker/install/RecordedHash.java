package org.sam2tracker.install;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The SHA-256 and size of a weights file whose catalog entry has none, recorded at its first download so that
 * every later download or copy of the same URL is checked against it (trust on first use). One small file per
 * model beside the downloads, written whole or not at all.
 */
final class RecordedHash {

	record Value(String sha256, long bytes) {}

	private final Path file;

	RecordedHash(final Path downloads, final CatalogEntry entry) {
		this.file = downloads.resolve(entry.name() + ".recorded.json");
	}

	/** The recorded value for this URL, or null. An unreadable record counts as none: the next download records. */
	Value get(final CatalogEntry entry) {
		try {
			final JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
			if (!entry.weightsUrl().toString().equals(o.get("url").getAsString())) return null;
			return new Value(o.get("sha256").getAsString(), o.get("bytes").getAsLong());
		}
		catch (final IOException | RuntimeException e) {
			return null;
		}
	}

	void put(final CatalogEntry entry, final String sha256, final long bytes) throws IOException {
		final JsonObject o = new JsonObject();
		o.addProperty("url", entry.weightsUrl().toString());
		o.addProperty("sha256", sha256);
		o.addProperty("bytes", bytes);
		Files.createDirectories(file.getParent());
		final Path temp = Files.createTempFile(file.getParent(), ".record-", ".tmp");
		Files.writeString(temp, o + "\n", StandardCharsets.UTF_8);
		Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}
}
