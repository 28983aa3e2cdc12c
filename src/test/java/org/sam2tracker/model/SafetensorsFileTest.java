package org.sam2tracker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading safetensors checkpoints: values in every float dtype, and a message naming each bad tensor. */
class SafetensorsFileTest {

	@TempDir
	Path dir;

	@Test
	void floatsOfEveryWeightDtypeReadBack() throws Exception {
		final Path file = dir.resolve("model.safetensors");
		final Map<String, Tensor> tensors = new LinkedHashMap<>();
		tensors.put("encoder.weight", new Tensor("F32", new long[] { 2, 3 }, f32(1.5f, -2, 0, 3.25f, 1e-8f, -7)));
		tensors.put("half", new Tensor("F16", new long[] { 4 }, le16((short) 0x3c00, (short) 0xc000, (short) 0x0001,
			(short) 0x7c00)));
		tensors.put("brain", new Tensor("BF16", new long[] { 2 }, le16((short) 0x3fc0, (short) 0xbf80)));
		write(file, tensors);
		try (SafetensorsFile st = SafetensorsFile.open(file)) {
			assertEquals(3, st.entries().size());
			assertArrayEquals(new float[] { 1.5f, -2, 0, 3.25f, 1e-8f, -7 }, st.floats("encoder.weight", new long[] { 2,
				3 }));
			assertArrayEquals(new float[] { 1, -2, 0x1p-24f, Float.POSITIVE_INFINITY }, st.floats("half", new long[] {
				4 }));
			assertArrayEquals(new float[] { 1.5f, -1 }, st.floats("brain", new long[] { 2 }));
		}
	}

	@Test
	void aMissingTensorAWrongShapeAndAWrongDtypeAreNamed() throws Exception {
		final Path file = dir.resolve("model.safetensors");
		final Map<String, Tensor> tensors = new LinkedHashMap<>();
		tensors.put("w", new Tensor("F32", new long[] { 2, 2 }, f32(1, 2, 3, 4)));
		tensors.put("steps", new Tensor("I64", new long[] { 1 }, new byte[8]));
		write(file, tensors);
		try (SafetensorsFile st = SafetensorsFile.open(file)) {
			assertMessage(() -> st.floats("memory.proj", new long[] { 2 }), "no tensor 'memory.proj'");
			assertMessage(() -> st.floats("w", new long[] { 4, 1 }), "'w'", "[2, 2]", "[4, 1]");
			assertMessage(() -> st.floats("steps", new long[] { 1 }), "'steps'", "I64");
		}
	}

	@Test
	void damagedFilesSayTheyAreDamaged() throws Exception {
		final Path file = dir.resolve("model.safetensors");
		final Map<String, Tensor> tensors = new LinkedHashMap<>();
		tensors.put("w", new Tensor("F32", new long[] { 4 }, f32(1, 2, 3, 4)));
		write(file, tensors);
		final byte[] whole = Files.readAllBytes(file);
		final Path cut = dir.resolve("cut.safetensors");
		Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 4));
		assertMessage(() -> SafetensorsFile.open(cut), "damaged", "'w' lies outside its data");
		final Path tiny = dir.resolve("tiny.safetensors");
		Files.write(tiny, new byte[] { 1, 2, 3 });
		assertMessage(() -> SafetensorsFile.open(tiny), "damaged", "shorter than its header");
		final Path notJson = dir.resolve("text.safetensors");
		Files.write(notJson, withHeader("not json at all"));
		assertMessage(() -> SafetensorsFile.open(notJson), "damaged", "not JSON");
		final Path huge = dir.resolve("huge.safetensors");
		Files.write(huge, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
		assertMessage(() -> SafetensorsFile.open(huge), "header length");
		assertMessage(() -> SafetensorsFile.open(dir.resolve("missing.safetensors")), "does not exist");
	}

	@Test
	void halfPrecisionCoversNormalsSubnormalsAndSpecials() {
		assertEquals(65504f, SafetensorsFile.halfToFloat((short) 0x7bff));
		assertEquals(-0.0f, SafetensorsFile.halfToFloat((short) 0x8000));
		assertEquals(0x1p-14f, SafetensorsFile.halfToFloat((short) 0x0400));
		assertTrue(Float.isNaN(SafetensorsFile.halfToFloat((short) 0x7e00)));
	}

	// -- a writer that follows the format: u64 header length, JSON header, data

	record Tensor(String dtype, long[] shape, byte[] data) {}

	static void write(final Path file, final Map<String, Tensor> tensors) throws Exception {
		final StringBuilder json = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
		final ByteArrayOutputStream data = new ByteArrayOutputStream();
		for (final Map.Entry<String, Tensor> e : tensors.entrySet()) {
			final long begin = data.size();
			data.write(e.getValue().data());
			json.append(",\"").append(e.getKey()).append("\":{\"dtype\":\"").append(e.getValue().dtype()).append(
				"\",\"shape\":").append(java.util.Arrays.toString(e.getValue().shape()).replace(" ", "")).append(
					",\"data_offsets\":[").append(begin).append(',').append(data.size()).append("]}");
		}
		json.append('}');
		final byte[] header = withHeader(json.toString());
		final byte[] all = new byte[header.length + data.size()];
		System.arraycopy(header, 0, all, 0, header.length);
		System.arraycopy(data.toByteArray(), 0, all, header.length, data.size());
		Files.write(file, all);
	}

	private static byte[] withHeader(final String json) {
		final byte[] text = json.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(8 + text.length).order(ByteOrder.LITTLE_ENDIAN).putLong(text.length).put(text)
			.array();
	}

	static byte[] f32(final float... values) {
		final ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (final float v : values) b.putFloat(v);
		return b.array();
	}

	private static byte[] le16(final short... values) {
		final ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (final short v : values) b.putShort(v);
		return b.array();
	}

	private interface Call {
		void run() throws Exception;
	}

	private static void assertMessage(final Call call, final String... parts) {
		final BundleException e = assertThrows(BundleException.class, call::run);
		for (final String part : parts) assertTrue(e.getMessage().contains(part), e.getMessage());
	}
}
