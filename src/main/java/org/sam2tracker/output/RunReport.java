package org.sam2tracker.output;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.sam2tracker.files.AtomicFiles;
import org.sam2tracker.imagej.TrackingResult;
import org.sam2tracker.model.BundleManifest;
import org.sam2tracker.model.ModelBundle;
import org.sam2tracker.model.RuntimeInfo;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.Version;

/**
 * run.json: what a run read, with which model and device, the versions of everything involved, the options,
 * and how long each stage took, so that a result can be traced and repeated. The command line and Fiji make it
 * the same way, with {@link #of}.
 */
public final class RunReport {

	private final JsonObject root = new JsonObject();

	private RunReport() {
		root.addProperty("tool", "SAM 2 Tracker");
		root.addProperty("version", Version.of());
	}

	/**
	 * The report of a finished run.
	 *
	 * @param inputFile the file or folder the image was read from; null for an image that was never saved
	 * @param promptSource the prompt file, or where the prompts were taken from ("ROI Manager")
	 * @param options every option of the run, as text
	 */
	public static RunReport of(final Path inputFile, final ImagePlus imp, final String promptSource,
		final List<ObjectPrompt> prompts, final Map<String, String> options, final TrackingResult result)
		throws IOException
	{
		final RunReport r = new RunReport();
		r.input(inputFile, imp);
		r.prompts(promptSource, prompts);
		r.model(result.model());
		final JsonObject o = new JsonObject();
		options.forEach(o::addProperty);
		r.root.add("options", o);
		r.result(result);
		r.versions();
		return r;
	}

	/** The input file or folder as recorded, or null for an image that was never saved. */
	public Path inputPath() {
		final com.google.gson.JsonElement path = root.getAsJsonObject("input").get("path");
		return path == null || path.isJsonNull() ? null : Path.of(path.getAsString());
	}

	private void input(final Path file, final ImagePlus imp) {
		final JsonObject input = new JsonObject();
		input.addProperty("path", file == null ? null : file.toAbsolutePath().toString());
		input.addProperty("title", imp.getTitle());
		input.addProperty("width", imp.getWidth());
		input.addProperty("height", imp.getHeight());
		input.addProperty("channels", imp.getNChannels());
		input.addProperty("slices", imp.getNSlices());
		input.addProperty("frames", imp.getNFrames());
		input.addProperty("bit_depth", imp.getBitDepth());
		input.addProperty("pixel_width", imp.getCalibration().pixelWidth);
		input.addProperty("unit", imp.getCalibration().getUnit());
		input.addProperty("frame_interval", imp.getCalibration().frameInterval);
		root.add("input", input);
	}

	private void prompts(final String source, final List<ObjectPrompt> prompts) {
		final JsonObject p = new JsonObject();
		p.addProperty("source", source);
		p.addProperty("objects", prompts.stream().mapToInt(ObjectPrompt::objectId).distinct().count());
		final JsonArray list = new JsonArray();
		for (final ObjectPrompt prompt : prompts) {
			final JsonObject o = new JsonObject();
			o.addProperty("object", prompt.objectId());
			o.addProperty("position", prompt.position());
			o.addProperty("plane", prompt.plane());
			o.addProperty("clicks", prompt.prompt().pointCount());
			o.addProperty("box", prompt.prompt().box() != null);
			o.addProperty("mask", prompt.prompt().isMask());
			o.addProperty("source", prompt.source());
			list.add(o);
		}
		p.add("prompts", list);
		root.add("prompts", p);
	}

	private void model(final ModelBundle bundle) throws IOException {
		final JsonObject m = new JsonObject();
		m.addProperty("name", bundle.manifest().modelName());
		m.addProperty("input_size", bundle.config().imageSize());
		m.addProperty("folder", bundle.folder().toAbsolutePath().toString());
		// The manifest holds every graph's SHA-256, so its own hash stands for the whole bundle.
		m.addProperty("manifest_sha256", sha256(bundle.folder().resolve(BundleManifest.FILE_NAME)));
		root.add("model", m);
	}

	private void result(final TrackingResult result) {
		root.addProperty("device", result.device());
		root.addProperty("complete", result.complete());
		root.addProperty("frames_done", result.framesDone());
		root.addProperty("frames_total", result.framesTotal());
		root.addProperty("objects", result.objects());
		root.addProperty("spots", result.spots().size());
		root.addProperty("seconds", result.seconds());
		final JsonObject timings = new JsonObject();
		result.stageTimings().forEach((graph, t) -> {
			final JsonObject s = new JsonObject();
			s.addProperty("calls", (long) t[0]);
			s.addProperty("total_ms", t[1]);
			s.addProperty("mean_ms", t[0] == 0 ? 0 : t[1] / t[0]);
			timings.add(graph, s);
		});
		root.add("stage_timings", timings);
	}

	private void versions() {
		final JsonObject v = new JsonObject();
		v.addProperty("java", System.getProperty("java.version"));
		v.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
		v.addProperty("imagej", IJ.getFullVersion());
		v.addProperty("onnxruntime", RuntimeInfo.onnxRuntimeVersion());
		root.add("versions", v);
	}

	/** The names of the run's result files, which the report lists. */
	RunReport outputs(final List<Path> outputs) {
		final JsonArray list = new JsonArray();
		outputs.forEach(p -> list.add(p.getFileName().toString()));
		root.add("outputs", list);
		return this;
	}

	public void write(final Path file) throws IOException {
		final String json = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().serializeNulls()
			.create().toJson(root);
		AtomicFiles.write(file, temp -> Files.writeString(temp, json + "\n", StandardCharsets.UTF_8));
	}

	static String sha256(final Path file) throws IOException {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
