package org.sam2tracker.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.ImageRoi;
import ij.gui.Line;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.PointRoi;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.gui.ShapeRoi;
import ij.gui.TextRoi;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.awt.Point;
import java.awt.geom.Area;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sam2tracker.track.Prompt;
import org.sam2tracker.run.ObjectPrompt;
import org.sam2tracker.run.PointMode;
import org.sam2tracker.run.PromptException;
import org.sam2tracker.run.PromptSource;
import org.sam2tracker.run.FrameRange;
import org.sam2tracker.run.RunParameters;

/** ROIs of every kind become per-object, per-frame prompts, and every unusable ROI is refused by name. */
class RoiPromptsTest {

	private static final int WIDTH = 64;
	private static final int HEIGHT = 48;
	private static final int FRAMES = 10;

	// -- point ROIs

	@Test
	void eachPositivePointStartsItsOwnObject() throws PromptException {
		final List<ObjectPrompt> prompts = read(PointMode.EACH, onFrame(points(5, 6, 20, 30, 40, 10), 3));
		assertEquals(3, prompts.size());
		assertEquals(List.of(1, 2, 3), ids(prompts));
		assertClicks(prompts.get(0).prompt(), new float[] { 5, 6 }, 1);
		assertClicks(prompts.get(1).prompt(), new float[] { 20, 30 }, 1);
		assertClicks(prompts.get(2).prompt(), new float[] { 40, 10 }, 1);
		for (final ObjectPrompt p : prompts) {
			assertEquals(3, p.position());
			assertEquals(1, p.plane());
		}
	}

	@Test
	void objectsAreNumberedInTheOrderOfTheirRois() throws PromptException {
		final List<ObjectPrompt> prompts = read(PointMode.EACH, onFrame(points(5, 6, 20, 30), 1), onFrame(points(
			50, 40), 1));
		assertEquals(List.of(1, 2, 3), ids(prompts));
		assertClicks(prompts.get(2).prompt(), new float[] { 50, 40 }, 1);
		assertEquals("ROI Manager entry 2", prompts.get(2).source());
	}

	@Test
	void roiModeMakesAllPointsOfARoiOneObject() throws PromptException {
		final List<ObjectPrompt> prompts = read(PointMode.ROI, onFrame(points(5, 6, 20, 30, 40, 10), 2), onFrame(
			points(50, 40), 2));
		assertEquals(2, prompts.size());
		assertEquals(List.of(1, 2), ids(prompts));
		assertClicks(prompts.get(0).prompt(), new float[] { 5, 6, 20, 30, 40, 10 }, 1, 1, 1);
		assertClicks(prompts.get(1).prompt(), new float[] { 50, 40 }, 1);
		assertNull(prompts.get(0).prompt().box());
		assertFalse(prompts.get(0).prompt().isMask());
	}

	// -- background clicks

	@Test
	void aPointInCounterOneIsABackgroundClick() throws PromptException {
		final PointRoi roi = points(5, 6, 20, 30);
		addBackground(roi, 40, 10);
		final List<ObjectPrompt> prompts = read(PointMode.ROI, onFrame(roi, 1));
		assertEquals(1, prompts.size());
		assertClicks(prompts.get(0).prompt(), new float[] { 5, 6, 20, 30, 40, 10 }, 1, 1, 0);
	}

