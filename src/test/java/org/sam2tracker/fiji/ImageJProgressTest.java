package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The progress line: frames done, objects, time spent and an estimate of the time left. */
class ImageJProgressTest {

	@Test
	void theLineEstimatesTheTimeLeftFromTheFramesDone() {
		assertEquals("SAM 2 Tracker: frame 10 of 40, 3 objects, 0:20 elapsed, about 1:00 left", ImageJProgress.line(10,
			40, 20.0, 3));
		assertEquals("SAM 2 Tracker: frame 0 of 5, 1 object, 0:00 elapsed, ? left", ImageJProgress.line(0, 5, 0, 1));
	}

	@Test
	void longRunsCountHours() {
		assertEquals("1:01:05", org.sam2tracker.run.Clock.format(3665));
		assertEquals("59:59", org.sam2tracker.run.Clock.format(3599));
	}
}
