package org.sam2tracker.testing;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.sam2tracker.model.TestData;
import org.sam2tracker.track.FrameList;
import org.sam2tracker.track.FrameSource;
import org.sam2tracker.track.RgbFrame;

/** The committed clips as frame sources: the synthetic cells (8-bit TIFF) and the bedroom frames (PNG). */
public final class TestClips {

	private TestClips() {}

	public static FrameSource open(final String clip) {
		return switch (clip) {
			case "cells" -> cells8bit();
			case "bedroom" -> bedroom();
			default -> throw new IllegalArgumentException("no clip " + clip);
		};
	}

	public static FrameSource cells8bit() {
		final ImagePlus imp = IJ.openImage(TestData.ROOT.resolve("clips/cells/cells-8bit.tif").toString());
		final ImageStack stack = imp.getStack();
		return new FrameSource() {

			@Override
			public int frameCount() {
				return stack.getSize();
			}

			@Override
			public int width() {
				return stack.getWidth();
			}

			@Override
			public int height() {
				return stack.getHeight();
			}

			@Override
			public RgbFrame frame(final int t) {
				return RgbFrame.fromGrey(width(), height(), (byte[]) stack.getPixels(t + 1));
			}
		};
	}

	public static FrameSource bedroom() {
		return imageFolder(TestData.ROOT.resolve("clips/bedroom"), 8);
	}

	/** The first {@code count} frames of a folder of 00000.jpg (or .png), 00001.jpg, ... */
	public static FrameSource imageFolder(final Path dir, final int count) {
		final List<RgbFrame> frames = new ArrayList<>();
		try {
			for (int t = 0; t < count; t++) {
				Path file = dir.resolve(String.format("%05d.jpg", t));
				if (!Files.exists(file)) file = dir.resolve(String.format("%05d.png", t));
				final BufferedImage image = ImageIO.read(file.toFile());
				final int w = image.getWidth();
				final int h = image.getHeight();
				final byte[] rgb = new byte[3 * w * h];
				for (int y = 0; y < h; y++) {
					for (int x = 0; x < w; x++) {
						final int v = image.getRGB(x, y);
						final int i = 3 * (y * w + x);
						rgb[i] = (byte) (v >> 16);
						rgb[i + 1] = (byte) (v >> 8);
						rgb[i + 2] = (byte) v;
					}
				}
				frames.add(new RgbFrame(w, h, rgb));
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return new FrameList(frames);
	}
}
