package org.sam2tracker.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.model.Device;
import org.sam2tracker.model.FrameFeatures;
import org.sam2tracker.model.Sam2Model;
import org.sam2tracker.run.BadInputException;
import org.sam2tracker.run.FeaturePrecision;
import org.sam2tracker.run.RunParameters;
import org.sam2tracker.run.RunSettings;
import org.sam2tracker.testing.CellsTruth;
import org.sam2tracker.testing.TestClips;
import org.sam2tracker.testing.TestData;
import org.sam2tracker.track.Direction;
import org.sam2tracker.track.FeatureStore;
import org.sam2tracker.track.FrameResult;
import org.sam2tracker.track.FrameSource;
import org.sam2tracker.track.Prompt;
import org.sam2tracker.track.RgbFrame;
import org.sam2tracker.track.TrackingSession;

/**
 * The feature cache folder: features read back exactly (float32) or to bfloat16's rounding, damaged files
 * dropped and encoded again, the least recently used removed beyond the limit, and, on the SAM 2.1 fixture
 * graphs, a second run over the same frames that encodes nothing and gives the same results bit for bit.
 */
class DiskFeatureStoreTest {

	private static final String KEY_A = "a".repeat(64);
	private static final String KEY_B = "b".repeat(64);
	private static final String KEY_C = "c".repeat(64);

	@TempDir
	Path dir;

	@Test
	void float32FeaturesReadBackExactlyAndBfloat16ToItsRounding() throws Exception {
		final FrameFeatures f = features(1);
		final List<String> warnings = new ArrayList<>();
		final DiskFeatureStore exact = new DiskFeatureStore(dir, 1L << 30, FeaturePrecision.FLOAT32, warnings::add);
		assertNull(exact.find(KEY_A));
		exact.keep(KEY_A, f);
		final FrameFeatures back = exact.find(KEY_A);
		assertArrayEquals(f.highResFeat0(), back.highResFeat0());
		assertArrayEquals(f.highResFeat1(), back.highResFeat1());
		assertArrayEquals(f.imageEmbed(), back.imageEmbed());

		final DiskFeatureStore half = new DiskFeatureStore(dir, 1L << 30, FeaturePrecision.BFLOAT16, warnings::add);
		assertNull(half.find(KEY_A), "a float32 file is not read as bfloat16");
		half.keep(KEY_A, f);
		final FrameFeatures rounded = half.find(KEY_A);
		for (int i = 0; i < f.imageEmbed().length; i++) {
			final float v = f.imageEmbed()[i];
			assertEquals(v, rounded.imageEmbed()[i], Math.abs(v) / 256 + 1e-30, "value " + i);
		}
		assertEquals(2L * (64 + 32 + 16), DiskFeatureStore.frameBytes(f, FeaturePrecision.FLOAT32) - DiskFeatureStore
			.frameBytes(f, FeaturePrecision.BFLOAT16), "bfloat16 takes 2 bytes a value, float32 4");
		assertEquals(DiskFeatureStore.frameBytes(f, FeaturePrecision.BFLOAT16), Files.size(dir.resolve(KEY_A +
			".bf16")));
		assertEquals(List.of(), warnings);
	}

