package org.sam2tracker.io;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The part of an OME-XML document (the ImageDescription of an OME-TIFF) that places planes and calibrates
 * them: the first image's Pixels element and its TiffData elements.
 */
final class OmeXml {

	/** An OME root element first, after an optional XML declaration and comments. */
	private static final Pattern OME_ROOT = Pattern.compile(
		"\\A\\s*(<\\?xml.*?\\?>\\s*)?(<!--.*?-->\\s*)*<(\\w+:)?OME[\\s>/]", Pattern.DOTALL);
	/** The OME schema's default length unit. */
	private static final String MICRON = "\u00B5m";
	private static final List<String> ORDERS = List.of("XYZCT", "XYCZT", "XYZTC", "XYTZC", "XYCTZ", "XYTCZ");

	/** One TiffData element: pages from ifd on hold planes from (firstC, firstZ, firstT) on, in dimension order. */
	record TiffData(Integer ifd, int firstC, int firstZ, int firstT, Integer planeCount, String fileName) {}

	/** Sizes and calibration of the first image; NaN for an absent physical size or time increment. */
	record Pixels(String dimensionOrder, int sizeC, int sizeZ, int sizeT, double physicalSizeX, String unitX,
		double physicalSizeY, String unitY, double physicalSizeZ, String unitZ, double timeIncrement,
		String timeUnit, List<TiffData> tiffData, boolean binaryOnly)
	{}

	private OmeXml() {}

	/** True when a TIFF's ImageDescription is an OME-XML document. */
	static boolean isOme(final String description) {
		return description != null && OME_ROOT.matcher(description).lookingAt();
	}

	/** The first image's pixels; source names the file in messages. */
	static Pixels parse(final String xml, final String source) throws InputException {
		final Document doc = document(xml, source);
		final Element image = firstElement(doc.getDocumentElement(), "Image");
		final Element pixels = image == null ? null : firstElement(image, "Pixels");
		if (pixels == null) throw new InputException("The OME-XML of " + source + " describes no image (no " +
			"Image/Pixels element).");
		final String order = pixels.getAttribute("DimensionOrder");
		if (!ORDERS.contains(order)) throw new InputException("The OME-XML of " + source + " has an unknown " +
			"DimensionOrder '" + order + "'.");
		final List<TiffData> tiffData = new ArrayList<>();
		final NodeList list = pixels.getElementsByTagNameNS("*", "TiffData");
		for (int i = 0; i < list.getLength(); i++) {
			final Element e = (Element) list.item(i);
			final Element uuid = firstElement(e, "UUID");
			final String fileName = uuid == null || uuid.getAttribute("FileName").isEmpty() ? null : uuid
				.getAttribute("FileName");
			tiffData.add(new TiffData(optionalInt(e, "IFD", source), first(e, "FirstC", source), first(e, "FirstZ",
				source), first(e, "FirstT", source), optionalInt(e, "PlaneCount", source), fileName));
		}
		final boolean binaryOnly = firstElement(doc.getDocumentElement(), "BinaryOnly") != null;
		return new Pixels(order, size(pixels, "SizeC", source), size(pixels, "SizeZ", source), size(pixels, "SizeT",
			source), real(pixels, "PhysicalSizeX"), unit(pixels, "PhysicalSizeXUnit", MICRON), real(pixels,
				"PhysicalSizeY"), unit(pixels, "PhysicalSizeYUnit", MICRON), real(pixels, "PhysicalSizeZ"), unit(pixels,
					"PhysicalSizeZUnit", MICRON), real(pixels, "TimeIncrement"), unit(pixels, "TimeIncrementUnit", "s"),
			tiffData, binaryOnly);
	}

	private static Document document(final String xml, final String source) throws InputException {
		try {
			final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			// Metadata from a file is untrusted: no DTDs, no external entities.
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setXIncludeAware(false);
			factory.setExpandEntityReferences(false);
			final var builder = factory.newDocumentBuilder();
			// The default handler prints parse errors; they go into the exception instead.
			builder.setErrorHandler(new DefaultHandler());
			return builder.parse(new InputSource(new StringReader(xml)));
		}
		catch (final SAXException | IOException | ParserConfigurationException e) {
			throw new InputException("The OME-XML of " + source + " cannot be read: " + e.getMessage(), e);
		}
	}

	/** The first element of that local name at or under an element, in any namespace. */
	private static Element firstElement(final Element parent, final String name) {
		if (name.equals(parent.getLocalName())) return parent;
		final NodeList list = parent.getElementsByTagNameNS("*", name);
		return list.getLength() == 0 ? null : (Element) list.item(0);
	}

	private static int size(final Element e, final String name, final String source) throws InputException {
		final Integer value = optionalInt(e, name, source);
		if (value == null || value < 1) throw new InputException("The OME-XML of " + source + " gives no valid " +
			name + ".");
		return value;
	}

	/** A starting position: 0 when absent. */
	private static int first(final Element e, final String name, final String source) throws InputException {
		final Integer value = optionalInt(e, name, source);
		if (value != null && value < 0) throw new InputException("The OME-XML of " + source + " has a negative " +
			name + ".");
		return value == null ? 0 : value;
	}

	private static Integer optionalInt(final Element e, final String name, final String source)
		throws InputException
	{
		final String text = e.getAttribute(name).trim();
		if (text.isEmpty()) return null;
		try {
			return Integer.valueOf(text);
		}
		catch (final NumberFormatException x) {
			throw new InputException("The OME-XML of " + source + " has " + name + "=\"" + text + "\", not a " +
				"whole number.");
		}
	}

	private static double real(final Element e, final String name) {
		try {
			final double v = Double.parseDouble(e.getAttribute(name).trim());
			return Double.isFinite(v) && v > 0 ? v : Double.NaN;
		}
		catch (final NumberFormatException x) {
			return Double.NaN;
		}
	}

	private static String unit(final Element e, final String name, final String absent) {
		final String text = e.getAttribute(name).trim();
		return text.isEmpty() ? absent : text;
	}
}
