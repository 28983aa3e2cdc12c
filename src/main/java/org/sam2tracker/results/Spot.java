package org.sam2tracker.results;

/**
 * One object on one plane of the label image: where it is, how big, how bright, and what the model thought of
 * it. Positions are 1-based like ImageJ's frame and slice numbers; x and y are centroids of pixel centres.
 */
public record Spot(int label, int frame, int slice, double xPixels, double yPixels, long areaPixels,
	int boundsX, int boundsY, int boundsWidth, int boundsHeight, double meanIntensity, double score,
	boolean promptFrame)
{
}
