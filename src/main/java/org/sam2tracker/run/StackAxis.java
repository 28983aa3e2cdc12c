package org.sam2tracker.run;

/**
 * What the pages of a plain stack are: a multi-page TIFF that does not say which pages are slices and which
 * are time points (no ImageJ hyperstack metadata) is read as a time-lapse or as a z-stack.
 */
public enum StackAxis {
	TIME, Z
}
