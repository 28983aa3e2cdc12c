package org.sam2tracker.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sums spots up into one track per label. */
public final class TrackBuilder {

	private TrackBuilder() {}

	/**
	 * @param alongSlices true when the tracking axis is z (a z-stack): frames are then slices, the path runs
	 *        through 3D and there is no speed
	 */
	public static List<Track> tracks(final List<Spot> spots, final Calibration cal, final boolean alongSlices) {
		return tracks(spots, cal, alongSlices, Lineage.NONE);
	}

	/** The tracks, each with its parent and generation in the lineage. */
	public static List<Track> tracks(final List<Spot> spots, final Calibration cal, final boolean alongSlices,
		final Lineage lineage)
	{
		final Map<Integer, List<Spot>> byLabel = new TreeMap<>();
		for (final Spot s : spots) byLabel.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s);
		final Map<Integer, Integer> firstFrames = new TreeMap<>();
		byLabel.forEach((label, list) -> firstFrames.put(label, list.stream().mapToInt(s -> position(s, alongSlices))
			.min().orElse(0)));
		final List<Track> tracks = new ArrayList<>();
		for (final Map.Entry<Integer, List<Spot>> e : byLabel.entrySet()) {
			final List<Spot> list = e.getValue();
			list.sort(Comparator.comparingInt(s -> position(s, alongSlices)));
			final int first = position(list.get(0), alongSlices);
			final int last = position(list.get(list.size() - 1), alongSlices);
			final int present = (int) list.stream().mapToInt(s -> position(s, alongSlices)).distinct().count();
			double path = 0;
			for (int i = 1; i < list.size(); i++) path += distance(list.get(i - 1), list.get(i), cal);
			final double duration = (last - first) * cal.interval();
			final double speed = alongSlices || !(duration > 0) ? Double.NaN : path / duration;
			final int division = lineage.children().getOrDefault(e.getKey(), List.of()).stream().mapToInt(c -> firstFrames
				.getOrDefault(c, 0)).filter(f -> f > 0).min().orElse(0);
			tracks.add(new Track(e.getKey(), first, last, present, last - first + 1 - present, path, speed, lineage
				.parent(e.getKey()), lineage.generation(e.getKey()), division));
		}
		return tracks;
	}

	private static int position(final Spot s, final boolean alongSlices) {
		return alongSlices ? s.slice() : s.frame();
	}

	private static double distance(final Spot a, final Spot b, final Calibration cal) {
		final double dx = (b.xPixels() - a.xPixels()) * cal.pixelWidth();
		final double dy = (b.yPixels() - a.yPixels()) * cal.pixelHeight();
		final double dz = (b.slice() - a.slice()) * cal.pixelDepth();
		return Math.sqrt(dx * dx + dy * dy + dz * dz);
	}
}
