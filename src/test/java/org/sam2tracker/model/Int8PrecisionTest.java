package org.sam2tracker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.sam2tracker.testing.TestData;

/**
 * The int8 precision on the checkpoint fixture: its int8 image encoder, with weights quantized in Java from the
 * same model.safetensors, close to the float32 encoder (but not equal: the int8 kernels ran), at the fixture's own
 * size and at 128 pixels; int8 where this CPU has no int8 units runs exact and says so.
 */
class Int8PrecisionTest {

	@Test
	void columnsAreQuantizedSymmetricallyWithOneScaleEach() {
		final Int8Columns q = Int8Columns.of(new float[] { 63.5f, 0, -254, 62.5f, -127, 0, 32.5f, 127 }, 2, 4);
		assertArrayEquals(new float[] { 1, 1, 2, 1 }, q.scales(), "max |column| / 127; 1 for a column of zeros");
		assertArrayEquals(new byte[] { 64, 0, -127, 62, -127, 0, 16, 127 }, q.values(),
			"the nearest whole number, halves to even (63.5 -> 64, 62.5 -> 62)");
	}

	@Test
	void theInt8EncoderIsCloseToExactAtEachInputSize() throws Exception {
		for (final int size : new int[] { ModelBundle.OWN_INPUT_SIZE, 128 }) {
			final int s = size == ModelBundle.OWN_INPUT_SIZE ? 256 : size;
			final float[] pixels = new float[3 * s * s];
			for (int i = 0; i < pixels.length; i++) {
				pixels[i] = (float) (1.5 * Math.sin(i * 0.0007) * Math.cos(i * 0.013));
			}
			try (Sam2Model exact = Sam2Model.open(TestData.CHECKPOINT_BUNDLE, size, Precision.EXACT, Device.CPU, 2);
				Sam2Model int8 = Sam2Model.open(TestData.CHECKPOINT_BUNDLE, size, Precision.INT8, Device.CPU, 2))
			{
				assertNull(exact.precisionNote());
				if (CpuFeatures.ofThisMachine().int8Units() == null) {
					assertEquals(Precision.EXACT, int8.precision(), "no int8 units: exact");
					assertTrue(int8.precisionNote().contains("no int8 matrix instructions"), int8.precisionNote());
					continue;
				}
				if (CpuFeatures.ofThisMachine().hasAmx()) {
					// The fixture's narrow layers include widths of 24 columns: on AMX int8 must refuse them.
					assertEquals(Precision.EXACT, int8.precision(), "the fixture's widths on AMX: exact");
					assertTrue(int8.precisionNote().contains("24 wide"), int8.precisionNote());
					continue;
				}
				assertEquals(Precision.INT8, int8.precision());
				assertTrue(int8.describe().contains("int8"), int8.describe());
				final float[] a = exact.encodeImage(pixels).imageEmbed();
				final float[] b = int8.encodeImage(pixels).imageEmbed();
				double diff = 0, norm = 0;
				for (int i = 0; i < a.length; i++) {
					diff += (a[i] - b[i]) * (double) (a[i] - b[i]);
					norm += a[i] * (double) a[i];
				}
				final double relative = Math.sqrt(diff / norm);
				System.out.printf("int8 image encoder at %d px: image_embed relative RMS error %.3f%%%n", s, 100 *
					relative);
				assertTrue(relative > 0 && relative < 0.05, "relative RMS error " + relative);
				assertTrue(!exact.encoderFingerprint().equals(int8.encoderFingerprint()),
					"features cached in one precision are never taken for the other's");
			}
		}
	}

	@Test
	void aBundleWithoutInt8GraphsIsRefusedForInt8() {
		final Path bundle = TestData.REFERENCE_BUNDLE;
		final BundleException e = assertThrows(BundleException.class, () -> Sam2Model.open(bundle,
			ModelBundle.OWN_INPUT_SIZE, Precision.INT8, Device.CPU, 1));
		assertTrue(e.getMessage().contains("has no int8 graphs"), e.getMessage());
	}
}
