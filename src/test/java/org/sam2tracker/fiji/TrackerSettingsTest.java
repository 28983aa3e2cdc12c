package org.sam2tracker.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Macro;
import ij.plugin.frame.Recorder;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sam2tracker.fiji.TrackerSettings.Key;
import org.sam2tracker.imagej.IntensityMapping;
import org.sam2tracker.imagej.PointMode;
import org.sam2tracker.imagej.PromptSource;
import org.sam2tracker.model.Device;
import org.sam2tracker.track.Direction;

/** Macro keys: the dialog records under them, a macro line reads back into the same settings. */
class TrackerSettingsTest {

	private static final TrackerSettings UNUSUAL = new TrackerSettings("/models/my model", Device.CPU, "merge", 3, 17,
		Direction.BACKWARD, PromptSource.IMAGE, "/data/prompts folder/cells.zip", PointMode.ROI, new IntensityMapping(
			IntensityMapping.Mode.FIXED, 0.5, 100, 4000.5), false, 12, true, true, "/out/with space");

	@Test
	void everyDialogLabelRecordsUnderItsKey() {
		final Set<String> keys = new HashSet<>();
		for (final Key key : Key.values()) {
			assertEquals(key.key, Macro.trimKey(key.label), "the label '" + key.label + "' records as its first word");
			assertTrue(keys.add(key.key), "keys are unique: " + key.key);
		}
	}

	@Test
	void aMacroLineReadsBackIntoTheSameSettings() {
		assertEquals(UNUSUAL, TrackerSettings.fromMacro(UNUSUAL.toMacro(), TrackerSettings.defaults("x")));
		final TrackerSettings defaults = TrackerSettings.defaults("sam2.1-tiny");
		assertEquals(defaults, TrackerSettings.fromMacro(defaults.toMacro(), UNUSUAL));
	}

	@Test
	void theRecorderGetsTheSameLine() {
		Recorder.resetCommandOptions();
		Sam2TrackerPlugin.recordOptions(UNUSUAL);
		final String recorded = Recorder.getCommandOptions();
		Recorder.resetCommandOptions();
		assertTrue(recorded.contains("model=[/models/my model]"), recorded);
		assertTrue(recorded.contains(" overlay "), recorded);
		assertEquals(UNUSUAL, TrackerSettings.fromMacro(recorded, TrackerSettings.defaults("x")));
	}

	@Test
	void leftOutKeysKeepTheirDefaultsAndLeftOutFlagsAreOff() {
		final TrackerSettings s = TrackerSettings.fromMacro("model=tiny direction=forward", TrackerSettings.defaults(
			"other"));
		assertEquals("tiny", s.model());
		assertEquals(Direction.FORWARD, s.direction());
		assertEquals(Device.AUTO, s.device());
		assertEquals(TrackerSettings.DEFAULT_FILL_HOLES, s.fillHoles());
		assertEquals(false, s.nonOverlapping(), "a checkbox left out of a macro line is off, as in ImageJ");
		assertEquals(1, s.channelNumber());
	}

	@Test
	void badOptionsSayWhatIsWrong() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrackerSettings.fromMacro("model=x diretion=both",
			TrackerSettings.defaults("x"))).getMessage().contains("Unknown option diretion"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrackerSettings.fromMacro("device=TPU",
			TrackerSettings.defaults("x"))).getMessage().contains("use Auto, GPU or CPU"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrackerSettings.fromMacro("first=2.5",
			TrackerSettings.defaults("x"))).getMessage().contains("whole number"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrackerSettings.fromMacro("intensity=fixed min=5 " +
			"max=5", TrackerSettings.defaults("x"))).getMessage().contains("max > min"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrackerSettings.fromMacro("channel=red",
			TrackerSettings.defaults("x")).channelNumber()).getMessage().contains("merge"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrackerSettings.fromMacro("save=[/open",
			TrackerSettings.defaults("x"))).getMessage().contains("without closing"));
	}
}
