package org.sam2tracker.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.io.FileSaver;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sam2tracker.testing.TiffBytes;
import org.sam2tracker.run.StackAxis;

/**
 * Inputs that cannot be read are an InputException that names the input, says what is wrong and what to do;
 * never a blank image. Without Bio-Formats on the test class path, as here, nothing falls back to it.
 */
class InputErrorsTest {

	@TempDir
	Path temp;

	@BeforeEach
	void withoutBioFormats() {
		Assumptions.assumeFalse(BioFormats.available(), "Bio-Formats would read what these tests expect refused");
	}

	@Test
	void bigTiffIsNamedWithItsFixes() throws Exception {
		final Path file = temp.resolve("huge.tif");
		// II, 43, offset size 8, reserved 0, first directory at 16; the directory: no entries, no next.
		final ByteBuffer bytes = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
		bytes.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(16);
		Files.write(file, bytes.array());
		assertMessage(file, "huge.tif", "BigTIFF", "classic TIFF", "Bio-Formats", "bioformats_package.jar",
			BioFormats.DOWNLOAD);
	}

	@ParameterizedTest
	@CsvSource({ "34925, LZMA", "7, JPEG", "6, old-style JPEG", "34712, JPEG 2000", "50123, unknown scheme" })
	void compressionImageJLacksIsNamed(final int compression, final String name) throws Exception {
		final Path file = temp.resolve("packed.tif");
		TiffBytes.write(file, 8, 8, new short[][] { new short[64] }, null, compression);
		assertMessage(file, "packed.tif", name, "TIFF compression " + compression, "uncompressed or " +
			"LZW-compressed", "Bio-Formats");
	}

	@Test
	void zstandardStripsThatDoNotDecompressAreADamagedFileNotABlankImage() throws Exception {
		final Path file = temp.resolve("packed.tif");
		TiffBytes.write(file, 8, 8, new short[][] { new short[64] }, null, 50000);
		assertMessage(file, "packed.tif", "is a damaged Zstandard-compressed TIFF");
	}

	@Test
	void aDamagedTiffIsNamed() throws Exception {
		final Path file = temp.resolve("cut.tif");
		final ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
		bytes.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(4096);
		Files.write(file, bytes.array());
		assertMessage(file, "cut.tif", "damaged", "past the end");
	}

	/** ImageJ reads what is there of a cut-short stack and says nothing; the lost frames must not go unseen. */
	@Test
	void aCutShortImageJStackIsNamed() throws Exception {
		final Path file = temp.resolve("cut-stack.tif");
		assertTrue(new FileSaver(IJ.createHyperStack("h", 64, 64, 1, 1, 10, 16)).saveAsTiff(file.toString()));
		final byte[] whole = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(whole, whole.length / 2));
		assertMessage(file, "cut-stack.tif", "cut short", "10 images");
	}

	@Test
	void aMissingFileOrFolderIsNamed() {
		assertMessage(temp.resolve("gone.tif"), "gone.tif", "does not exist");
		assertMessage(temp.resolve("no-such-folder"), "no-such-folder", "does not exist");
	}

	@Test
	void textIsNotAnImage() throws Exception {
		final Path notes = Files.writeString(temp.resolve("notes.txt"), "frame 1: a cell\n");
		assertMessage(notes, "notes.txt", "not an image", "TIFF", "PNG", "JPEG");
		final Path fakeTiff = Files.writeString(temp.resolve("fake.tif"), "not really a TIFF\n");
		assertMessage(fakeTiff, "fake.tif", "not a TIFF file");
		final Path fakePng = Files.writeString(temp.resolve("fake.png"), "not really a PNG\n");
		assertMessage(fakePng, "fake.png", "not a readable PNG");
	}

	@Test
	void bioFormatsFormatsSayHowToGetBioFormats() throws Exception {
		final Path czi = Files.write(temp.resolve("cells.czi"), new byte[] { 'Z', 'I', 'S', 'R' });
		assertMessage(czi, "cells.czi", "Zeiss CZI", "Bio-Formats", "Fiji", "bioformats_package.jar",
			"class path", BioFormats.DOWNLOAD);
		final Path nd2 = Files.write(temp.resolve("cells.ND2"), new byte[16]);
		assertMessage(nd2, "cells.ND2", "Nikon ND2", "bioformats_package.jar");
	}

	@Test
	void inputsAreFoldersAndImageFiles() throws Exception {
		for (final String name : new String[] { "a.tif", "b.TIFF", "c.ome.tif", "d.png", "e.jpg", "f.jpeg", "g.czi",
			"h.nd2", "i.lif", "j.lsm", "k.oib", "l.vsi", "m.ims" })
		{
			assertTrue(InputImages.isInput(temp.resolve(name)), name);
		}
		assertTrue(InputImages.isInput(Files.createDirectory(temp.resolve("frames"))));
		for (final String name : new String[] { "notes.txt", "labels.csv", "prompts.zip", "README", ".hidden.tif",
			"._a.tif" })
		{
			assertFalse(InputImages.isInput(temp.resolve(name)), name);
		}
	}

	private static void assertMessage(final Path input, final String... parts) {
		final InputException e = assertThrows(InputException.class, () -> InputImages.open(input, StackAxis.TIME));
		for (final String part : parts) assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e
			.getMessage());
	}
}
