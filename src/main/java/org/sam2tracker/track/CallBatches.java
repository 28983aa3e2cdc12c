package org.sam2tracker.track;

import java.util.ArrayList;
import java.util.List;

/** A frame's objects cut into graph calls of at most a given number, in their order. */
final class CallBatches {

	private CallBatches() {}

	static <T> List<List<T>> of(final List<T> all, final int most) {
		if (most < 1) throw new IllegalArgumentException("a call takes at least one object, not " + most);
		final List<List<T>> calls = new ArrayList<>();
		for (int from = 0; from < all.size(); from += most) {
			calls.add(all.subList(from, Math.min(all.size(), from + most)));
		}
		return calls;
	}
}