	@Test
	void countersReadFromAFileMarkBackgroundClicks() throws PromptException {
		final PointRoi roi = points(5, 6, 20, 30);
		roi.setCounters(new int[] { 1, 0 });
		final List<ObjectPrompt> prompts = read(PointMode.ROI, onFrame(roi, 1));
		assertClicks(prompts.get(0).prompt(), new float[] { 5, 6, 20, 30 }, 0, 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-x", "neg", "Negative cell 2", "background", " Background near cell" })
	void aRoiNamedAsBackgroundMakesAllItsPointsBackground(final String name) throws PromptException {
		final Roi box = inGroup(onFrame(new Roi(10, 10, 20, 15), 4), 2);
		final PointRoi clicks = named(inGroup(onFrame(points(12, 12, 28, 22), 4), 2), name);
		final List<ObjectPrompt> prompts = read(PointMode.ROI, box, clicks);
		assertEquals(1, prompts.size());
		assertArrayEquals(new float[] { 10, 10, 30, 25 }, prompts.get(0).prompt().box());
		assertClicks(prompts.get(0).prompt(), new float[] { 12, 12, 28, 22 }, 0, 0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "cell", "x-", "nucleus neg", "fore", "" })
	void otherNamesAreNotBackground(final String name) {
		assertFalse(RoiPrompts.isBackgroundName(name));
	}

	@Test
	void inEachModeBackgroundClicksJoinEveryObjectTheirRoiStartsOnThatFrame() throws PromptException {
		final PointRoi roi = points(5, 6, 20, 30);
		addBackground(roi, 40, 10);
		final List<ObjectPrompt> prompts = read(PointMode.EACH, onFrame(roi, 5));
		assertEquals(2, prompts.size());
		assertClicks(prompts.get(0).prompt(), new float[] { 5, 6, 40, 10 }, 1, 0);
		assertClicks(prompts.get(1).prompt(), new float[] { 20, 30, 40, 10 }, 1, 0);
	}

	@Test
	void inEachModeBackgroundClicksStayOnTheirOwnFrame() throws PromptException {
		final ImagePlus imp = timeLapse();
		final PointRoi roi = points(5, 6, 20, 30, 40, 10);
		roi.setCounters(new int[] { 3 << 8, 6 << 8, 1 | 6 << 8 });
		final List<ObjectPrompt> prompts = read(imp, PointMode.EACH, roi);
		assertEquals(2, prompts.size());
		assertEquals(3, prompts.get(0).position());
		assertClicks(prompts.get(0).prompt(), new float[] { 5, 6 }, 1);
		assertEquals(6, prompts.get(1).position());
		assertClicks(prompts.get(1).prompt(), new float[] { 20, 30, 40, 10 }, 1, 0);
	}

	@Test
	void aBackgroundOnlyRoiJoinsTheObjectOfItsGroup() throws PromptException {
		final PointRoi object = inGroup(onFrame(points(5, 6), 2), 7);
		final PointRoi background = named(inGroup(onFrame(points(30, 30, 31, 31), 2), 7), "background");
		final PointRoi other = onFrame(points(50, 40), 2);
		for (final PointMode mode : PointMode.values()) {
			final List<ObjectPrompt> prompts = read(mode, background, object, other);
			assertEquals(2, prompts.size(), mode.key());
			assertEquals(1, prompts.get(0).objectId());
			assertClicks(prompts.get(0).prompt(), new float[] { 5, 6, 30, 30, 31, 31 }, 1, 0, 0);
			assertTrue(prompts.get(0).source().contains("ROI Manager entry 1 ('background')"), prompts.get(0)
				.source());
			assertClicks(prompts.get(1).prompt(), new float[] { 50, 40 }, 1);
		}
	}

	@Test
	void aBackgroundOnlyRoiWithNoObjectOnItsFrameIsRefused() {
		final PointRoi object = inGroup(onFrame(points(5, 6), 2), 7);
		final PointRoi background = named(inGroup(onFrame(points(30, 30), 3), 7), "-bg");
		final String message = refusal(timeLapse(), PointMode.EACH, object, background);
		assertTrue(message.contains("ROI Manager entry 2 ('-bg')"), message);
		assertTrue(message.contains("only background"), message);
		assertTrue(message.contains("frame 3"), message);
	}

	@Test
	void anUngroupedBackgroundOnlyRoiIsRefused() {
		final PointRoi roi = new PointRoi();
		addBackground(roi, 30, 30);
		final String message = refusal(timeLapse(), PointMode.EACH, onFrame(points(5, 6), 1), onFrame(roi, 1));
		assertTrue(message.contains("ROI Manager entry 2"), message);
		assertTrue(message.contains("only background"), message);
	}

	// -- rectangles and outlines

	@Test
	void aRectangleIsABox() throws PromptException {
		final Prompt prompt = single(read(PointMode.EACH, onFrame(new Roi(10, 12, 20, 15), 1)));
		assertArrayEquals(new float[] { 10, 12, 30, 27 }, prompt.box());
		assertEquals(0, prompt.pointCount());
		assertFalse(prompt.isMask());
	}

	@Test
	void aRectanglePartlyOutsideTheImageIsClipped() throws PromptException {
		assertArrayEquals(new float[] { 0, 0, 15, 10 }, single(read(PointMode.EACH, onFrame(new Roi(-5, -8, 20, 18),
			1))).box());
		assertArrayEquals(new float[] { 50, 40, WIDTH, HEIGHT }, single(read(PointMode.EACH, onFrame(new Roi(50, 40,
			30, 30), 1))).box());
	}

	@Test
	void aRoundedRectangleIsAnOutline() throws PromptException {
		final Roi rounded = new Roi(10, 10, 30, 20, 12);
		final Prompt prompt = single(read(PointMode.EACH, onFrame(rounded, 1)));
		assertTrue(prompt.isMask());
		assertNull(prompt.box());
		assertEquals(maskPixels(rounded), count(prompt.mask()));
		assertTrue(count(prompt.mask()) < 30 * 20);
		assertMaskIs(rounded, prompt.mask());
	}

	@Test
	void anOvalIsAnOutlineOfItsPixels() throws PromptException {
		final OvalRoi oval = new OvalRoi(8, 6, 25, 17);
		final Prompt prompt = single(read(PointMode.EACH, onFrame(oval, 1)));
		assertTrue(prompt.isMask());
		assertEquals(WIDTH * HEIGHT, prompt.mask().length);
		assertEquals(oval.getContainedPoints().length, count(prompt.mask()));
		assertMaskIs(oval, prompt.mask());
	}

	@Test
	void aPolygonIsAnOutline() throws PromptException {
		final PolygonRoi triangle = polygon(Roi.POLYGON);
		final Prompt prompt = single(read(PointMode.EACH, onFrame(triangle, 1)));
		assertTrue(prompt.isMask());
		assertEquals(maskPixels(triangle), count(prompt.mask()));
		assertMaskIs(triangle, prompt.mask());
	}

	@Test
	void aCompositeRoiIsOneOutline() throws PromptException {
		final ShapeRoi two = new ShapeRoi(new Roi(5, 5, 10, 10)).or(new ShapeRoi(new Roi(30, 20, 8, 6)));
		final Prompt prompt = single(read(PointMode.EACH, onFrame(two, 1)));
		assertEquals(10 * 10 + 8 * 6, count(prompt.mask()));
		assertMaskIs(two, prompt.mask());
	}

	@Test
	void anOutlinePartlyOutsideTheImageKeepsThePixelsInside() throws PromptException {
		final OvalRoi oval = new OvalRoi(-10, -10, 30, 30);
		final Prompt prompt = single(read(PointMode.EACH, onFrame(oval, 1)));
		int inside = 0;
		for (final Point p : oval.getContainedPoints()) {
			if (p.x >= 0 && p.y >= 0 && p.x < WIDTH && p.y < HEIGHT) inside++;
		}
		assertTrue(inside > 0 && inside < oval.getContainedPoints().length);
		assertEquals(inside, count(prompt.mask()));
	}

	// -- groups

	@Test
	void roisSharingAGroupAreOneObject() throws PromptException {
		final PointRoi first = inGroup(onFrame(points(5, 6), 2), 4);
		final PointRoi loose = onFrame(points(50, 40), 2);
		final PointRoi later = inGroup(onFrame(points(8, 9), 6), 4);
		final List<ObjectPrompt> prompts = read(PointMode.EACH, first, loose, later);
		assertEquals(3, prompts.size());
		assertEquals(List.of(1, 2, 1), ids(prompts));
		assertEquals(List.of(2, 2, 6), positions(prompts));
		assertClicks(prompts.get(2).prompt(), new float[] { 8, 9 }, 1);
	}

	@Test
	void twoOutlinesOfOneObjectOnOneFrameAreJoined() throws PromptException {
		final Roi left = inGroup(onFrame(new Roi(5, 5, 10, 10, 4), 1), 3);
		final Roi right = inGroup(onFrame(new OvalRoi(10, 5, 10, 10), 1), 3);
		final Prompt prompt = single(read(PointMode.EACH, left, right));
		final ShapeRoi union = new ShapeRoi(left).or(new ShapeRoi(right));
		assertMaskIs(union, prompt.mask());
	}

	@ParameterizedTest
	@ValueSource(strings = { "each", "roi" })
	void aRectangleAndClicksInOneGroupGiveABoxWithClicks(final String mode) throws Exception {
		final Roi box = inGroup(onFrame(new Roi(10, 10, 20, 15), 3), 5);
		final PointRoi clicks = inGroup(onFrame(points(15, 15), 3), 5);
		addBackground(clicks, 25, 22);
		final List<ObjectPrompt> prompts = read(RunParameters.POINTS.parse(mode, "points="), box, clicks);
		assertEquals(1, prompts.size());
		final Prompt prompt = prompts.get(0).prompt();
		assertArrayEquals(new float[] { 10, 10, 30, 25 }, prompt.box());
		assertClicks(prompt, new float[] { 15, 15, 25, 22 }, 1, 0);
		assertEquals("ROI Manager entry 1, ROI Manager entry 2", prompts.get(0).source());
	}

	@Test
	void anOutlineAndClicksForOneObjectOnOneFrameAreRefused() {
		final Roi outline = named(inGroup(onFrame(new OvalRoi(10, 10, 20, 15), 3), 5), "outline");
		final PointRoi clicks = named(inGroup(onFrame(points(15, 15), 3), 5), "click");
		final String message = refusal(timeLapse(), PointMode.ROI, outline, clicks);
		assertTrue(message.contains("ROI Manager entry 1 ('outline')"), message);
		assertTrue(message.contains("ROI Manager entry 2 ('click')"), message);
		assertTrue(message.contains("outline") && message.contains("clicks"), message);
	}

	@Test
	void anOutlineAndABoxForOneObjectOnOneFrameAreRefused() {
		final Roi box = inGroup(onFrame(new Roi(10, 10, 20, 15), 3), 5);
		final Roi outline = inGroup(onFrame(new OvalRoi(10, 10, 20, 15), 3), 5);
		final String message = refusal(timeLapse(), PointMode.ROI, box, outline);
		assertTrue(message.contains("ROI Manager entry 1") && message.contains("ROI Manager entry 2"), message);
		assertTrue(message.contains("a box"), message);
	}

	@Test
	void anOutlineAndClicksOnDifferentFramesAreAccepted() throws PromptException {
		final Roi outline = inGroup(onFrame(new OvalRoi(10, 10, 20, 15), 3), 5);
		final PointRoi clicks = inGroup(onFrame(points(15, 15), 4), 5);
		final List<ObjectPrompt> prompts = read(PointMode.ROI, outline, clicks);
		assertEquals(List.of(1, 1), ids(prompts));
		assertTrue(prompts.get(0).prompt().isMask());
		assertEquals(1, prompts.get(1).prompt().pointCount());
	}

	@Test
	void twoBoxesForOneObjectOnOneFrameAreRefused() {
		final Roi first = named(inGroup(onFrame(new Roi(10, 10, 20, 15), 3), 5), "a");
		final Roi second = named(inGroup(onFrame(new Roi(12, 10, 20, 15), 3), 5), "b");
		final String message = refusal(timeLapse(), PointMode.EACH, first, second);
		assertTrue(message.contains("ROI Manager entry 2 ('b')"), message);
		assertTrue(message.contains("ROI Manager entry 1 ('a')"), message);
		assertTrue(message.contains("second box"), message);
	}

	// -- positions

	@Test
	void aRoiOnAFrameOfAHyperstackIsOnThatFrame() throws PromptException {
		final ImagePlus imp = IJ.createImage("t", "16-bit black", WIDTH, HEIGHT, 1, 3, FRAMES);
		final Roi roi = new Roi(10, 10, 5, 5);
		roi.setPosition(0, 2, 7);
		final ObjectPrompt prompt = read(imp, PointMode.EACH, roi).get(0);
		assertFalse(TrackingAxis.of(imp).alongZ());
		assertEquals(7, prompt.position());
		assertEquals(2, prompt.plane());
	}

	@Test
	void aRoiWithAStackIndexIsOnThatFrameAndSlice() throws PromptException {
		final ImagePlus imp = IJ.createImage("t", "16-bit black", WIDTH, HEIGHT, 1, 3, FRAMES);
		final Roi roi = new Roi(10, 10, 5, 5);
		roi.setPosition(imp.getStackIndex(1, 3, 4));
		final ObjectPrompt prompt = read(imp, PointMode.EACH, roi).get(0);
		assertEquals(4, prompt.position());
		assertEquals(3, prompt.plane());
	}

	@Test
	void onAZStackThePositionIsTheSlice() throws PromptException {
		final ImagePlus imp = zStack(6);
		final TrackingAxis axis = TrackingAxis.of(imp);
		assertTrue(axis.alongZ());
		assertEquals(6, axis.length());
		final Roi roi = new Roi(10, 10, 5, 5);
		roi.setPosition(4);
		final PointRoi click = points(20, 20);
		click.setPosition(0, 2, 0);
		final List<ObjectPrompt> prompts = read(imp, PointMode.EACH, roi, click);
		assertEquals(List.of(4, 2), positions(prompts));
		assertEquals(1, prompts.get(0).plane());
		assertEquals(1, prompts.get(1).plane());
	}

	@Test
	void aRoiWithoutAPositionIsOnTheCurrentFrameAndANoteSaysSo() throws PromptException {
		final ImagePlus imp = timeLapse();
		imp.setT(6);
		final RoiPrompts reader = new RoiPrompts(imp, PointMode.EACH, new FrameRange(1, FRAMES));
		final List<ObjectPrompt> prompts = reader.read(List.of(entry(1, named(new Roi(10, 10, 5, 5), "cell")), entry(
			2, onFrame(points(30, 30), 2))));
		assertEquals(List.of(6, 2), positions(prompts));
		assertEquals(1, reader.notes().size(), reader.notes().toString());
		final String note = reader.notes().get(0);
		assertTrue(note.contains("ROI Manager entry 1 ('cell')"), note);
		assertTrue(note.contains("current frame, 6"), note);
	}

	@Test
	void aRoiWithoutAPositionOnASingleImageNeedsNoNote() throws PromptException {
		final ImagePlus imp = IJ.createImage("one", "8-bit black", WIDTH, HEIGHT, 1);
		final RoiPrompts reader = new RoiPrompts(imp, PointMode.EACH, new FrameRange(1, 1));
		final List<ObjectPrompt> prompts = reader.read(List.of(entry(1, new Roi(10, 10, 5, 5))));
		assertEquals(List.of(1), positions(prompts));
		assertTrue(reader.notes().isEmpty(), reader.notes().toString());
	}

	@Test
	void pointsAddedOnDifferentFramesArePromptsOnThoseFrames() throws PromptException {
		final ImagePlus imp = IJ.createImage("t", "16-bit black", WIDTH, HEIGHT, 1, 2, FRAMES);
		final PointRoi roi = new PointRoi();
		imp.setPosition(1, 1, 2);
		roi.addPoint(imp, 5, 6);
		imp.setPosition(1, 2, 8);
		roi.addPoint(imp, 20, 30);
		roi.addPoint(imp, 25, 35);
		imp.setPosition(1, 1, 1);
		for (final PointMode mode : PointMode.values()) {
			final RoiPrompts reader = new RoiPrompts(imp, mode, new FrameRange(1, FRAMES));
			final List<ObjectPrompt> prompts = reader.read(List.of(entry(1, roi)));
			assertTrue(reader.notes().isEmpty(), reader.notes().toString());
			if (mode == PointMode.EACH) {
				assertEquals(List.of(1, 2, 3), ids(prompts));
				assertEquals(List.of(2, 8, 8), positions(prompts));
				assertEquals(List.of(1, 2, 2), planes(prompts));
			}
			else {
				assertEquals(List.of(1, 1), ids(prompts));
				assertEquals(List.of(2, 8), positions(prompts));
				assertEquals(List.of(1, 2), planes(prompts));
				assertClicks(prompts.get(1).prompt(), new float[] { 20, 30, 25, 35 }, 1, 1);
			}
		}
	}

	@Test
	void pointsWithTheirOwnFramesDoNotDependOnTheCurrentFrame() throws PromptException {
		final ImagePlus imp = timeLapse();
		imp.setT(9);
		final PointRoi roi = points(5, 6, 20, 30);
		roi.setCounters(new int[] { 2 << 8, 4 << 8 });
		final RoiPrompts reader = new RoiPrompts(imp, PointMode.EACH, new FrameRange(1, 5));
		final List<ObjectPrompt> prompts = reader.read(List.of(entry(1, roi)));
		assertEquals(List.of(2, 4), positions(prompts));
		assertTrue(reader.notes().isEmpty(), reader.notes().toString());
	}

	// -- refusals

	@Test
	void aPointOutsideTheImageIsRefused() {
		final String message = refusal(timeLapse(), PointMode.EACH, onFrame(named(points(5, 6, 70, 10), "cells"),
			1));
		assertTrue(message.contains("ROI Manager entry 1 ('cells')"), message);
		assertTrue(message.contains("point 2"), message);
		assertTrue(message.contains("outside the image"), message);
	}

	@Test
	void aRectangleEntirelyOutsideTheImageIsRefused() {
		final String message = refusal(timeLapse(), PointMode.EACH, onFrame(named(new Roi(100, 100, 10, 10), "box"),
			1));
		assertTrue(message.contains("ROI Manager entry 1 ('box')"), message);
		assertTrue(message.contains("outside the image"), message);
	}

	@Test
	void anOutlineEntirelyOutsideTheImageIsRefused() {
		final String message = refusal(timeLapse(), PointMode.EACH, onFrame(new OvalRoi(-30, 5, 20, 20), 1));
		assertTrue(message.contains("ROI Manager entry 1"), message);
		assertTrue(message.contains("outside"), message);
	}

	@Test
	void aPointRoiWithoutPointsIsRefused() {
		final String message = refusal(timeLapse(), PointMode.EACH, onFrame(named(new PointRoi(), "nothing"), 1));
		assertTrue(message.contains("ROI Manager entry 1 ('nothing')"), message);
		assertTrue(message.contains("no points"), message);
	}

	@Test
	void anAreaWithoutPixelsIsRefused() {
		final String message = refusal(timeLapse(), PointMode.EACH, onFrame(named(new ShapeRoi(new Area()), "flat"),
			1));
		assertTrue(message.contains("ROI Manager entry 1 ('flat')"), message);
		assertTrue(message.contains("empty"), message);
	}

	@Test
	void aLineIsRefused() {
		for (final Roi line : List.of(new Line(5, 5, 30, 20), polygon(Roi.POLYLINE), polygon(Roi.ANGLE))) {
			final String message = refusal(timeLapse(), PointMode.EACH, onFrame(named(line, "stroke"), 1));
			assertTrue(message.contains("ROI Manager entry 1 ('stroke')"), message);
			assertTrue(message.contains("is a line"), message);
		}
	}

	@Test
	void textAndImagesAreNotBoxes() {
		final ImageRoi image = new ImageRoi(10, 10, new ByteProcessor(8, 8));
		for (final Roi roi : List.of(new TextRoi(10, 10, "t = 3 min"), image)) {
			final String message = refusal(timeLapse(), PointMode.EACH, onFrame(named(roi, "label"), 1));
			assertTrue(message.contains("ROI Manager entry 1 ('label')"), message);
			assertTrue(message.contains("not a prompt"), message);
		}
	}

	@Test
	void aRoiOutsideTheChosenRangeIsRefused() {
		final ImagePlus imp = timeLapse();
		final List<RoiPrompts.NamedRoi> rois = List.of(entry(1, onFrame(points(5, 6), 3)), entry(2, named(onFrame(
			points(20, 20), 8), "late")));
		final PromptException e = assertThrows(PromptException.class, () -> new RoiPrompts(imp, PointMode.EACH, new FrameRange(2, 5))
			.read(rois));
		assertTrue(e.getMessage().contains("ROI Manager entry 2 ('late')"), e.getMessage());
		assertTrue(e.getMessage().contains("frame 8"), e.getMessage());
		assertTrue(e.getMessage().contains("2-5"), e.getMessage());
	}

	@Test
	void aRoiOnTheCurrentFrameOutsideTheChosenRangeIsRefused() {
		final ImagePlus imp = timeLapse();
		imp.setT(1);
		final List<RoiPrompts.NamedRoi> rois = List.of(entry(1, new Roi(10, 10, 5, 5)));
		final PromptException e = assertThrows(PromptException.class, () -> new RoiPrompts(imp, PointMode.EACH, new FrameRange(2, 5))
			.read(rois));
		assertTrue(e.getMessage().contains("ROI Manager entry 1"), e.getMessage());
		assertTrue(e.getMessage().contains("frame 1"), e.getMessage());
	}

	@Test
	void aPointOutsideTheChosenSlicesOfAZStackIsRefused() {
		final ImagePlus imp = zStack(6);
		final PointRoi roi = points(5, 6);
		roi.setPosition(6);
		final PromptException e = assertThrows(PromptException.class, () -> new RoiPrompts(imp, PointMode.EACH, new FrameRange(1, 4))
			.read(List.of(entry(1, roi))));
		assertTrue(e.getMessage().contains("slice 6"), e.getMessage());
	}

	@Test
	void noRoisAreRefused() {
		final PromptException e = assertThrows(PromptException.class, () -> new RoiPrompts(timeLapse(), PointMode.EACH, new FrameRange(1, FRAMES)).read(List.of()));
		assertTrue(e.getMessage().contains("no prompts"), e.getMessage());
	}

	// -- collecting ROIs from the image

	@Test
	void theImageGivesItsOverlayThenItsSelectionButNotOwnRois() {
		final ImagePlus imp = timeLapse();
		final Overlay overlay = new Overlay();
		final Roi box = named(new Roi(10, 10, 5, 5), "cell");
		final Roi own = new OvalRoi(20, 20, 5, 5);
		own.setProperty(RoiPrompts.OWN_ROI_PROPERTY, "outline");
		final Roi oval = new OvalRoi(30, 30, 6, 6);
		overlay.add(box);
		overlay.add(own);
		overlay.add(oval);
		imp.setOverlay(overlay);
		final PointRoi selection = points(40, 20);
		imp.setRoi(selection);
		for (final PromptSource source : List.of(PromptSource.IMAGE, PromptSource.AUTO)) {
			final List<RoiPrompts.NamedRoi> rois = RoiPrompts.collect(imp, source);
			assertEquals(3, rois.size(), source.key());
			assertSame(box, rois.get(0).roi());
			assertEquals("overlay ROI 1 ('cell')", rois.get(0).description());
			assertSame(oval, rois.get(1).roi());
			assertEquals("overlay ROI 3", rois.get(1).description());
			assertSame(imp.getRoi(), rois.get(2).roi());
			assertEquals("the selection", rois.get(2).description());
		}
	}

	@Test
	void anImageWithoutOverlayOrSelectionGivesNoRois() {
		assertTrue(RoiPrompts.collect(timeLapse(), PromptSource.IMAGE).isEmpty());
	}

	@Test
	void collectedRoisAreNamedInMessages() {
		final ImagePlus imp = timeLapse();
		imp.setRoi(new Line(5, 5, 30, 20));
		final PromptException e = assertThrows(PromptException.class, () -> new RoiPrompts(imp, PointMode.EACH, new FrameRange(1,
			FRAMES)).read(RoiPrompts.collect(imp, PromptSource.IMAGE)));
		assertTrue(e.getMessage().startsWith("The selection is a line"), e.getMessage());
	}

	// -- helpers

	private static ImagePlus timeLapse() {
		return IJ.createImage("t", "16-bit black", WIDTH, HEIGHT, 1, 1, FRAMES);
	}

	private static ImagePlus zStack(final int slices) {
		final ImageStack stack = new ImageStack(WIDTH, HEIGHT);
		for (int z = 0; z < slices; z++) stack.addSlice(new ShortProcessor(WIDTH, HEIGHT));
		return new ImagePlus("z", stack);
	}

	private static PolygonRoi polygon(final int type) {
		return new PolygonRoi(new int[] { 5, 20, 30 }, new int[] { 5, 20, 5 }, 3, type);
	}

	private static PointRoi points(final double... xy) {
		final PointRoi roi = new PointRoi();
		for (int i = 0; i < xy.length; i += 2) roi.addPoint(xy[i], xy[i + 1]);
		return roi;
	}

	private static void addBackground(final PointRoi roi, final double x, final double y) {
		roi.setCounter(1);
		roi.addPoint(x, y);
		roi.setCounter(0);
	}

	private static <R extends Roi> R onFrame(final R roi, final int t) {
		roi.setPosition(0, 0, t);
		return roi;
	}

	private static <R extends Roi> R inGroup(final R roi, final int group) {
		roi.setGroup(group);
		return roi;
	}

	private static <R extends Roi> R named(final R roi, final String name) {
		roi.setName(name);
		return roi;
	}

	private static RoiPrompts.NamedRoi entry(final int n, final Roi roi) {
		final String name = roi.getName() == null || roi.getName().isBlank() ? "" : " ('" + roi.getName() + "')";
		return new RoiPrompts.NamedRoi(roi, "ROI Manager entry " + n + name);
	}

	private static List<RoiPrompts.NamedRoi> entries(final Roi... rois) {
		final List<RoiPrompts.NamedRoi> named = new ArrayList<>();
		for (final Roi roi : rois) named.add(entry(named.size() + 1, roi));
		return named;
	}

	private static List<ObjectPrompt> read(final PointMode mode, final Roi... rois) throws PromptException {
		return read(timeLapse(), mode, rois);
	}

	private static List<ObjectPrompt> read(final ImagePlus imp, final PointMode mode, final Roi... rois)
		throws PromptException
	{
		return new RoiPrompts(imp, mode, new FrameRange(1, TrackingAxis.of(imp).length())).read(entries(rois));
	}

	private static String refusal(final ImagePlus imp, final PointMode mode, final Roi... rois) {
		return assertThrows(PromptException.class, () -> read(imp, mode, rois)).getMessage();
	}

	private static Prompt single(final List<ObjectPrompt> prompts) {
		assertEquals(1, prompts.size());
		return prompts.get(0).prompt();
	}

	private static List<Integer> ids(final List<ObjectPrompt> prompts) {
		return prompts.stream().map(ObjectPrompt::objectId).toList();
	}

	private static List<Integer> positions(final List<ObjectPrompt> prompts) {
		return prompts.stream().map(ObjectPrompt::position).toList();
	}

	private static List<Integer> planes(final List<ObjectPrompt> prompts) {
		return prompts.stream().map(ObjectPrompt::plane).toList();
	}

	private static void assertClicks(final Prompt prompt, final float[] xy, final int... labels) {
		assertArrayEquals(xy, prompt.points());
		assertArrayEquals(labels, prompt.labels());
	}

	private static int count(final boolean[] mask) {
		int n = 0;
		for (final boolean b : mask) if (b) n++;
		return n;
	}

	private static int maskPixels(final Roi roi) {
		final ImageProcessor mask = roi.getMask();
		int n = 0;
		for (int i = 0; i < mask.getPixelCount(); i++) if (mask.get(i) != 0) n++;
		return n;
	}

	/** The mask prompt holds exactly the pixels the ROI contains. */
	private static void assertMaskIs(final Roi roi, final boolean[] mask) {
		final boolean[] expected = new boolean[WIDTH * HEIGHT];
		for (final Point p : roi.getContainedPoints()) expected[p.y * WIDTH + p.x] = true;
		assertArrayEquals(expected, mask);
	}
}
