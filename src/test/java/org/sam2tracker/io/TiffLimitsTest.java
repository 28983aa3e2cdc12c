package org.sam2tracker.io;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What ImageJ 1.54p's TIFF reader reads, and what it would refuse or misread. */
class TiffLimitsTest {

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 5, 8, 32946, 32773 })
	void compressionsImageJReadsPass(final int compression) {
		assertNull(TiffLimits.problem(header(16, compression, 1, 1, false)));
	}

	@Test
	void tilesPredictorsAndHalfFloatsAreNamed() {
		assertTrue(TiffLimits.problem(header(16, 1, 1, 1, true)).contains("tiles"));
		assertTrue(TiffLimits.problem(header(32, 5, 3, 3, false)).contains("floating-point predictor"));
		assertTrue(TiffLimits.problem(header(16, 1, 1, 3, false)).contains("16-bit floating-point"));
		assertNull(TiffLimits.problem(header(32, 8, 2, 3, false)), "32-bit float with the integer predictor");
	}

	private static TiffHeader header(final int bits, final int compression, final int predictor,
		final int sampleFormat, final boolean tiled)
	{
		return new TiffHeader(false, 64, 64, bits, compression, 1, predictor, sampleFormat, tiled, false, "");
	}
}
