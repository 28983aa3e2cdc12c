package org.sam2tracker.run;

/** The version of this build, as the jar's manifest states it. */
public final class Version {

	private Version() {}

	public static String of() {
		final String v = Version.class.getPackage().getImplementationVersion();
		return v == null ? "development build" : v;
	}
}
