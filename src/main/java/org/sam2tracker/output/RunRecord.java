package org.sam2tracker.output;

import org.sam2tracker.imagej.TrackingResult;

/** A finished run as its outputs need it: what it made, and the report of how it was made. */
public record RunRecord(TrackingResult result, RunReport report) {
}
