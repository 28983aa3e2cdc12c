package org.sam2tracker.io;

import static java.util.Map.entry;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What a file's name says it is: the extensions of the inputs {@link InputImages} reads. */
final class InputNames {

	private static final Set<String> TIFF = Set.of("tif", "tiff", "btf", "tf8", "tf2");
	private static final Set<String> IMAGE_IO = Set.of("png", "jpg", "jpeg");
	private static final Map<String, String> BIO_FORMATS = Map.ofEntries(
		entry("czi", "Zeiss CZI"), entry("lsm", "Zeiss LSM"), entry("zvi", "Zeiss ZVI"),
		entry("nd2", "Nikon ND2"),
		entry("lif", "Leica LIF"), entry("lof", "Leica LOF"), entry("lei", "Leica LEI"), entry("scn", "Leica SCN"),
		entry("oib", "Olympus OIB"), entry("oif", "Olympus OIF"), entry("oir", "Olympus OIR"),
		entry("vsi", "Olympus VSI"),
		entry("ims", "Imaris IMS"),
		entry("dv", "DeltaVision DV"), entry("r3d", "DeltaVision R3D"),
		entry("ics", "ICS"), entry("ids", "ICS"),
		entry("nd", "MetaMorph ND"),
		entry("mvd2", "Volocity MVD2"),
		entry("sld", "SlideBook SLD"),
		entry("obf", "Imspector OBF"), entry("msr", "Imspector MSR"),
		entry("dm3", "Gatan DM3"), entry("dm4", "Gatan DM4"),
		entry("mrc", "MRC"),
		entry("svs", "Aperio SVS"), entry("ndpi", "Hamamatsu NDPI"));

	private InputNames() {}

	/** The extension in lower case, without the dot; empty when there is none. */
	static String extension(final Path file) {
		final String name = file.getFileName().toString();
		final int dot = name.lastIndexOf('.');
		return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	static boolean isTiff(final Path file) {
		return TIFF.contains(extension(file));
	}

	/** PNG or JPEG, read through javax.imageio. */
	static boolean isImageIO(final Path file) {
		return IMAGE_IO.contains(extension(file));
	}

	/** A file a folder of frames may hold. */
	static boolean isFrame(final Path file) {
		return !isHidden(file) && (isTiff(file) || isImageIO(file));
	}

	/** The format's name for a file that needs Bio-Formats; null for any other. */
	static String bioFormatsFormat(final Path file) {
		return BIO_FORMATS.get(extension(file));
	}

	static boolean isKnown(final Path file) {
		return isTiff(file) || isImageIO(file) || bioFormatsFormat(file) != null;
	}

	/** Hidden by the Unix convention, which also hides macOS's ._ resource files beside images. */
	static boolean isHidden(final Path file) {
		return file.getFileName().toString().startsWith(".");
	}
}
