package org.sam2tracker.track;

import org.sam2tracker.model.FrameFeatures;

/**
 * Where image features may be kept beyond one session (a folder, given by a front end). They are looked up by a
 * key naming the frame as the image encoder sees it and the model, so that the same frame with the same model is
 * never encoded twice, whatever image, run or session it comes from.
 */
public interface FeatureStore {

	/** Keeps nothing: every frame is encoded. */
	FeatureStore NONE = new FeatureStore() {

		@Override
		public FrameFeatures find(final String key) {
			return null;
		}

		@Override
		public void keep(final String key, final FrameFeatures features) {}
	};

	/** The features kept under the key, or null. A store that cannot read them has none: it never throws. */
	FrameFeatures find(String key);

	/** Keeps the features under the key, as far as the store's room and health allow; never throws. */
	void keep(String key, FrameFeatures features);
}
