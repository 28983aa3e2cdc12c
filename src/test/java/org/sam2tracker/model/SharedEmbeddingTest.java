package org.sam2tracker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.TestData;

/**
 * transformers stores SAM 2's one positional-embedding matrix under two names; a checkpoint that holds only one
 * of them serves for both, with the same values.
 */
class SharedEmbeddingTest {

	private static final String KEPT = "shared_image_embedding.positional_embedding";
	private static final String DROPPED = "prompt_encoder.shared_embedding.positional_embedding";

	@TempDir
	Path dir;

	@Test
	void eitherNameOfThePositionalEmbeddingServesForTheOther() throws Exception {
		final Path original = TestData.CHECKPOINT_BUNDLE.resolve("model.safetensors");
		final Path oneName = dir.resolve("model.safetensors");
		Files.write(oneName, without(Files.readAllBytes(original), DROPPED));
		final CheckpointMap map = CheckpointMap.read(TestData.CHECKPOINT_BUNDLE.resolve("checkpoint_map.json"));
		CheckpointWeights.check(map, oneName);
		try (SafetensorsFile full = SafetensorsFile.open(original); SafetensorsFile one = SafetensorsFile.open(oneName)) {
			assertFalse(one.entries().containsKey(DROPPED));
			final long[] shape = full.entries().get(DROPPED).shape();
			// In Meta's checkpoints both names hold the same values; this random fixture drew them apart, which shows
			// which tensor was read.
			assertArrayEquals(full.floats(KEPT, shape), one.floats(DROPPED, shape));
		}
	}

	/** The file with one tensor's entry taken out of its header (its bytes stay, unused). */
	private static byte[] without(final byte[] file, final String tensor) {
		final long length = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
		final com.google.gson.JsonObject header = com.google.gson.JsonParser.parseString(new String(file, 8, (int) length,
			StandardCharsets.UTF_8)).getAsJsonObject();
		header.remove(tensor);
		final byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
		final int data = file.length - 8 - (int) length;
		return ByteBuffer.allocate(8 + json.length + data).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json)
			.put(file, 8 + (int) length, data).array();
	}
}
