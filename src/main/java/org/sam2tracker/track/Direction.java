package org.sam2tracker.track;

/** Which way propagation goes from its start frame. BOTH runs forward, then backward. */
public enum Direction {
	FORWARD, BACKWARD, BOTH
}
