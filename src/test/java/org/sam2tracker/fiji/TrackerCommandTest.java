package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.plugin.frame.Recorder;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.io.RoiSetFile;
import org.sam2tracker.testing.CellPrompts;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.run.RunSettings;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.plugin.Plugin;

/**
 * The command as users reach it: the ImageJ 1 menu entry run by a macro line (headless), and the SciJava command
 * run in a SciJava context. Both give the same result; bad input cancels with a message that says why.
 */
class TrackerCommandTest {

	private static final String TOY = TestData.TOY_BUNDLE.toAbsolutePath().toString();
	private static final String CELLS = TestData.ROOT.resolve("clips/cells/cells-16bit.tif").toAbsolutePath()
		.toString();
	private static Context context;

	@TempDir
	static Path dir;

	@BeforeAll
	static void start() {
		HeadlessImageJ.install();
		context = new Context(CommandService.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	@Test
	void theMenuEntriesComeFromPluginsConfigAlone() throws Exception {
		assertEquals(Sam2TrackerPlugin.class.getName(), HeadlessImageJ.pluginFor("SAM 2 Tracker..."));
		assertEquals(ManageModelsPlugin.class.getName(), HeadlessImageJ.pluginFor("SAM 2 Manage Models..."));
		assertEquals(InteractivePlugin.class.getName(), HeadlessImageJ.pluginFor("SAM 2 Interactive..."));
		final List<String> entries = new java.util.ArrayList<>();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(getClass().getResourceAsStream(
			"/plugins.config"), StandardCharsets.UTF_8)))
		{
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (line.startsWith("#") || line.isBlank()) continue;
				entries.add(line);
			}
		}
		assertEquals(List.of("Plugins>Tracking, \"SAM 2 Tracker...\", " + Sam2TrackerPlugin.class.getName(),
			"Plugins>Tracking, \"SAM 2 Interactive...\", " + InteractivePlugin.class.getName(),
			"Plugins>Tracking, \"SAM 2 Manage Models...\", " + ManageModelsPlugin.class.getName()), entries);
		final Plugin plugin = Sam2TrackerCommand.class.getAnnotation(Plugin.class);
		assertEquals("", plugin.menuPath(), "the SciJava command has no menu entry of its own");
		assertEquals(0, plugin.menu().length);
	}

	@Test
	void aRecordedLineReplaysTheSameRunAsTheSciJavaCommand() throws Exception {
		final Path prompts = dir.resolve("recorded_prompts.zip");
		RoiSetFile.write(List.of(CellPrompts.cellClicks(1)), prompts);
		final RunSettings settings = FijiOptions.fromMacro("model=[" + TOY + "] direction=forward roiset=[" +
			prompts + "] non-overlapping fill_holes=20", FijiOptions.defaults(List.of()));
		Recorder.resetCommandOptions();
		FijiOptions.recordOptions(settings);
		final String recorded = Recorder.getCommandOptions();
		Recorder.resetCommandOptions();

		// The line replayed as a macro would: open, run, and the label image is the current image.
		final Path saved = dir.resolve("replayed.tif");
		final String title = IJ.runMacro("setBatchMode(true); open('" + CELLS + "'); run('SAM 2 Tracker...', '" +
			recorded + "'); title = getTitle(); saveAs('Tiff', '" + saved + "'); close('*'); return title;");
		assertEquals("cells-16bit-labels", title);
		final ImagePlus fromMacro = IJ.openImage(saved.toString());

		final CommandModule module = runCommand(cells(), Map.of("model", TOY, "direction", "forward", "roiset",
			prompts.toString(), "fillHoles", 20));
		assertFalse(module.isCanceled(), String.valueOf(module.getCancelReason()));
		final ImagePlus fromCommand = (ImagePlus) module.getOutput("labels");
		assertEquals(true, module.getOutput("complete"));
		assertEquals(fromMacro.getStackSize(), fromCommand.getStackSize());
		for (int i = 1; i <= fromMacro.getStackSize(); i++) {
			assertArrayEquals((short[]) fromMacro.getStack().getPixels(i), (short[]) fromCommand.getStack().getPixels(i),
				"plane " + i);
		}
		final ResultsTable spots = (ResultsTable) module.getOutput("spots");
		final ResultsTable tracks = (ResultsTable) module.getOutput("tracks");
		assertEquals(4, tracks.size());
		assertEquals(spots.size(), (int) java.util.Arrays.stream(tracks.getColumn("Frames_present")).sum());
	}

	@Test
	void theResultsTableIsFilledForMacrosToRead() throws Exception {
		final Path prompts = dir.resolve("results_prompts.zip");
		RoiSetFile.write(List.of(CellPrompts.cellClick(1, 3)), prompts);
		ResultsTable.getResultsTable().reset();
		IJ.run(cells(), "SAM 2 Tracker...", "model=[" + TOY + "] roiset=[" + prompts + "] direction=forward results");
		final String read = IJ.runMacro("return '' + nResults + ' ' + getResult('Label', 0) + ' ' + " +
			"getResult('Frame', 31) + ' ' + (getResult('Area', 0) > 0);");
		assertEquals("32 1 32 1", read);
	}

	@Test
	void badInputCancelsWithAMessageThatSaysWhy() throws Exception {
		final Path prompts = dir.resolve("bad_prompts.zip");
		RoiSetFile.write(List.of(CellPrompts.cellClick(1, 3)), prompts);
		assertCancelled(cells(), Map.of("model", "no-such-model"), "No model named 'no-such-model'");
		assertCancelled(cells(), Map.of("model", TOY), "There are no prompts");
		assertCancelled(cells(), Map.of("model", TOY, "roiset", prompts.toString(), "channel", "3"),
			"Channel 3 does not exist");
		assertCancelled(cells(), Map.of("model", TOY, "roiset", prompts.toString(), "first", 5, "last", 9),
			"outside the chosen frames 5-9");
		assertCancelled(cells(), Map.of("model", TOY, "roiset", dir.resolve("missing.zip").toString()),
			"does not exist");
		assertCancelled(cells(), Map.of("model", TOY, "roiset", prompts.toString(), "last", 40), "which has 32 frames");
		assertCancelled(cells(), Map.of("model", TOY, "prompts", "manager"), "The ROI Manager needs a screen");
		assertCancelled(null, Map.of("model", TOY), "There is no image");
	}

	private static void assertCancelled(final ImagePlus imp, final Map<String, Object> inputs, final String message)
		throws Exception
	{
		final CommandModule module = runCommand(imp, inputs);
		assertTrue(module.isCanceled(), "cancelled: " + inputs);
		assertTrue(module.getCancelReason().contains(message), module.getCancelReason());
		assertEquals(null, module.getOutput("labels"));
	}

	private static CommandModule runCommand(final ImagePlus imp, final Map<String, Object> inputs)
		throws InterruptedException, ExecutionException
	{
		final java.util.HashMap<String, Object> all = new java.util.HashMap<>(inputs);
		all.put("image", imp);
		return context.service(CommandService.class).run(Sam2TrackerCommand.class, false, all).get();
	}

	private static ImagePlus cells() {
		return IJ.openImage(CELLS);
	}
}
