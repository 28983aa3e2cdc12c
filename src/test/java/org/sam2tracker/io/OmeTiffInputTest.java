package org.sam2tracker.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.measure.Calibration;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sam2tracker.testing.TiffBytes;
import org.sam2tracker.run.StackAxis;

/**
 * OME-TIFFs written byte by byte, with each plane's value encoding its channel, slice and frame: every plane
 * must land at its own position in ImageJ's order, whatever order the file keeps them in.
 */
class OmeTiffInputTest {

	private static final int W = 4;
	private static final int H = 3;
	private static final int C = 2;
	private static final int Z = 3;
	private static final int T = 4;

	@TempDir
	Path temp;

	@ParameterizedTest
	@ValueSource(strings = { "XYZCT", "XYCZT", "XYZTC", "XYTZC", "XYCTZ", "XYTCZ" })
	void everyDimensionOrderLandsInPlace(final String order) throws Exception {
		final Path file = temp.resolve(order + ".ome.tif");
		final short[][] pages = new short[C * Z * T][];
		for (int i = 0; i < pages.length; i++) pages[i] = plane(position(order, i));
		TiffBytes.write(file, W, H, pages, ome(order, ""));
		// The OME-XML decides, so plainStacks does not matter.
		final ImagePlus imp = InputImages.open(file, StackAxis.Z);
		assertArrayEquals(new int[] { W, H, C, Z, T }, imp.getDimensions());
		assertPlanesInPlace(imp);
		final Calibration cal = imp.getCalibration();
		assertEquals(0.325, cal.pixelWidth, 1e-12);
		assertEquals(0.65, cal.pixelHeight, 1e-12);
		assertEquals(1.5, cal.pixelDepth, 1e-12);
		assertEquals("\u00B5m", cal.getUnit());
		assertEquals(30, cal.frameInterval, 1e-12);
		assertEquals("sec", cal.getTimeUnit());
	}

	/** Detected by its ImageDescription, not its name; TiffData elements place pages out of order. */
	@Test
	void tiffDataPlacesPagesAndAnyNameWillDo() throws Exception {
		final Path file = temp.resolve("scrambled.tif");
		final short[][] pages = new short[C * Z * T][];
		final StringBuilder tiffData = new StringBuilder();
		for (int i = 0; i < pages.length; i++) {
			final int[] czt = position("XYCZT", i);
			final int page = pages.length - 1 - i;
			pages[page] = plane(czt);
			tiffData.append("<TiffData IFD=\"").append(page).append("\" FirstC=\"").append(czt[0]).append(
				"\" FirstZ=\"").append(czt[1]).append("\" FirstT=\"").append(czt[2]).append("\" PlaneCount=\"1\">")
				.append("<UUID FileName=\"scrambled.tif\">urn:uuid:0</UUID></TiffData>");
		}
		TiffBytes.write(file, W, H, pages, ome("XYCZT", tiffData.toString()).replace("PhysicalSizeXUnit=\"\u00B5m\"",
			"PhysicalSizeXUnit=\"nm\"").replace("TimeIncrementUnit=\"s\"", "TimeIncrementUnit=\"ms\""));
		final ImagePlus imp = InputImages.open(file, StackAxis.TIME);
		assertArrayEquals(new int[] { W, H, C, Z, T }, imp.getDimensions());
		assertPlanesInPlace(imp);
		assertEquals("nm", imp.getCalibration().getUnit());
		assertEquals("ms", imp.getCalibration().getTimeUnit());
	}

