package org.sam2tracker.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2tracker.track.RgbFrame;

/** Frame folders must reach the engine with the pixels a Python reader sees, or benchmarks compare other inputs. */
class TestClipsTest {

	@Test
	void greyPngKeepsItsValues(@TempDir final Path dir) throws IOException {
		final BufferedImage grey = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
		final byte[] values = { 0, 64, (byte) 128, (byte) 200 };
		System.arraycopy(values, 0, ((DataBufferByte) grey.getRaster().getDataBuffer()).getData(), 0, 4);
		ImageIO.write(grey, "png", dir.resolve("00000.png").toFile());
		final RgbFrame frame = TestClips.imageFolder(dir, 1).frame(0);
		assertArrayEquals(new byte[] { 0, 0, 0, 64, 64, 64, (byte) 128, (byte) 128, (byte) 128, (byte) 200,
			(byte) 200, (byte) 200 }, frame.rgb());
	}
}
