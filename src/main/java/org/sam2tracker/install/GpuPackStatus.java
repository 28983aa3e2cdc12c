package org.sam2tracker.install;

import java.util.List;

/** Whether a GPU pack is there, and what is wrong with it when it is damaged: one line per file, for the user. */
public record GpuPackStatus(State state, List<String> problems) {

	public enum State {
		INSTALLED,
		MISSING,
		DAMAGED
	}

	public GpuPackStatus {
		problems = List.copyOf(problems);
	}

	public boolean installed() {
		return state == State.INSTALLED;
	}
}
