package org.sam2tracker.testing;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

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

	/** The first {@code count} frames of a folder of 00000.jpg (or .png), 00001.jpg, ..., all read now. */
	public static FrameSource imageFolder(final Path dir, final int count) {
		final List<RgbFrame> frames = new ArrayList<>();
		for (int t = 0; t < count; t++) {
			frames.add(readFrame(frameFile(dir, t)));
		}
		return new FrameList(frames);
	}

	/** Frame {@code t} of a folder: 00000.jpg, or 00000.png when there is no JPEG. */
	public static Path frameFile(final Path dir, final int t) {
		final Path jpeg = dir.resolve(String.format("%05d.jpg", t));
		return Files.exists(jpeg) ? jpeg : dir.resolve(String.format("%05d.png", t));
	}

	/**
	 * One JPEG or PNG file as RGB. Greyscale files are read from their samples: {@code getRGB} would take their
	 * values as linear grey and brighten them, so the engine would see other pixels than a Python reader does.
	 */
	public static RgbFrame readFrame(final Path file) {
		final BufferedImage image;
		try {
			image = ImageIO.read(file.toFile());
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		if (image == null) throw new UncheckedIOException(new IOException("not an image ImageIO can read: " + file));
		final int w = image.getWidth();
		final int h = image.getHeight();
		final Raster raster = image.getRaster();
		if (raster.getNumBands() == 1 && raster.getSampleModel().getSampleSize(0) == 8) {
			final byte[] grey = new byte[w * h];
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					grey[y * w + x] = (byte) raster.getSample(x, y, 0);
				}
			}
			return RgbFrame.fromGrey(w, h, grey);
		}
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
		return new RgbFrame(w, h, rgb);
	}
}
