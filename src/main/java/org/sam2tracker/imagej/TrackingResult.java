package org.sam2tracker.imagej;

import ij.ImagePlus;

import java.util.List;

import org.sam2tracker.results.Calibration;
import org.sam2tracker.results.Spot;
import org.sam2tracker.results.SpotTable;
import org.sam2tracker.results.Table;
import org.sam2tracker.results.Track;
import org.sam2tracker.results.TrackBuilder;
import org.sam2tracker.results.TrackTable;

/**
 * What a run made: the label image, one spot per object and plane where it shows, and one track per object.
 * {@code complete} is false when the run was cancelled; everything then covers the frames done until then.
 */
public record TrackingResult(ImagePlus labels, List<Spot> spots, Calibration calibration, boolean alongSlices,
	int objects, int framesDone, int framesTotal, boolean complete, String device, double seconds)
{

	public List<Track> tracks() {
		return TrackBuilder.tracks(spots, calibration, alongSlices);
	}

	public Table spotTable() {
		return SpotTable.of(spots, calibration);
	}

	public Table trackTable() {
		return TrackTable.of(tracks());
	}
}
