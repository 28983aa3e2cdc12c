package org.sam2tracker.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.run.StackAxis;

/**
 * The reflective path to Bio-Formats, against a stand-in loci.plugins.BF compiled here and reached only
 * through the thread's context class loader, as a class path or Fiji's plugin loader would offer it. The
 * stand-in answers every file with a 3x2 image titled after it, and fails on names with "broken".
 */
class BioFormatsFallbackTest {

	private static final String STAND_IN = """
		package loci.plugins;
		public class BF {
			public static ij.ImagePlus[] openImagePlus(String path) throws java.io.IOException {
				if (path.contains("broken")) throw new java.io.IOException("unreadable series");
				return new ij.ImagePlus[] { ij.IJ.createImage("bf:" + new java.io.File(path).getName(), "8-bit black",
					3, 2, 1) };
			}
		}
		""";

	@TempDir
	Path temp;

	@Test
	void bioFormatsFormatsAndUnreadableTiffsGoToBioFormatsWhenItIsThere() throws Exception {
		final Path czi = Files.write(temp.resolve("cells.czi"), new byte[] { 1 });
		final Path bigTiff = temp.resolve("huge.tif");
		final ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
		bytes.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(0);
		Files.write(bigTiff, bytes.array());
		final Path broken = Files.write(temp.resolve("broken.nd2"), new byte[] { 1 });
		withStandIn(() -> {
			assertTrue(BioFormats.available());
			assertEquals("bf:cells.czi", InputImages.open(czi, StackAxis.TIME).getTitle());
			assertEquals("bf:huge.tif", InputImages.open(bigTiff, StackAxis.TIME).getTitle());
			final InputException e = assertThrows(InputException.class, () -> InputImages.open(broken,
				StackAxis.TIME));
			assertTrue(e.getMessage().contains("broken.nd2") && e.getMessage().contains("unreadable series"), e
				.getMessage());
		});
	}

	private interface Check {
		void run() throws Exception;
	}

	private void withStandIn(final Check check) throws Exception {
		final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		Assumptions.assumeTrue(javac != null, "needs a JDK to compile the stand-in");
		final Path src = Files.createDirectories(temp.resolve("src/loci/plugins")).resolve("BF.java");
		Files.writeString(src, STAND_IN);
		final Path classes = Files.createDirectories(temp.resolve("classes"));
		final String ijJar = Path.of(ImagePlus.class.getProtectionDomain().getCodeSource().getLocation().toURI())
			.toString();
		assertEquals(0, javac.run(null, null, null, "-cp", ijJar, "-d", classes.toString(), src.toString()));
		final Thread thread = Thread.currentThread();
		final ClassLoader before = thread.getContextClassLoader();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, getClass()
			.getClassLoader()))
		{
			thread.setContextClassLoader(loader);
			assertNotNull(loader.loadClass("loci.plugins.BF"));
			check.run();
		}
		finally {
			thread.setContextClassLoader(before);
		}
	}
}