	@Test
	void aDatasetSplitOverFilesIsRefused() throws Exception {
		final Path file = temp.resolve("part1.ome.tif");
		TiffBytes.write(file, W, H, new short[][] { plane(new int[3]) }, ome("XYZCT",
			"<TiffData IFD=\"0\" PlaneCount=\"1\"><UUID FileName=\"part1.ome.tif\">urn:uuid:1</UUID></TiffData>" +
				"<TiffData IFD=\"0\" FirstT=\"1\" PlaneCount=\"1\"><UUID FileName=\"part2.ome.tif\">urn:uuid:2</UUID>" +
				"</TiffData>"));
		final InputException e = assertThrows(InputException.class, () -> InputImages.open(file, StackAxis.TIME));
		assertTrue(e.getMessage().contains("part1.ome.tif") && e.getMessage().contains("several files") && e
			.getMessage().contains("part2.ome.tif") && e.getMessage().contains("bioformats_package.jar"), e
				.getMessage());
	}

	@Test
	void fewerPagesThanPlanesIsRefused() throws Exception {
		final Path file = temp.resolve("short.ome.tif");
		TiffBytes.write(file, W, H, new short[][] { plane(new int[3]), plane(new int[3]) }, ome("XYZCT", ""));
		final InputException e = assertThrows(InputException.class, () -> InputImages.open(file, StackAxis.TIME));
		assertTrue(e.getMessage().contains("short.ome.tif") && e.getMessage().contains("2 pages"), e.getMessage());
	}

	@Test
	void brokenOmeXmlIsRefused() throws Exception {
		final Path file = temp.resolve("broken.ome.tif");
		TiffBytes.write(file, W, H, new short[][] { plane(new int[3]) }, "<OME><Image><Pixels SizeC=\"1\"");
		final InputException e = assertThrows(InputException.class, () -> InputImages.open(file, StackAxis.TIME));
		assertTrue(e.getMessage().contains("broken.ome.tif") && e.getMessage().contains("OME-XML"), e.getMessage());
	}

	private static void assertPlanesInPlace(final ImagePlus imp) {
		for (int t = 0; t < T; t++) {
			for (int z = 0; z < Z; z++) {
				for (int c = 0; c < C; c++) {
					final int index = imp.getStackIndex(c + 1, z + 1, t + 1);
					assertEquals(value(new int[] { c, z, t }), imp.getStack().getProcessor(index).get(W - 1, H - 1),
						"c=" + c + " z=" + z + " t=" + t);
				}
			}
		}
	}

	/** The (c, z, t) of the i-th plane in a dimension order: the first letter after XY changes fastest. */
	private static int[] position(final String order, final int i) {
		final int[] czt = new int[3];
		int rest = i;
		for (final char d : order.substring(2).toCharArray()) {
			final int axis = "CZT".indexOf(d);
			final int size = new int[] { C, Z, T }[axis];
			czt[axis] = rest % size;
			rest /= size;
		}
		return czt;
	}

	private static int value(final int[] czt) {
		return 1 + 100 * czt[0] + 10 * czt[1] + czt[2];
	}

	private static short[] plane(final int[] czt) {
		final short[] pixels = new short[W * H];
		Arrays.fill(pixels, (short) value(czt));
		return pixels;
	}

	private static String ome(final String order, final String tiffData) {
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
			"<OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\" " +
			"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" Creator=\"test\">" +
			"<Image ID=\"Image:0\" Name=\"test\"><Pixels ID=\"Pixels:0\" DimensionOrder=\"" + order + "\" " +
			"Type=\"uint16\" SizeX=\"" + W + "\" SizeY=\"" + H + "\" SizeC=\"" + C + "\" SizeZ=\"" + Z + "\" " +
			"SizeT=\"" + T + "\" PhysicalSizeX=\"0.325\" PhysicalSizeXUnit=\"\u00B5m\" PhysicalSizeY=\"0.65\" " +
			"PhysicalSizeZ=\"1.5\" TimeIncrement=\"30\" TimeIncrementUnit=\"s\">" +
			"<Channel ID=\"Channel:0:0\" SamplesPerPixel=\"1\"/><Channel ID=\"Channel:0:1\" SamplesPerPixel=\"1\"/>" +
			tiffData + "</Pixels></Image></OME>";
	}
}
