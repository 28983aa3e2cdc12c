package org.sam2tracker.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sam2tracker.model.Device;
import org.sam2tracker.track.Direction;

/** The one table of run options: every front end reads it, so its rules are tested here once. */
class RunParametersTest {

	@Test
	void everyOptionHasOneKeyAndOneCommandLineNameAndADefaultItsParserTakes() throws Exception {
		final Set<String> keys = new HashSet<>();
		final Set<String> names = new HashSet<>();
		for (final RunParameter<?> p : RunParameters.ALL) {
			assertTrue(keys.add(p.key()), "unique key " + p.key());
			assertEquals(p.defaultValue(), p.parse(p.defaultText(), p.key()), p.key());
			if (p.scope().onCommandLine()) {
				for (final String name : p.commandLineNames()) assertTrue(names.add(name), "unique option " + name);
			}
			else assertTrue(p.commandLineNames().isEmpty(), p.key() + " is not a command-line option");
			assertFalse(p.help().isBlank(), p.key() + " has help");
		}
	}

	@Test
	void theDefaultsAreTheSameForEveryFrontEnd() {
		final TrackingOptions options = TrackingOptions.builder(java.nio.file.Path.of("m")).build();
		assertEquals(64, options.postprocessing().maxHoleArea(), "fill holes up to 64 pixels, as the dialog says");
		assertTrue(options.postprocessing().nonOverlap());
		assertEquals(Direction.BOTH, options.direction());
		assertEquals(Device.AUTO, options.device());
		assertEquals(1, options.channel());
		assertEquals(IntensityMapping.DEFAULT, options.intensity());
	}

	@Test
	void badValuesNameTheOptionAndWhatItTakes() {
		assertEquals("--stack-axis c: use time or z.", refused(Map.of("stack_axis", "c")));
		assertEquals("--last -3: give a whole number of at least 0.", refused(Map.of("last", "-3")));
		assertEquals("--channel 0: channels are counted from 1; give 1, 2, ... or merge.", refused(Map.of("channel",
			"0")));
		assertEquals("--fill-holes -1: give a whole number of at least 0.", refused(Map.of("fill_holes", "-1")));
		assertEquals("--saturated 100: give a percentage from 0 to under 100.", refused(Map.of("saturated", "100")));
		assertTrue(refused(Map.of("colour", "red")).startsWith("Unknown option colour."));
	}

	@Test
	void settingsReadBackFromTheirOwnMacroLine() throws Exception {
		final RunSettings s = RunSettings.defaults().with(RunParameters.CHANNEL, RunParameters.MERGE_CHANNELS).with(
			RunParameters.SAVE, "/a folder/with spaces").with(RunParameters.OVERLAY, true);
		final String line = s.toMacro(RunParameters.ALL);
		assertTrue(line.contains("channel=merge") && line.contains("save=[/a folder/with spaces]") && line.contains(
			" overlay "), line);
		assertEquals("merge", s.text(RunParameters.CHANNEL));
	}

	private static String refused(final Map<String, String> texts) {
		return assertThrows(BadInputException.class, () -> RunSettings.fromText(texts, RunSettings.defaults(), (p,
			text) -> p.commandLineName())).getMessage();
	}
}
