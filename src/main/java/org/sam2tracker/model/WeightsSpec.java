package org.sam2tracker.model;

/**
 * The checkpoint file of a bundle whose graphs hold no weights: its name in the bundle folder, and its size
 * and SHA-256 when known ({@code bytes} -1 and {@code sha256} null until an install records them).
 */
public record WeightsSpec(String file, long bytes, String sha256) {

	public boolean sizeKnown() {
		return bytes >= 0;
	}
}
