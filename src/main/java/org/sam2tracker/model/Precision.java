package org.sam2tracker.model;

import java.util.Locale;

/**
 * The arithmetic a model runs in. {@link #EXACT} is float32 throughout, equal to the reference; {@link #INT8} runs
 * the image encoder's linear layers on the CPU's int8 matrix units (VNNI, AMX), with weights quantized from the
 * same checkpoint when the model opens and activations per call, and everything else in float32.
 */
public enum Precision {

	EXACT,
	INT8;

	/** As the options write it: exact, int8. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The precision of that key, or null. */
	public static Precision byKey(final String key) {
		for (final Precision p : values()) {
			if (p.key().equalsIgnoreCase(key.trim())) return p;
		}
		return null;
	}
}
