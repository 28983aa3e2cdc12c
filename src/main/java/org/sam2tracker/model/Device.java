package org.sam2tracker.model;

/** Where the graphs run. AUTO takes CUDA when it can start and the CPU otherwise; GPU insists on CUDA. */
public enum Device {
	AUTO, CPU, GPU
}
