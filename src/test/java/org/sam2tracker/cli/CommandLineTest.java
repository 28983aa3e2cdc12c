package org.sam2tracker.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.io.RoiSetFile;
import org.sam2tracker.run.ExitStatus;
import org.sam2tracker.run.ResultNames;
import org.sam2tracker.testing.CellsTruth;
import org.sam2tracker.testing.CommandLineRun;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.testing.TiffBytes;

/**
 * The command line end to end through its main entry, on the toy and reference bundles: inputs, prompt formats,
 * every output read back, batches, overwriting, cancellation and exit codes.
 */
class CommandLineTest {

	private static final Path CELLS = TestData.ROOT.resolve("clips/cells/cells-16bit.tif");
	private static final String TOY = TestData.TOY_BUNDLE.toString();

	@TempDir
	Path dir;

	private static CommandLineRun run(final Cancellation cancellation, final String... args) {
		return CommandLineRun.run(cancellation, args);
	}

	private static CommandLineRun run(final String... args) {
		return CommandLineRun.run(args);
	}

	@Test
	void everyCommandHasHelp() {
		for (final String[] args : List.of(new String[] { "--help" }, new String[] { "track", "--help" },
			new String[] { "models", "--help" }, new String[] { "models", "install", "--help" }, new String[] { "info",
				"--help" }))
		{
			final CommandLineRun r = run(args);
			assertEquals(0, r.code(), String.join(" ", args));
			assertTrue(r.out().contains("Usage:"), r.out());
		}
		assertTrue(run("track", "--help").out().contains("--overwrite"));
	}

	/** picocli formats option texts: a percent sign in the run options' help must print as itself, unwarned. */
	@Test
	void helpPrintsPercentSignsWithoutWarnings() {
		final PrintStream before = System.err;
		final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
		final List<CommandLineRun> runs = new ArrayList<>();
		System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
		try {
			for (final String command : List.of("track", "models", "gpu", "evaluate", "info")) {
				runs.add(run(command, "--help"));
			}
		}
		finally {
			System.setErr(before);
		}
		for (final CommandLineRun r : runs) assertEquals(0, r.code(), r.err());
		assertTrue(runs.get(0).out().replaceAll("\\s+", " ").contains("masks within 1% of exact's"), runs.get(0).out());
		assertEquals("", warnings.toString(StandardCharsets.UTF_8));
	}

	@Test
	void comparingInputSizesReportsBothAndWritesNothing() throws Exception {
		final Path out = dir.resolve("out");
		final String fixture = TestData.CHECKPOINT_BUNDLE.toString();
		final CommandLineRun r = run("track", CELLS.toString(), "-p", csvPrompts().toString(), "-m", fixture, "-o", out
			.toString(), "--input-size", "128", "--compare-sizes", "3", "--quiet");
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().contains("Input size 128 against the model's 256 on frames 1-3"), r.out());
		assertTrue(r.out().contains("intersection over union"), r.out());
		assertTrue(!Files.exists(out) || Files.list(out).findAny().isEmpty(), "a comparison writes no results");

