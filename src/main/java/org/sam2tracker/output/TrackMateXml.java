package org.sam2tracker.output;

import ij.ImagePlus;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.sam2tracker.files.AtomicFiles;
import org.sam2tracker.imagej.TrackingResult;
import org.sam2tracker.results.Calibration;
import org.sam2tracker.results.Lineage;
import org.sam2tracker.results.Spot;

/**
 * A TrackMate file (File › Load a TrackMate file), as TrackMate's own reader (TmXmlReader) takes it: the model's
 * feature declarations, every spot (TrackMate's spot feature keys: calibrated position, FRAME from 0, RADIUS of
 * the disc of the same area, QUALITY the SAM 2 score), and the tracks as graphs: each object's spots linked frame
 * to frame, and a parent's last spot linked to each daughter's first, so that one TrackMate track is one lineage
 * and TrackMate shows its divisions; the image's size, calibration and file, and a manual detector and tracker,
 * so that the settings read without errors. A z-stack followed along Z gives its slices as TrackMate's frames.
 */
public final class TrackMateXml implements OutputFormat {

	/** The TrackMate version the file is written for. */
	static final String VERSION = "7.11.1";

	private static final List<String[]> SPOT_FEATURES = List.of(new String[] { "QUALITY", "Quality", "Quality",
		"QUALITY", "false" }, new String[] { "POSITION_X", "X", "X", "POSITION", "false" }, new String[] { "POSITION_Y",
			"Y", "Y", "POSITION", "false" }, new String[] { "POSITION_Z", "Z", "Z", "POSITION", "false" }, new String[] {
				"POSITION_T", "T", "T", "TIME", "false" }, new String[] { "FRAME", "Frame", "Frame", "NONE", "true" },
		new String[] { "RADIUS", "Radius", "R", "LENGTH", "false" }, new String[] { "VISIBILITY", "Visibility",
			"Visibility", "NONE", "true" }, new String[] { "MEAN_INTENSITY_CH1", "Mean intensity ch1", "Mean ch1",
				"INTENSITY", "false" }, new String[] { "AREA", "Area", "Area", "AREA", "false" }, new String[] {
					"SAM2_LABEL", "SAM 2 label", "Label", "NONE", "true" });
	private static final List<String[]> EDGE_FEATURES = List.of(new String[] { "SPOT_SOURCE_ID", "Source spot ID",
		"Source ID", "NONE", "true" }, new String[] { "SPOT_TARGET_ID", "Target spot ID", "Target ID", "NONE", "true" });
	private static final List<String[]> TRACK_FEATURES = List.of(new String[] { "TRACK_ID", "Track ID", "Track ID",
		"NONE", "true" }, new String[] { "NUMBER_SPOTS", "Number of spots in track", "N spots", "NONE", "true" },
		new String[] { "NUMBER_SPLITS", "Number of split events", "N splits", "NONE", "true" }, new String[] {
			"TRACK_START", "Track start", "Track start", "TIME", "false" }, new String[] { "TRACK_STOP", "Track stop",
				"Track stop", "TIME", "false" });

	TrackMateXml() {}

	@Override
	public String suffix() {
		return "-trackmate.xml";
	}

	@Override
	public String description() {
		return "a TrackMate file: spots, tracks with their divisions, the image's calibration and file";
	}

	@Override
	public void write(final RunRecord run, final Path target) throws IOException {
		final TrackingResult r = run.result();
		write(r.spots(), r.lineage(), r.calibration(), r.alongSlices(), r.labels(), run.report().inputPath(), target);
	}

