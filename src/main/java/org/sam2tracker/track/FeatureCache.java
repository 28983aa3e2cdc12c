package org.sam2tracker.track;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

import org.sam2tracker.model.FrameFeatures;

/** The image encoder's outputs of the most recently used frames, at most {@code capacity} of them. */
final class FeatureCache {

	private final IntFunction<FrameFeatures> encoder;
	private final Map<Integer, FrameFeatures> recent;

	FeatureCache(final int capacity, final IntFunction<FrameFeatures> encoder) {
		if (capacity < 1) throw new IllegalArgumentException("the feature cache needs room for at least one frame");
		this.encoder = encoder;
		this.recent = new LinkedHashMap<>(16, 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(final Map.Entry<Integer, FrameFeatures> eldest) {
				return size() > capacity;
			}
		};
	}

	FrameFeatures get(final int frame) {
		FrameFeatures f = recent.get(frame);
		if (f == null) {
			f = encoder.apply(frame);
			recent.put(frame, f);
		}
		return f;
	}
}
