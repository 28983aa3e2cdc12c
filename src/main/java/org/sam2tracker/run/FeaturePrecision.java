package org.sam2tracker.run;

/**
 * How image features are kept in the feature cache folder: float32 exactly as the encoder made them (results equal
 * to encoding again), or bfloat16 in half the space (results close to, but not always equal to, encoding again).
 */
public enum FeaturePrecision {
	FLOAT32("float32", 4),
	BFLOAT16("bfloat16", 2);

	private final String key;
	private final int bytesPerValue;

	FeaturePrecision(final String key, final int bytesPerValue) {
		this.key = key;
		this.bytesPerValue = bytesPerValue;
	}

	public String key() {
		return key;
	}

	public int bytesPerValue() {
		return bytesPerValue;
	}
}