	/** @param image the label image, for the size; @param input the image file, or null */
	public static void write(final List<Spot> spots, final Lineage lineage, final Calibration cal,
		final boolean alongSlices, final ImagePlus image, final Path input, final Path file) throws IOException
	{
		AtomicFiles.write(file, temp -> {
			try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
				final XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
				document(x, spots, lineage, cal, alongSlices, image, input);
				x.flush();
				x.close();
			}
			catch (final XMLStreamException e) {
				throw new IOException("The TrackMate file could not be written: " + e.getMessage(), e);
			}
		});
	}

	private static void document(final XMLStreamWriter x, final List<Spot> spots, final Lineage lineage,
		final Calibration cal, final boolean alongSlices, final ImagePlus image, final Path input)
		throws XMLStreamException
	{
		// Spots numbered from 0, frame by frame; each label's spots in time order for its links.
		final TreeMap<Integer, List<Integer>> byFrame = new TreeMap<>();
		final Map<Integer, TreeMap<Integer, Integer>> byLabel = new TreeMap<>();
		for (int id = 0; id < spots.size(); id++) {
			final int frame = frame(spots.get(id), alongSlices);
			byFrame.computeIfAbsent(frame, f -> new ArrayList<>()).add(id);
			byLabel.computeIfAbsent(spots.get(id).label(), l -> new TreeMap<>()).put(frame, id);
		}
		final Map<Integer, List<int[]>> edgesByRoot = new TreeMap<>();
		for (final Map.Entry<Integer, TreeMap<Integer, Integer>> e : byLabel.entrySet()) {
			final int root = root(e.getKey(), lineage);
			final List<int[]> edges = edgesByRoot.computeIfAbsent(root, r -> new ArrayList<>());
			Integer previous = null;
			for (final int id : e.getValue().values()) {
				if (previous != null) edges.add(new int[] { previous, id });
				previous = id;
			}
			final int parent = lineage.parent(e.getKey());
			final TreeMap<Integer, Integer> parentSpots = byLabel.get(parent);
			if (parent != 0 && parentSpots != null && !e.getValue().isEmpty()) {
				edges.add(new int[] { parentSpots.lastEntry().getValue(), e.getValue().firstEntry().getValue() });
			}
		}
		final double interval = cal.frameInterval() > 0 && !alongSlices ? cal.frameInterval() : 1;

		x.writeStartDocument("UTF-8", "1.0");
		x.writeStartElement("TrackMate");
		x.writeAttribute("version", VERSION);
		element(x, "Log", "Written by SAM 2 Tracker." + (alongSlices ? " The z-stack was followed along Z: its slices " +
			"are the frames here." : ""));
		x.writeStartElement("Model");
		x.writeAttribute("spatialunits", cal.unit());
		x.writeAttribute("timeunits", alongSlices ? "slice" : cal.timeUnit());
		x.writeStartElement("FeatureDeclarations");
		declarations(x, "SpotFeatures", SPOT_FEATURES);
		declarations(x, "EdgeFeatures", EDGE_FEATURES);
		declarations(x, "TrackFeatures", TRACK_FEATURES);
		x.writeEndElement();
		x.writeStartElement("AllSpots");
		x.writeAttribute("nspots", Integer.toString(spots.size()));
		for (final Map.Entry<Integer, List<Integer>> f : byFrame.entrySet()) {
			x.writeStartElement("SpotsInFrame");
			x.writeAttribute("frame", Integer.toString(f.getKey()));
			for (final int id : f.getValue()) spot(x, id, spots.get(id), f.getKey(), cal, interval);
			x.writeEndElement();
		}
		x.writeEndElement();
		x.writeStartElement("AllTracks");
		int trackId = 0;
		final List<Integer> tracked = new ArrayList<>();
		for (final Map.Entry<Integer, List<int[]>> t : edgesByRoot.entrySet()) {
			if (t.getValue().isEmpty()) continue; // a single spot is no TrackMate track
			final java.util.Set<Integer> members = new java.util.TreeSet<>();
			t.getValue().forEach(e -> {
				members.add(e[0]);
				members.add(e[1]);
			});
			final Map<Integer, Integer> outgoing = new HashMap<>();
			t.getValue().forEach(e -> outgoing.merge(e[0], 1, Integer::sum));
			final long splits = outgoing.values().stream().filter(n -> n > 1).count();
			int first = Integer.MAX_VALUE;
			int last = Integer.MIN_VALUE;
			for (final int id : members) {
				first = Math.min(first, frame(spots.get(id), alongSlices));
				last = Math.max(last, frame(spots.get(id), alongSlices));
			}
			x.writeStartElement("Track");
			x.writeAttribute("name", "Track_" + trackId + " (object " + t.getKey() + ")");
			x.writeAttribute("TRACK_ID", Integer.toString(trackId));
			x.writeAttribute("NUMBER_SPOTS", Integer.toString(members.size()));
			x.writeAttribute("NUMBER_SPLITS", Long.toString(splits));
			x.writeAttribute("TRACK_START", number(first * interval));
			x.writeAttribute("TRACK_STOP", number(last * interval));
			for (final int[] e : t.getValue()) {
				x.writeEmptyElement("Edge");
				x.writeAttribute("SPOT_SOURCE_ID", Integer.toString(e[0]));
				x.writeAttribute("SPOT_TARGET_ID", Integer.toString(e[1]));
			}
			x.writeEndElement();
			tracked.add(trackId++);
		}
		x.writeEndElement();
		x.writeStartElement("FilteredTracks");
		for (final int id : tracked) {
			x.writeEmptyElement("TrackID");
			x.writeAttribute("TRACK_ID", Integer.toString(id));
		}
		x.writeEndElement();
		x.writeEndElement(); // Model
		settings(x, cal, alongSlices, image, input);
		x.writeEndElement();
		x.writeEndDocument();
	}

	private static void spot(final XMLStreamWriter x, final int id, final Spot s, final int frame,
		final Calibration cal, final double interval) throws XMLStreamException
	{
		final double area = cal.area(s);
		final Map<String, String> values = new LinkedHashMap<>();
		values.put("ID", Integer.toString(id));
		values.put("name", "ID" + id);
		values.put("QUALITY", number(s.score()));
		values.put("POSITION_X", number(cal.x(s)));
		values.put("POSITION_Y", number(cal.y(s)));
		values.put("POSITION_Z", number(cal.z(s)));
		values.put("POSITION_T", number(frame * interval));
		values.put("FRAME", Integer.toString(frame));
		values.put("RADIUS", number(Math.sqrt(area / Math.PI)));
		values.put("VISIBILITY", "1");
		values.put("MEAN_INTENSITY_CH1", number(s.meanIntensity()));
		values.put("AREA", number(area));
		values.put("SAM2_LABEL", Integer.toString(s.label()));
		x.writeEmptyElement("Spot");
		for (final Map.Entry<String, String> v : values.entrySet()) x.writeAttribute(v.getKey(), v.getValue());
	}

	private static void settings(final XMLStreamWriter x, final Calibration cal, final boolean alongSlices,
		final ImagePlus image, final Path input) throws XMLStreamException
	{
		x.writeStartElement("Settings");
		x.writeEmptyElement("ImageData");
		x.writeAttribute("filename", input == null ? "" : input.getFileName().toString());
		x.writeAttribute("folder", input == null || input.toAbsolutePath().getParent() == null ? "" : input
			.toAbsolutePath().getParent().toString());
		x.writeAttribute("width", Integer.toString(image.getWidth()));
		x.writeAttribute("height", Integer.toString(image.getHeight()));
		x.writeAttribute("nslices", Integer.toString(alongSlices ? 1 : image.getNSlices()));
		x.writeAttribute("nframes", Integer.toString(alongSlices ? image.getNSlices() : image.getNFrames()));
		x.writeAttribute("pixelwidth", number(cal.pixelWidth()));
		x.writeAttribute("pixelheight", number(cal.pixelHeight()));
		x.writeAttribute("voxeldepth", number(cal.pixelDepth()));
		x.writeAttribute("timeinterval", number(cal.frameInterval() > 0 ? cal.frameInterval() : 1));
		x.writeEmptyElement("BasicSettings");
		x.writeAttribute("xstart", "0");
		x.writeAttribute("xend", Integer.toString(image.getWidth() - 1));
		x.writeAttribute("ystart", "0");
		x.writeAttribute("yend", Integer.toString(image.getHeight() - 1));
		x.writeAttribute("zstart", "0");
		x.writeAttribute("zend", Integer.toString((alongSlices ? 1 : image.getNSlices()) - 1));
		x.writeAttribute("tstart", "0");
		x.writeAttribute("tend", Integer.toString((alongSlices ? image.getNSlices() : image.getNFrames()) - 1));
		x.writeEmptyElement("DetectorSettings");
		x.writeAttribute("DETECTOR_NAME", "MANUAL_DETECTOR");
		x.writeAttribute("RADIUS", "5.0");
		x.writeEmptyElement("InitialSpotFilter");
		x.writeAttribute("feature", "QUALITY");
		x.writeAttribute("value", "0.0");
		x.writeAttribute("isabove", "true");
		x.writeEmptyElement("SpotFilterCollection");
		x.writeEmptyElement("TrackerSettings");
		x.writeAttribute("TRACKER_NAME", "MANUAL_TRACKER");
		x.writeEmptyElement("TrackFilterCollection");
		x.writeStartElement("AnalyzerCollection");
		x.writeEmptyElement("SpotAnalyzers");
		x.writeEmptyElement("EdgeAnalyzers");
		x.writeEmptyElement("TrackAnalyzers");
		x.writeEndElement();
		x.writeEndElement();
	}

	private static void declarations(final XMLStreamWriter x, final String element, final List<String[]> features)
		throws XMLStreamException
	{
		x.writeStartElement(element);
		for (final String[] f : features) {
			x.writeEmptyElement("Feature");
			x.writeAttribute("feature", f[0]);
			x.writeAttribute("name", f[1]);
			x.writeAttribute("shortname", f[2]);
			x.writeAttribute("dimension", f[3]);
			x.writeAttribute("isint", f[4]);
		}
		x.writeEndElement();
	}

	private static void element(final XMLStreamWriter x, final String name, final String text)
		throws XMLStreamException
	{
		x.writeStartElement(name);
		x.writeCharacters(text);
		x.writeEndElement();
	}

	/** TrackMate's frame of a spot: from 0, the slice for a z-stack followed along Z. */
	private static int frame(final Spot s, final boolean alongSlices) {
		return (alongSlices ? s.slice() : s.frame()) - 1;
	}

	private static int root(final int label, final Lineage lineage) {
		int l = label;
		while (lineage.parent(l) != 0) l = lineage.parent(l);
		return l;
	}

	private static String number(final double v) {
		return Double.isFinite(v) ? Double.toString(v) : "NaN";
	}
}
