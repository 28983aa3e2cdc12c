package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.gui.PointRoi;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.cli.Cancellation;
import org.sam2tracker.cli.Main;
import org.sam2tracker.io.RoiSetFile;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.output.OutputSet;
import org.sam2tracker.testing.CellsTruth;

/**
 * Fiji's save= and the command line write the same results: the same files under the same names, with the same
 * contents, for the same image, prompts and options.
 */
class SameResultsTest {

	private static final Path CELLS = TestData.ROOT.resolve("clips/cells/cells-16bit.tif").toAbsolutePath();
	private static final String TOY = TestData.TOY_BUNDLE.toAbsolutePath().toString();

	@TempDir
	static Path dir;

	@BeforeAll
	static void imagej() {
		HeadlessImageJ.install();
	}

	@Test
	void fijiSavesWhatTheCommandLineWrites() throws Exception {
		final Path prompts = dir.resolve("cells_prompts.zip");
		final PointRoi clicks = new PointRoi();
		for (int cell = 1; cell <= 4; cell++) {
			final float[] c = CellsTruth.centroid(1, cell);
			clicks.addPoint(c[0], c[1]);
		}
		clicks.setPosition(0, 0, 1);
		RoiSetFile.write(List.of(clicks), prompts);

		final Path fromCli = dir.resolve("cli");
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int code = Main.execute(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8), new Cancellation(), "track", CELLS.toString(), "-p",
			prompts.toString(), "-m", TOY, "-o", fromCli.toString(), "--direction", "forward", "-q");
		assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

		final Path fromFiji = dir.resolve("fiji");
		IJ.runMacro("setBatchMode(true); open('" + CELLS + "'); run('SAM 2 Tracker...', 'model=[" + TOY +
			"] direction=forward roiset=[" + prompts + "] non-overlapping fill_holes=64 save=[" + fromFiji +
			"]'); close('*');");

		final List<String> files = tree(fromCli);
		assertEquals(OutputSet.FORMATS.size() - 1 + 33, files.size(), "5 files, and the CTC folder's 32 masks and " +
			"res_track.txt: " + files);
		assertEquals(files, tree(fromFiji), "the same names");
		for (final String f : files) {
			if (f.endsWith("-run.json")) continue;
			assertArrayEquals(Files.readAllBytes(fromCli.resolve(f)), Files.readAllBytes(fromFiji.resolve(f)),
				"the same contents: " + f);
		}
		final JsonObject cli = json(fromCli.resolve("cells-16bit-run.json"));
		final JsonObject fiji = json(fromFiji.resolve("cells-16bit-run.json"));
		for (final String key : List.of("outputs", "objects", "spots", "frames_done", "complete", "model")) {
			assertEquals(cli.get(key), fiji.get(key), key);
		}
		assertEquals(cli.getAsJsonObject("input").get("path"), fiji.getAsJsonObject("input").get("path"));
		final JsonObject cliOptions = cli.getAsJsonObject("options");
		final JsonObject fijiOptions = fiji.getAsJsonObject("options");
		for (final String key : cliOptions.keySet()) {
			if (fijiOptions.has(key)) assertEquals(cliOptions.get(key), fijiOptions.get(key), "option " + key);
		}
		assertTrue(fijiOptions.has("save") && cliOptions.has("stack_axis"), "each records its own options too");
	}

	private static List<String> tree(final Path root) throws Exception {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
		}
	}

	private static JsonObject json(final Path file) throws Exception {
		return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
	}
}
