package org.sam2tracker.install;

import java.net.URI;

/**
 * One installable model of the catalog: its graphs ship with the plugin (the resource folder {@code graphs}),
 * its weights are the official checkpoint at {@code weightsUrl}. {@code bytes} is -1 and {@code sha256} null
 * where the catalog does not know them; {@code approxBytes} is a close estimate for free-space checks.
 */
public record CatalogEntry(String name, String shortName, String title, String description, String graphs,
	URI weightsUrl, long bytes, String sha256, long approxBytes)
{

	/** The size to plan for: exact when known, else the estimate. */
	public long plannedBytes() {
		return bytes >= 0 ? bytes : approxBytes;
	}

	public boolean matches(final String nameOrShort) {
		return name.equalsIgnoreCase(nameOrShort) || shortName.equalsIgnoreCase(nameOrShort);
	}
}
