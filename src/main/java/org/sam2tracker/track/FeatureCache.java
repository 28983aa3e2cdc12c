package org.sam2tracker.track;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;

import org.sam2tracker.model.FrameFeatures;

/**
 * The image encoder's outputs of the most recently used frames, at most {@code capacity} of them. Safe to use
 * from several threads: a frame being encoded by one is waited for by the others, never encoded twice, so a
 * background thread can encode the frames next to the one the user is on.
 */
final class FeatureCache {

	private final IntFunction<FrameFeatures> encoder;
	private final Map<Integer, CompletableFuture<FrameFeatures>> recent;
	/** The frames of {@code recent} whose features are done: read without touching the order of use. */
	private final BitSet done = new BitSet();

	FeatureCache(final int capacity, final IntFunction<FrameFeatures> encoder) {
		if (capacity < 1) throw new IllegalArgumentException("the feature cache needs room for at least one frame");
		this.encoder = encoder;
		this.recent = new LinkedHashMap<>(16, 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(final Map.Entry<Integer, CompletableFuture<FrameFeatures>> eldest) {
				final boolean full = size() > capacity;
				if (full) done.clear(eldest.getKey());
				return full;
			}
		};
	}

	FrameFeatures get(final int frame) {
		final CompletableFuture<FrameFeatures> features;
		final boolean encodeHere;
		synchronized (this) {
			final CompletableFuture<FrameFeatures> known = recent.get(frame);
			encodeHere = known == null;
			features = encodeHere ? new CompletableFuture<>() : known;
			if (encodeHere) recent.put(frame, features);
		}
		if (encodeHere) {
			try {
				features.complete(encoder.apply(frame));
				synchronized (this) {
					if (recent.get(frame) == features) done.set(frame);
				}
			}
			catch (final RuntimeException | Error e) {
				synchronized (this) {
					recent.remove(frame, features);
				}
				features.completeExceptionally(e);
				throw e;
			}
		}
		try {
			return features.join();
		}
		catch (final CompletionException e) {
			if (e.getCause() instanceof RuntimeException r) throw r;
			throw e;
		}
	}

	/** Whether the frame's features are ready, without counting as a use. */
	synchronized boolean ready(final int frame) {
		return done.get(frame);
	}

	/** Whether the frame is ready or being encoded. */
	synchronized boolean known(final int frame) {
		return recent.containsKey(frame);
	}
}
