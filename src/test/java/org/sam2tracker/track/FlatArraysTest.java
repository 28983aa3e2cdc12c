package org.sam2tracker.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

class FlatArraysTest {

	@Test
	void batchesOfSeveralObjectsAreLaidSideBySideAndTakenApart() {
		final float[] all = FlatArrays.concat(List.of(new float[] { 1, 2, 9 }, new float[] { 3, 4, 9 }), 2);
		assertArrayEquals(new float[] { 1, 2, 3, 4 }, all);
		assertArrayEquals(new float[] { 3, 4 }, FlatArrays.slice(all, 1, 2));
		assertArrayEquals(new float[] { 5, 6, 5, 6 }, FlatArrays.repeat(new float[] { 5, 6 }, 2));
	}

	@Test
	void aBatchOfOneIsTheObjectsOwnArray() {
		final float[] one = { 1, 2, 3 };
		assertSame(one, FlatArrays.concat(List.of(one), 3));
		assertSame(one, FlatArrays.slice(one, 0, 3));
		assertSame(one, FlatArrays.repeat(one, 1));
	}

	@Test
	void aLongerPartIsCutToTheBlockLength() {
		assertArrayEquals(new float[] { 1, 2 }, FlatArrays.concat(List.of(new float[] { 1, 2, 3 }), 2));
		assertArrayEquals(new float[] { 1, 2 }, FlatArrays.slice(new float[] { 1, 2, 3 }, 0, 2));
	}
}
