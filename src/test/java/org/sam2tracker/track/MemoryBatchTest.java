package org.sam2tracker.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.sam2tracker.model.BundleConfig;
import org.sam2tracker.model.BundleManifest;
import org.sam2tracker.testing.TestData;

/** Memory attention runs one object per call at full size, so that memory does not grow with objects. */
class MemoryBatchTest {

	@Test
	void fullSizeModelsAttendOneObjectPerCallAndSmallOnesAll() throws Exception {
		final BundleConfig tiny = BundleManifest.read(Path.of("models/sam2.1-hiera-tiny")).config();
		final MemoryBank full = new MemoryBank(tiny, 1000, false);
		assertEquals(1, full.objectsPerCall(7, 16), "7 memory frames of 64 x 64: about 470 MB of scores each");
		assertEquals(3, full.objectsPerCall(1, 1));
		final BundleConfig fixture = BundleManifest.read(TestData.REFERENCE_BUNDLE).config();
		assertTrue(new MemoryBank(fixture, 32, false).objectsPerCall(7, 16) > 100, "16 x 16 features: all in one call");
	}
}