		final CommandLineRun odd = run("track", CELLS.toString(), "-p", csvPrompts().toString(), "-m", fixture, "-o",
			out.toString(), "--input-size", "500");
		assertEquals(ExitStatus.BAD_INPUT.code(), odd.code(), odd.err());
		assertTrue(odd.err().contains("a multiple of 64"), odd.err());
		final CommandLineRun missing = run("track", CELLS.toString(), "-p", csvPrompts().toString(), "-m", fixture,
			"-o", out.toString(), "--input-size", "512");
		assertEquals(ExitStatus.MODEL.code(), missing.code(), missing.err());
		assertTrue(missing.err().contains("no graphs for 512-pixel input (it has 256, 128)"), missing.err());
	}

	@Test
	void aTimeLapseWithCsvPromptsGivesEveryOutput() throws Exception {
		final Path prompts = csvPrompts();
		final Path out = dir.resolve("out");
		final CommandLineRun r = run("track", CELLS.toString(), "-p", prompts.toString(), "-m", TOY, "-o", out.toString(),
			"--direction", "forward", "--quiet");
		assertEquals(0, r.code(), r.err());

		final ImagePlus labels = IJ.openImage(out.resolve("cells-16bit-labels.tif").toString());
		assertEquals(32, labels.getNFrames());
		assertEquals(16, labels.getBitDepth());
		assertEquals(0.65, labels.getCalibration().pixelWidth, 1e-6);
		assertEquals("micron", labels.getCalibration().getUnit());
		assertEquals(5, labels.getCalibration().frameInterval, 1e-6);

		// Spots agree with the label image: area = pixel count x pixel area, on every row.
		final List<Map<String, String>> spots = csv(out.resolve("cells-16bit-spots.csv"));
		assertTrue(spots.size() > 60);
		for (final Map<String, String> s : spots) {
			final int label = Integer.parseInt(s.get("Label"));
			final int frame = Integer.parseInt(s.get("Frame"));
			final long pixels = count(labels, frame, label);
			assertEquals(pixels, Long.parseLong(s.get("Area_px")));
			assertEquals(pixels * 0.65 * 0.65, Double.parseDouble(s.get("Area")), 1e-6);
		}
		final List<Map<String, String>> tracks = csv(out.resolve("cells-16bit-tracks.csv"));
		assertEquals(List.of("1", "2", "3"), tracks.stream().map(t -> t.get("Label")).toList());
		assertEquals(spots.size(), tracks.stream().mapToInt(t -> Integer.parseInt(t.get("Frames_present"))).sum());

		final List<Map<String, String>> trackmate = csv(out.resolve("cells-16bit-trackmate.csv"));
		assertEquals(spots.size(), trackmate.size());
		assertEquals(spots.get(0).get("X"), trackmate.get(0).get("POSITION_X"));
		assertEquals(Integer.parseInt(spots.get(0).get("Frame")) - 1, Integer.parseInt(trackmate.get(0).get("FRAME")));

		assertValidCtc(out.resolve("cells-16bit-ctc"), 32);

		final JsonObject report = JsonParser.parseString(Files.readString(out.resolve("cells-16bit-run.json")))
			.getAsJsonObject();
		assertEquals(64, report.getAsJsonObject("model").get("manifest_sha256").getAsString().length());
		assertTrue(report.get("device").getAsString().startsWith("CPU"));
		assertTrue(report.getAsJsonObject("stage_timings").has("image_encoder"));
		assertEquals(32, report.getAsJsonObject("stage_timings").getAsJsonObject("image_encoder").get("calls")
			.getAsInt());
		assertEquals(3, report.getAsJsonObject("prompts").get("objects").getAsInt());
		assertTrue(report.getAsJsonObject("versions").has("onnxruntime"));
		assertNoTemporaryFiles(out);
	}

	@Test
	void jsonAndRoiSetPromptsGiveTheSameLabelsAsCsv() throws Exception {
		final Path json = dir.resolve("p.json");
		final StringBuilder objects = new StringBuilder();
		final float[][] cells = centres();
		for (int i = 0; i < 3; i++) {
			if (i > 0) objects.append(',');
			objects.append("{\"id\": ").append(i + 1).append(", \"prompts\": [{\"frame\": 1, \"points\": [[").append(
				cells[i][0]).append(", ").append(cells[i][1]).append("]]}]}");
		}
		Files.writeString(json, "{\"objects\": [" + objects + "]}");
		final List<ij.gui.Roi> rois = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			final ij.gui.PointRoi roi = new ij.gui.PointRoi(cells[i][0], cells[i][1]);
			roi.setPosition(0, 0, 1);
			rois.add(roi);
		}
		final Path zip = dir.resolve("p.zip");
		RoiSetFile.write(rois, zip);
		final ImagePlus fromCsv = track(CELLS, csvPrompts(), "csv");
		assertSameLabels(fromCsv, track(CELLS, json, "json"));
		assertSameLabels(fromCsv, track(CELLS, zip, "zip"));
	}

	@Test
	void plainMultiPageTiffsAndImageSequencesAreTimeLapses() throws Exception {
		final ImagePlus cells = IJ.openImage(CELLS.toString());
		final ImagePlus reference = track(CELLS, csvPrompts(), "reference");
		// A plain multi-page TIFF: ImageJ would open its pages as slices; the command line takes them as frames.
		final ImagePlus plain = new ImagePlus("plain", cells.getStack());
		final Path plainFile = dir.resolve("plain.tif");
		new FileSaver(plain).saveAsTiffStack(plainFile.toString());
		final ImagePlus fromPlain = track(plainFile, csvPrompts(), "plain");
		assertEquals(32, fromPlain.getNFrames());
		assertSameLabels(reference, fromPlain);
		// A folder of 8-bit PNG files, one per frame.
		final ImagePlus eight = IJ.openImage(TestData.ROOT.resolve("clips/cells/cells-8bit.tif").toString());
		final Path frames = Files.createDirectories(dir.resolve("frames"));
		for (int t = 1; t <= 32; t++) {
			new FileSaver(new ImagePlus("f", eight.getStack().getProcessor(t))).saveAsPng(frames.resolve("frame" + t +
				".png").toString());
		}
		final Path out = dir.resolve("sequence-out");
		final CommandLineRun r = run("track", frames.toString(), "--sequence", "-p", csvPrompts().toString(), "-m", TOY, "-o", out
			.toString(), "--direction", "forward", "-q");
		assertEquals(0, r.code(), r.err());
		final ImagePlus fromFrames = IJ.openImage(out.resolve("frames-labels.tif").toString());
		assertEquals(32, fromFrames.getNFrames());
		// frame10.png comes after frame9.png: the cell is where the 8-bit TIFF has it on every frame.
		assertSameLabels(track(TestData.ROOT.resolve("clips/cells/cells-8bit.tif"), csvPrompts(), "eight"), fromFrames);
	}

	@Test
	void anOmeTiffIsReadInItsOwnDimensionOrder() throws Exception {
		// Two channels stored channel by channel (XYTZC): the cells, then a dark channel.
		final ImagePlus cells = IJ.openImage(CELLS.toString());
		final short[][] pages = new short[64][];
		for (int t = 0; t < 32; t++) {
			pages[t] = (short[]) cells.getStack().getPixels(t + 1);
			pages[32 + t] = new short[pages[t].length];
		}
		final Path ome = dir.resolve("cells.ome.tif");
		TiffBytes.write(ome, 256, 192, pages, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><OME xmlns=" +
			"\"http://www.openmicroscopy.org/Schemas/OME/2016-06\"><Image ID=\"Image:0\"><Pixels ID=\"Pixels:0\" " +
			"DimensionOrder=\"XYTZC\" Type=\"uint16\" SizeX=\"256\" SizeY=\"192\" SizeC=\"2\" SizeZ=\"1\" " +
			"SizeT=\"32\" PhysicalSizeX=\"0.65\" PhysicalSizeY=\"0.65\" TimeIncrement=\"5\"><Channel ID=\"Channel:0:0\" " +
			"SamplesPerPixel=\"1\"/><Channel ID=\"Channel:0:1\" SamplesPerPixel=\"1\"/></Pixels></Image></OME>");
		final ImagePlus labels = track(ome, csvPrompts(), "ome");
		assertEquals(32, labels.getNFrames());
		assertEquals(1, labels.getNChannels());
		assertEquals(0.65, labels.getCalibration().pixelWidth, 1e-6);
		assertSameLabels(track(CELLS, csvPrompts(), "tiff"), labels);
	}

	@Test
	void aTiffImageJCannotReadIsRefusedNotReadAsBlank() throws Exception {
		final Path odd = dir.resolve("odd.tif");
		TiffBytes.write(odd, 8, 8, new short[][] { new short[64] }, null, 34925);
		final CommandLineRun r = run("track", odd.toString(), "-p", csvPrompts().toString(), "-m", TOY, "-o", dir.resolve("odd")
			.toString());
		assertEquals(ExitStatus.BAD_INPUT.code(), r.code());
		assertTrue(r.err().contains("compression"), r.err());
		assertFalse(Files.exists(dir.resolve("odd/odd-labels.tif")));
	}

	@Test
	void theReferenceBundleRunsThroughTheCommandLine() throws Exception {
		final Path out = dir.resolve("fixture");
		final CommandLineRun r = run("track", TestData.ROOT.resolve("clips/cells/cells-8bit.tif").toString(), "-p", csvPrompts()
			.toString(), "-m", TestData.REFERENCE_BUNDLE.toString(), "-o", out.toString(), "--last", "4", "-q");
		assertEquals(0, r.code(), r.err());
		final JsonObject report = JsonParser.parseString(Files.readString(out.resolve("cells-8bit-run.json")))
			.getAsJsonObject();
		assertEquals("sam2.1-fixture", report.getAsJsonObject("model").get("name").getAsString());
		assertEquals(4, report.get("frames_total").getAsInt());
	}

	@Test
	void aBatchGoesOnPastAFailedInputAndSaysSo() throws Exception {
		final Path batch = Files.createDirectories(dir.resolve("batch"));
		Files.copy(CELLS, batch.resolve("a.tif"));
		Files.copy(CELLS, batch.resolve("b.tif"));
		Files.copy(CELLS, batch.resolve("c.tif"));
		Files.copy(csvPrompts(), batch.resolve("a_prompts.csv"));
		Files.copy(csvPrompts(), batch.resolve("c_prompts.csv"));
		final Path out = dir.resolve("batch-out");
		final CommandLineRun r = run("track", batch.toString(), "-m", TOY, "-o", out.toString(), "--direction", "forward");
		assertEquals(ExitStatus.SOME_FAILED.code(), r.code());
		assertTrue(r.err().contains("b: no prompts"), r.err());
		assertTrue(r.err().contains("1 of 3 inputs failed"), r.err());
		assertTrue(Files.exists(out.resolve("a-labels.tif")));
		assertTrue(Files.exists(out.resolve("c-run.json")));
		assertFalse(Files.exists(out.resolve("b-labels.tif")));
	}

	@Test
	void existingResultsAreKeptWithoutOverwrite() throws Exception {
		final Path out = dir.resolve("out");
		final String[] args = { "track", CELLS.toString(), "-p", csvPrompts().toString(), "-m", TOY, "-o", out
			.toString(), "--direction", "forward", "-q" };
		assertEquals(0, run(args).code());
		final byte[] before = Files.readAllBytes(out.resolve("cells-16bit-spots.csv"));
		Files.writeString(out.resolve("cells-16bit-spots.csv"), "mine");
		final CommandLineRun refused = run(args);
		assertEquals(ExitStatus.BAD_INPUT.code(), refused.code());
		assertTrue(refused.err().contains("--overwrite"), refused.err());
		assertEquals("mine", Files.readString(out.resolve("cells-16bit-spots.csv")));
		final String[] again = java.util.Arrays.copyOf(args, args.length + 1);
		again[args.length] = "--overwrite";
		assertEquals(0, run(again).code());
		assertArrayEquals(before, Files.readAllBytes(out.resolve("cells-16bit-spots.csv")));
	}

	@Test
	void aCancelledRunLeavesNothingUnderAFinalName() throws Exception {
		final Cancellation afterTenFrames = new Cancellation() {

			private int polls;

			@Override
			public boolean isCancelled() {
				return ++polls > 12;
			}
		};
		final Path out = dir.resolve("cancelled");
		final CommandLineRun r = run(afterTenFrames, "track", CELLS.toString(), "-p", csvPrompts().toString(), "-m", TOY, "-o", out
			.toString(), "--direction", "forward");
		assertEquals(ExitStatus.CANCELLED.code(), r.code(), r.err());
		assertTrue(r.err().contains("nothing was written"), r.err());
		if (Files.exists(out)) {
			try (Stream<Path> files = Files.list(out)) {
				assertEquals(List.of(), files.toList());
			}
		}
	}

	@Test
	void exitCodesTellProblemsApart() throws Exception {
		final Path out = dir.resolve("codes");
		final String cells = CELLS.toString();
		final String prompts = csvPrompts().toString();
		assertEquals(ExitStatus.MODEL.code(), run("track", cells, "-p", prompts, "-m", "no-such-model", "-o", out.toString())
			.code());
		final Path broken = TestData.copyBundle(TestData.TOY_BUNDLE, dir.resolve("broken"));
		Files.write(broken.resolve("mask_decoder.onnx"), new byte[] { 1, 2, 3 });
		final CommandLineRun damaged = run("track", cells, "-p", prompts, "-m", broken.toString(), "-o", out.toString());
		assertEquals(ExitStatus.MODEL.code(), damaged.code(), damaged.err());
		final CommandLineRun gpu = run("track", cells, "-p", prompts, "-m", TOY, "-o", out.toString(), "--device", "gpu");
		assertEquals(ExitStatus.DEVICE.code(), gpu.code(), gpu.err());
		assertTrue(gpu.err().contains("GPU"), gpu.err());
		final Path outside = dir.resolve("outside.csv");
		Files.writeString(outside, "object,frame,x,y\n1,1,9999,5\n");
		final CommandLineRun bad = run("track", cells, "-p", outside.toString(), "-m", TOY, "-o", out.toString());
		assertEquals(ExitStatus.BAD_INPUT.code(), bad.code());
		assertTrue(bad.err().contains("outside.csv line 2"), bad.err());
		assertEquals(ExitStatus.BAD_INPUT.code(), run("track", dir.resolve("missing.tif").toString(), "-p", prompts, "-m", TOY,
			"-o", out.toString()).code());
		assertEquals(ExitStatus.BAD_INPUT.code(), run("track", cells, "-m", TOY).code(), "no --output");
		assertEquals(ExitStatus.BAD_INPUT.code(), run("track", cells, "-p", prompts, "-m", TOY, "-o", out.toString(),
			"--direction", "sideways").code());
	}

	@Test
	void modelsAreListedVerifiedAndInstalled() throws Exception {
		final Path models = dir.resolve("models");
		final CommandLineRun installed = run("models", "install", TestData.TOY_BUNDLE.toString(), "--to", models.toString());
		assertEquals(0, installed.code(), installed.err());
		assertTrue(Files.exists(models.resolve("toy-blob-tracker/manifest.json")));
		assertEquals(ExitStatus.BAD_INPUT.code(), run("models", "install", TestData.TOY_BUNDLE.toString(), "--to", models
			.toString()).code(), "an installed name is not replaced without --overwrite");
		// From a zip, under another name.
		final Path zip = dir.resolve("toy.zip");
		try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.list(
			TestData.TOY_BUNDLE))
		{
			for (final Path f : (Iterable<Path>) files::iterator) {
				z.putNextEntry(new java.util.zip.ZipEntry("toy-blob-tracker/" + f.getFileName()));
				z.write(Files.readAllBytes(f));
				z.closeEntry();
			}
		}
		assertEquals(0, run("models", "install", zip.toString(), "--to", models.toString(), "--name", "toy2").code());
		assertEquals(0, run("models", "verify", models.resolve("toy2").toString()).code());
		// A bundle with graphs for another input size keeps them, from a folder and from a zip without a top folder.
		assertEquals(0, run("models", "install", TestData.CHECKPOINT_BUNDLE.toString(), "--to", models.toString(),
			"--name", "sized").code());
		assertEquals(128, org.sam2tracker.model.ModelBundle.open(models.resolve("sized"), 128).config().imageSize());
		final Path sizedZip = dir.resolve("sized.zip");
		try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(sizedZip)); Stream<Path> files = Files
			.walk(TestData.CHECKPOINT_BUNDLE))
		{
			for (final Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				z.putNextEntry(new java.util.zip.ZipEntry(TestData.CHECKPOINT_BUNDLE.relativize(f).toString().replace(
					'\\', '/')));
				z.write(Files.readAllBytes(f));
				z.closeEntry();
			}
		}
		assertEquals(0, run("models", "install", sizedZip.toString(), "--to", models.toString(), "--name", "zipped")
			.code());
		assertEquals(256, org.sam2tracker.model.ModelBundle.open(models.resolve("zipped")).config().imageSize());
		assertEquals(128, org.sam2tracker.model.ModelBundle.open(models.resolve("zipped"), 128).config().imageSize());
		// A damaged bundle is refused and leaves nothing installed.
		final Path broken = TestData.copyBundle(TestData.TOY_BUNDLE, dir.resolve("damaged"));
		Files.write(broken.resolve("memory_encoder.onnx"), new byte[] { 0 });
		final CommandLineRun refused = run("models", "install", broken.toString(), "--to", models.toString(), "--name", "bad");
		assertEquals(ExitStatus.MODEL.code(), refused.code());
		assertFalse(Files.exists(models.resolve("bad")));
		try (Stream<Path> left = Files.list(models)) {
			assertEquals(List.of("sized", "toy-blob-tracker", "toy2", "zipped"), left.map(p -> p.getFileName()
				.toString()).sorted().toList(), "no staging folder is left");
		}
		assertEquals(ExitStatus.MODEL.code(), run("models", "verify", broken.toString()).code());
	}

	@Test
	void sam2ModelsInstallByNameAndWrongWeightsAreRefusedNamingATensor() throws Exception {
		final Path models = dir.resolve("models");
		final CommandLineRun list = run("models", "list");
		assertEquals(0, list.code(), list.err());
		for (final String name : List.of("tiny", "small", "base-plus", "large")) {
			assertTrue(list.out().contains("  " + name + " "), list.out());
		}
		// The fixture's checkpoint is a real transformers model.safetensors, but of another architecture.
		final CommandLineRun refused = run("models", "install", "tiny", "--from", TestData.CHECKPOINT_BUNDLE.resolve(
			"model.safetensors").toString(), "--to", models.toString());
		assertEquals(ExitStatus.MODEL.code(), refused.code(), refused.err());
		assertTrue(refused.err().contains("not those of SAM 2.1 tiny"), refused.err());
		assertTrue(refused.err().matches("(?s).*tensor '[a-z_.0-9]+'.*"), refused.err());
		assertFalse(Files.exists(models.resolve("sam2.1-hiera-tiny")));
		final CommandLineRun unknown = run("models", "install", "huge", "--to", models.toString());
		assertEquals(ExitStatus.BAD_INPUT.code(), unknown.code());
		assertTrue(unknown.err().contains("tiny, small, base-plus, large"), unknown.err());
		if (org.sam2tracker.model.ModelRegistry.standard().installed().containsKey("sam2.1-hiera-tiny")) return;
		final CommandLineRun notInstalled = run("track", CELLS.toString(), "-p", csvPrompts().toString(), "-m", "tiny", "-o", dir
			.resolve("out").toString());
		assertEquals(ExitStatus.MODEL.code(), notInstalled.code());
		assertTrue(notInstalled.err().contains("models install tiny"), notInstalled.err());
	}

	@Test
	void infoSaysWhatThisMachineOffers() {
		final CommandLineRun r = run("info");
		assertEquals(0, r.code());
		assertTrue(r.out().contains("ONNX Runtime"), r.out());
		assertTrue(r.out().contains("CPU"), r.out());
	}

	// -- helpers

	private ImagePlus track(final Path input, final Path prompts, final String name) {
		final Path out = dir.resolve("out-" + name);
		final CommandLineRun r = run("track", input.toString(), "-p", prompts.toString(), "-m", TOY, "-o", out.toString(),
			"--direction", "forward", "-q");
		assertEquals(0, r.code(), r.err());
		final String base = Files.isDirectory(input) ? input.getFileName().toString() : ResultNames.base(input
			.getFileName().toString());
		final ImagePlus labels = IJ.openImage(out.resolve(base + "-labels.tif").toString());
		assertNotNull(labels);
		return labels;
	}

	/** Clicks on cells 1, 3 and 4 on frame 1, from the ground truth. */
	private Path csvPrompts() throws Exception {
		final Path file = dir.resolve("prompts.csv");
		if (Files.exists(file)) return file;
		final float[][] c = centres();
		Files.writeString(file, "object,frame,z,x,y,label\n" + String.format(java.util.Locale.ROOT,
			"1,1,1,%f,%f,1%n2,1,1,%f,%f,1%n3,1,1,%f,%f,1%n", c[0][0], c[0][1], c[1][0], c[1][1], c[2][0], c[2][1]));
		return file;
	}

	private static float[][] centres() {
		return new float[][] { CellsTruth.centroid(1, 1), CellsTruth.centroid(1, 3), CellsTruth.centroid(1, 4) };
	}


	static List<Map<String, String>> csv(final Path file) throws Exception {
		final List<String> lines = Files.readAllLines(file);
		final String[] header = lines.get(0).split(",", -1);
		final List<Map<String, String>> rows = new ArrayList<>();
		for (final String line : lines.subList(1, lines.size())) {
			final String[] cells = line.split(",", -1);
			final Map<String, String> row = new HashMap<>();
			for (int i = 0; i < header.length; i++) row.put(header[i], cells[i]);
			rows.add(row);
		}
		return rows;
	}

	private static long count(final ImagePlus labels, final int frame, final int label) {
		final var ip = labels.getStack().getProcessor(frame);
		long n = 0;
		for (int p = 0; p < ip.getPixelCount(); p++) if ((int) ip.getf(p) == label) n++;
		return n;
	}

	/** CTC: masks for every frame, numbered without gaps; every track's label on exactly frames B..E. */
	private static void assertValidCtc(final Path ctc, final int frames) throws Exception {
		final List<String> lines = Files.readAllLines(ctc.resolve("res_track.txt"));
		assertFalse(lines.isEmpty());
		final List<ImagePlus> masks = new ArrayList<>();
		for (int t = 0; t < frames; t++) {
			final ImagePlus m = IJ.openImage(ctc.resolve(String.format("mask%03d.tif", t)).toString());
			assertNotNull(m, "mask " + t);
			masks.add(m);
		}
		assertFalse(Files.exists(ctc.resolve(String.format("mask%03d.tif", frames))));
		for (final String line : lines) {
			final String[] f = line.trim().split(" ");
			final int label = Integer.parseInt(f[0]);
			final int begin = Integer.parseInt(f[1]);
			final int end = Integer.parseInt(f[2]);
			for (int t = 0; t < frames; t++) {
				final boolean present = masks.get(t).getProcessor().getStatistics().max >= label && count(masks.get(t), 1,
					label) > 0;
				assertEquals(t >= begin && t <= end, present, "label " + label + " on frame " + t);
			}
		}
	}

	private static void assertSameLabels(final ImagePlus a, final ImagePlus b) {
		assertEquals(a.getStackSize(), b.getStackSize());
		for (int i = 1; i <= a.getStackSize(); i++) {
			assertArrayEquals((short[]) a.getStack().getPixels(i), (short[]) b.getStack().getPixels(i), "plane " + i);
		}
	}

	private static void assertNoTemporaryFiles(final Path folder) throws Exception {
		try (Stream<Path> all = Files.walk(folder)) {
			assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith(".")).toList());
		}
	}
}