	@Test
	void aDamagedFileIsDroppedAndSaidOnce() throws Exception {
		final List<String> warnings = new ArrayList<>();
		final DiskFeatureStore store = new DiskFeatureStore(dir, 1L << 30, FeaturePrecision.FLOAT32, warnings::add);
		store.keep(KEY_A, features(1));
		store.keep(KEY_B, features(2));
		for (final String key : List.of(KEY_A, KEY_B)) {
			final Path file = dir.resolve(key + ".f32");
			Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 100));
			assertNull(store.find(key), "a file cut short has no features");
			assertFalse(Files.exists(file), "and is removed, to be written again");
		}
		assertEquals(1, warnings.size(), warnings.toString());
		assertTrue(warnings.get(0).contains("encoded again"), warnings.get(0));
	}

	@Test
	void beyondTheLimitTheFeaturesUsedLongestAgoMakeRoom() throws Exception {
		final FrameFeatures f = features(1);
		final long one = DiskFeatureStore.frameBytes(f, FeaturePrecision.FLOAT32);
		final DiskFeatureStore store = new DiskFeatureStore(dir, 2 * one + one / 2, FeaturePrecision.FLOAT32, w -> {});
		store.keep(KEY_A, f);
		store.keep(KEY_B, f);
		age(KEY_A, 20);
		age(KEY_B, 10);
		assertNotNull(store.find(KEY_A), "A is used again, so B is now the one used longest ago");
		store.keep(KEY_C, f);
		assertNotNull(store.find(KEY_A));
		assertNull(store.find(KEY_B));
		assertNotNull(store.find(KEY_C));
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(2, files.count());
		}

		final List<String> warnings = new ArrayList<>();
		final DiskFeatureStore tiny = new DiskFeatureStore(dir.resolve("tiny"), one / 2, FeaturePrecision.FLOAT32,
			warnings::add);
		tiny.keep(KEY_A, f);
		assertNull(tiny.find(KEY_A));
		assertTrue(warnings.get(0).contains("Raise cache_limit"), warnings.toString());
	}

	@Test
	void theOptionsNameTheFolderAndAFolderThatCannotBeMadeIsRefusedBeforeAnyWork() throws Exception {
		assertEquals(FeatureStore.NONE, FeatureStores.of(RunSettings.defaults(), w -> {}));
		final Path file = Files.writeString(dir.resolve("a-file"), "x");
		final BadInputException e = assertThrows(BadInputException.class, () -> FeatureStores.of(RunSettings.defaults()
			.with(RunParameters.FEATURE_CACHE, file.resolve("below").toString()), w -> {}));
		assertTrue(e.getMessage().contains("cannot be made"), e.getMessage());
		assertTrue(FeatureStores.of(RunSettings.defaults().with(RunParameters.FEATURE_CACHE, dir.resolve("cache")
			.toString()), w -> {}) instanceof DiskFeatureStore);
	}

	@Test
	void aSecondRunOverTheSameFramesEncodesNothingAndGivesTheSameResults() throws Exception {
		final FrameSource frames = firstFrames(TestClips.cells8bit(), 6);
		final FeatureStore store = new DiskFeatureStore(dir, 1L << 30, FeaturePrecision.FLOAT32, w -> {});
		try (Sam2Model model = Sam2Model.open(TestData.REFERENCE_BUNDLE, Device.CPU, 2)) {
			final List<float[]> fresh = track(model, frames, FeatureStore.NONE);
			model.resetTimings();
			assertEquals(fresh.size(), track(model, frames, store).size());
			assertEquals(6.0, model.stageTimings().get("image_encoder")[0], "the first run encodes every frame");
			model.resetTimings();
			final List<float[]> again = track(model, frames, store);
			assertNull(model.stageTimings().get("image_encoder"), "the second run encodes nothing");
			for (int i = 0; i < fresh.size(); i++) assertArrayEquals(fresh.get(i), again.get(i), "frame " + i);
		}
	}

	/** Object 1 clicked on its cell on the first frame, tracked forward: each frame's logits. */
	private static List<float[]> track(final Sam2Model model, final FrameSource frames, final FeatureStore store) {
		final TrackingSession session = new TrackingSession(model, frames, 2, store);
		final List<float[]> out = new ArrayList<>();
		session.addPrompt(0, 1, Prompt.points(CellsTruth.centroid(1, 2), new int[] { 1 })).objects().forEach(o -> out
			.add(o.lowResLogits()));
		session.propagate(0, Direction.FORWARD, -1, (FrameResult r) -> out.add(r.objects().get(0).lowResLogits()),
			() -> false);
		return out;
	}

	private void age(final String key, final int minutes) throws Exception {
		Files.setLastModifiedTime(dir.resolve(key + ".f32"), FileTime.fromMillis(System.currentTimeMillis() - minutes *
			60_000L));
	}

	private static FrameFeatures features(final long seed) {
		final Random r = new Random(seed);
		final float[][] parts = { new float[64], new float[32], new float[16] };
		for (final float[] p : parts) for (int i = 0; i < p.length; i++) p[i] = (float) r.nextGaussian() * 3;
		return new FrameFeatures(parts[0], parts[1], parts[2]);
	}

	private static FrameSource firstFrames(final FrameSource all, final int n) {
		return new FrameSource() {

			@Override
			public int frameCount() {
				return n;
			}

			@Override
			public int width() {
				return all.width();
			}

			@Override
			public int height() {
				return all.height();
			}

			@Override
			public RgbFrame frame(final int t) {
				return all.frame(t);
			}
		};
	}
}
