package org.sam2tracker.imagej;

import ij.ImagePlus;

import java.util.List;
import java.util.Map;

import org.sam2tracker.model.ModelBundle;

import org.sam2tracker.results.Calibration;
import org.sam2tracker.results.Spot;
import org.sam2tracker.results.SpotTable;
import org.sam2tracker.results.Table;
import org.sam2tracker.results.Track;
import org.sam2tracker.results.Lineage;
import org.sam2tracker.results.TrackBuilder;
import org.sam2tracker.results.TrackTable;

/**
 * What a run made: the label image, one spot per object and plane where it shows, and one track per object.
 * {@code complete} is false when the run was cancelled; everything then covers the frames done until then.
 * {@code model} is the bundle the run used, {@code stageTimings} the calls and milliseconds of each graph;
 * {@code lineage} which objects divided from which.
 */
public record TrackingResult(ImagePlus labels, List<Spot> spots, Calibration calibration, boolean alongSlices,
	int objects, int framesDone, int framesTotal, boolean complete, String device, double seconds,
	ModelBundle model, Map<String, double[]> stageTimings, Lineage lineage)
{

	public List<Track> tracks() {
		return TrackBuilder.tracks(spots, calibration, alongSlices, lineage);
	}

	public Table spotTable() {
		return SpotTable.of(spots, calibration);
	}

	public Table trackTable() {
		return TrackTable.of(tracks());
	}
}
