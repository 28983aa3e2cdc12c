package org.sam2tracker.model;

/** The device a model actually runs on, and why: what a log or a run report shows. */
public record DeviceChoice(boolean gpu, String reason) {

	@Override
	public String toString() {
		return (gpu ? "GPU (CUDA)" : "CPU") + ": " + reason;
	}
}
