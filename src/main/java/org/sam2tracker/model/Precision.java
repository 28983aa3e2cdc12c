package org.sam2tracker.model;

import java.util.Locale;

/**
 * The arithmetic a model runs in. {@link #EXACT} is float32 throughout, equal to the reference; {@link #INT8} runs
 * the image encoder's linear layers on the CPU's int8 matrix units (VNNI, AMX), with weights quantized from the
 * same checkpoint when the model opens and activations per call, and everything else in float32; {@link #BF16}
 * runs the memory attention's products in bfloat16 on the CPU's bfloat16 units (AMX, AVX512-BF16) through oneDNN,
 * from the same checkpoint, and everything else (the image encoder included) in float32.
 */
public enum Precision {

	EXACT,
	INT8,
	BF16;

	/** Whether the precision runs graphs of its own (listed under the manifest's precisions), not only weights. */
	public boolean hasOwnGraphs() {
		return this == INT8;
	}

	/** As the options write it: exact, int8, bf16. */
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
