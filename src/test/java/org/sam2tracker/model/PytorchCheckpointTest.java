package org.sam2tracker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.testing.TestData;

/**
 * Meta's .pt checkpoints read without Python and without running their pickle: files written by torch.save in
 * the reference environment (models/export/make_pt_fixtures.py), every value as torch saved it; a pickle that names
 * another function, a tensor stored with strides, and a zip cut short are refused.
 */
class PytorchCheckpointTest {

	private static final Path DIR = TestData.ROOT.resolve("checkpoints");

	@TempDir
	Path dir;

	@Test
	void everyTensorReadsAsTorchSavedIt() throws Exception {
		final JsonObject expected = JsonParser.parseString(Files.readString(DIR.resolve("meta-style.json")))
			.getAsJsonObject();
		try (PytorchCheckpoint checkpoint = PytorchCheckpoint.open(DIR.resolve("meta-style.pt"))) {
			assertEquals(expected.keySet(), checkpoint.tensors().keySet());
			for (final Map.Entry<String, JsonElement> e : expected.entrySet()) {
				final long[] shape = new long[e.getValue().getAsJsonObject().getAsJsonArray("shape").size()];
				for (int i = 0; i < shape.length; i++) {
					shape[i] = e.getValue().getAsJsonObject().getAsJsonArray("shape").get(i).getAsLong();
				}
				final float[] values = new float[e.getValue().getAsJsonObject().getAsJsonArray("values").size()];
				for (int i = 0; i < values.length; i++) {
					values[i] = e.getValue().getAsJsonObject().getAsJsonArray("values").get(i).getAsFloat();
				}
				assertArrayEquals(values, checkpoint.floats(e.getKey(), shape), 0f, e.getKey());
			}
			assertEquals(4, checkpoint.tensors().get("sam_mask_decoder.mask_tokens.weight").offset(), "a view from " +
				"an offset into a shared storage");
			final String wrong = assertThrows(BundleException.class, () -> checkpoint.floats("no_mem_embed", new long[] {
				1, 1, 8 })).getMessage();
			assertTrue(wrong.contains("has the shape [1, 1, 4]; this model needs [1, 1, 8]"), wrong);
		}
	}

	@Test
	void aPickleThatNamesAnotherFunctionIsRefusedAndNothingRuns() {
		final PrintStream out = System.out;
		final ByteArrayOutputStream printed = new ByteArrayOutputStream();
		System.setOut(new PrintStream(printed, true));
		try {
			final String message = assertThrows(BundleException.class, () -> PytorchCheckpoint.open(DIR.resolve(
				"other-global.pt"))).getMessage();
			assertTrue(message.contains("asks to run builtins.print") && message.contains("nothing in it was run"),
				message);
		}
		finally {
			System.setOut(out);
		}
		assertEquals("", printed.toString(), "nothing was printed");
	}

	@Test
	void aTensorStoredWithStridesIsRefused() {
		final String message = assertThrows(BundleException.class, () -> PytorchCheckpoint.open(DIR.resolve(
			"strided.pt"))).getMessage();
		assertTrue(message.contains("the tensor 't' is stored with strides [1, 2] for the shape [2, 3]"), message);
	}

	@Test
	void aZipCutShortIsRefused() throws Exception {
		final byte[] whole = Files.readAllBytes(DIR.resolve("meta-style.pt"));
		final Path cut = Files.write(dir.resolve("cut.pt"), Arrays.copyOf(whole, whole.length / 2));
		final String message = assertThrows(BundleException.class, () -> PytorchCheckpoint.open(cut)).getMessage();
		assertTrue(message.contains("cut.pt cannot be read: it is not a complete zip"), message);
	}
}
