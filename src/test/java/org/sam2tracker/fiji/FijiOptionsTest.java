package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Macro;
import ij.plugin.frame.Recorder;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sam2tracker.model.Device;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.IntensityMapping;
import org.sam2tracker.run.PointMode;
import org.sam2tracker.run.PromptSource;
import org.sam2tracker.run.RunParameter;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.run.RunSettings;
import org.sam2tracker.track.Direction;

/** Macro keys: the dialog records under them, a macro line reads back into the same settings. */
class FijiOptionsTest {

	private static final RunSettings UNUSUAL = RunSettings.defaults().with(RunParameters.MODEL, "/models/my model")
		.with(RunParameters.DEVICE, Device.CPU).with(RunParameters.CHANNEL, RunParameters.MERGE_CHANNELS).with(
			RunParameters.FIRST, 3).with(RunParameters.LAST, 17).with(RunParameters.DIRECTION, Direction.BACKWARD).with(
				RunParameters.PROMPTS, PromptSource.IMAGE).with(RunParameters.ROISET, "/data/prompts folder/cells.zip")
		.with(RunParameters.POINTS, PointMode.ROI).with(RunParameters.INTENSITY, IntensityMapping.Mode.FIXED).with(
			RunParameters.SATURATED, 0.5).with(RunParameters.MIN, 100.0).with(RunParameters.MAX, 4000.5).with(
				RunParameters.NON_OVERLAPPING, false).with(RunParameters.FILL_HOLES, 12).with(RunParameters.OVERLAY,
					true).with(RunParameters.RESULTS, true).with(RunParameters.SAVE, "/out/with space").with(
						RunParameters.OVERWRITE, true);

	@Test
	void everyDialogLabelRecordsUnderItsKey() {
		final Set<String> keys = new HashSet<>();
		for (final RunParameter<?> p : RunParameters.ALL) {
			assertEquals(p.key(), Macro.trimKey(p.label()), "the label '" + p.label() + "' records as its first word");
			assertTrue(keys.add(p.key()), "keys are unique: " + p.key());
		}
	}

	@Test
	void aMacroLineReadsBackIntoTheSameSettings() throws Exception {
		assertEquals(UNUSUAL, FijiOptions.fromMacro(FijiOptions.toMacro(UNUSUAL), FijiOptions.defaults(List.of("x"))));
		final RunSettings defaults = FijiOptions.defaults(List.of("sam2.1-tiny"));
		assertEquals(defaults, FijiOptions.fromMacro(FijiOptions.toMacro(defaults), UNUSUAL.with(RunParameters.FIRST, 0)
			.with(RunParameters.LAST, 0)), "every other key is written, so nothing of the base stays");
	}

	@Test
	void theRecorderGetsTheSameLine() throws Exception {
		Recorder.resetCommandOptions();
		FijiOptions.recordOptions(UNUSUAL);
		final String recorded = Recorder.getCommandOptions();
		Recorder.resetCommandOptions();
		assertTrue(recorded.contains("model=[/models/my model]"), recorded);
		assertTrue(recorded.contains(" overlay "), recorded);
		assertEquals(UNUSUAL, FijiOptions.fromMacro(recorded, FijiOptions.defaults(List.of("x"))));
	}

	@Test
	void leftOutKeysKeepTheirDefaultsAndLeftOutFlagsAreOff() throws Exception {
		final RunSettings s = FijiOptions.fromMacro("model=tiny direction=forward", FijiOptions.defaults(List.of(
			"other")));
		assertEquals("tiny", s.get(RunParameters.MODEL));
		assertEquals(Direction.FORWARD, s.get(RunParameters.DIRECTION));
		assertEquals(Device.AUTO, s.get(RunParameters.DEVICE));
		assertEquals(64, s.get(RunParameters.FILL_HOLES));
		assertEquals(false, s.get(RunParameters.NON_OVERLAPPING), "a checkbox left out of a macro line is off, as in " +
			"ImageJ");
		assertEquals(1, s.get(RunParameters.CHANNEL));
	}

	@Test
	void badOptionsSayWhatIsWrong() {
		final RunSettings base = FijiOptions.defaults(List.of("x"));
		assertTrue(refused("model=x diretion=both", base).contains("Unknown option diretion"));
		assertTrue(refused("device=TPU", base).contains("use Auto, CPU or GPU"), refused("device=TPU", base));
		assertTrue(refused("first=2.5", base).contains("whole number"));
		assertTrue(refused("first=-3", base).contains("at least 0"), refused("first=-3", base));
		assertTrue(refused("fill_holes=-1", base).contains("fill_holes= -1"), refused("fill_holes=-1", base));
		assertTrue(refused("channel=red", base).contains("merge"));
		assertTrue(refused("channel=0", base).contains("counted from 1"));
		assertTrue(refused("save=[/open", base).contains("without closing"));
		assertTrue(refused("stack_axis=z", base).contains("command line only"), refused("stack_axis=z", base));
	}

	@Test
	void aFixedRangeNeedsMaxAboveMin() throws Exception {
		final RunSettings s = FijiOptions.fromMacro("intensity=fixed min=5 max=5", FijiOptions.defaults(List.of("x")));
		assertTrue(assertThrows(BadInputException.class, s::intensity).getMessage().contains("max > min"));
	}

	private static String refused(final String line, final RunSettings base) {
		return assertThrows(BadInputException.class, () -> FijiOptions.fromMacro(line, base)).getMessage();
	}
}
