package org.sam2tracker.results;

import java.util.List;

/** The tracks table: one row per object. In a z-stack the frames are slices and there is no speed (NaN). */
public final class TrackTable {

	public static final String LABEL = "Label";
	public static final String FIRST_FRAME = "First_frame";
	public static final String LAST_FRAME = "Last_frame";
	public static final String FRAMES_PRESENT = "Frames_present";
	public static final String GAPS = "Gaps";
	public static final String PATH_LENGTH = "Path_length";
	public static final String MEAN_SPEED = "Mean_speed";

	public static final String PARENT = "Parent";
	public static final String GENERATION = "Generation";
	public static final String DIVISION_FRAME = "Division_frame";

	public static final List<String> COLUMNS = List.of(LABEL, FIRST_FRAME, LAST_FRAME, FRAMES_PRESENT, GAPS,
		PATH_LENGTH, MEAN_SPEED, PARENT, GENERATION, DIVISION_FRAME);

	private TrackTable() {}

	public static Table of(final List<Track> tracks) {
		return new Table(COLUMNS, tracks.stream().map(t -> new double[] { t.label(), t.firstFrame(), t.lastFrame(),
			t.framesPresent(), t.gaps(), t.pathLength(), t.meanSpeed(), t.parent(), t.generation(), t.divisionFrame() }).toList());
	}
}
