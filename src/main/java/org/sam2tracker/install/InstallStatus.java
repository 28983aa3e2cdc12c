package org.sam2tracker.install;

/** The state of a catalog model in the install folder, with a line for a table or a dialog. */
public record InstallStatus(State state, String detail) {

	public enum State {
		NOT_INSTALLED, INSTALLED, INCOMPLETE, DAMAGED
	}

	public boolean installed() {
		return state == State.INSTALLED;
	}

	@Override
	public String toString() {
		return switch (state) {
			case NOT_INSTALLED -> "not installed";
			case INSTALLED -> "installed";
			case INCOMPLETE -> "incomplete: " + detail;
			case DAMAGED -> "damaged: " + detail;
		};
	}
}
