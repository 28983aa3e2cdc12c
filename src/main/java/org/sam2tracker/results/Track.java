package org.sam2tracker.results;

/**
 * One object through the whole run. Frames are along the tracking axis (time, or slices in a z-stack) and
 * 1-based; gaps are frames between the first and the last where the object was not seen. The path joins the
 * centroids of consecutive sightings; speed is path length over the time from first to last frame. {@code parent} is
 * the object it divided from (0 for none), {@code generation} how many divisions lie between it and a prompted
 * object, {@code divisionFrame} the first frame of its daughters (0 when it did not divide).
 */
public record Track(int label, int firstFrame, int lastFrame, int framesPresent, int gaps,
	double pathLength, double meanSpeed, int parent, int generation, int divisionFrame)
{
}
