package org.sam2tracker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AmxColumnFlawTest {

	@Test
	void widthsWith17To31ColumnsPastAMultipleOf32FallOnTheFlaw() {
		for (final long w : new long[] { 17, 24, 31, 49, 56, 63, 88 }) assertTrue(AmxColumnFlaw.hits(w), "" + w);
		for (final long w : new long[] { 1, 12, 16, 32, 36, 48, 64, 80, 96 }) assertFalse(AmxColumnFlaw.hits(w), "" + w);
		assertEquals(24, AmxColumnFlaw.firstHit(new long[] { 12, 36, 24, 56 }));
		assertEquals(-1, AmxColumnFlaw.firstHit(new long[] { 12, 36, 48 }));
	}

	@Test
	void noneOfSam21sImageEncodersHasSuchAWidth() {
		// Hiera's embedding widths (tiny and small 96, base-plus 112, large 144), doubled at each of 4 stages; each
		// stage's linear layers are qkv (3x), the attention projection (1x), the MLP (4x and back) and, where the
		// stage widens, the projection to the wider stage (2x).
		for (final long embed : new long[] { 96, 112, 144 }) {
			for (long width = embed; width <= 8 * embed; width *= 2) {
				for (final long columns : new long[] { width, 3 * width, 4 * width, 2 * width }) {
					assertFalse(AmxColumnFlaw.hits(columns), embed + ": " + columns + " columns");
				}
			}
		}
	}
}
