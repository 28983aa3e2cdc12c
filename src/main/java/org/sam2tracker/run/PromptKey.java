package org.sam2tracker.run;

import java.util.Comparator;

/**
 * Which object a prompt is for, and where: the position along the tracked axis and the plane across it, both
 * 1-based as in ImageJ. Everything given for one key is one prompt. Keys order by plane, then position, then
 * object, which is the order a run visits them in.
 */
public record PromptKey(int objectId, int position, int plane) implements Comparable<PromptKey> {

	private static final Comparator<PromptKey> ORDER = Comparator.comparingInt(PromptKey::plane).thenComparingInt(
		PromptKey::position).thenComparingInt(PromptKey::objectId);

	@Override
	public int compareTo(final PromptKey other) {
		return ORDER.compare(this, other);
	}
}
