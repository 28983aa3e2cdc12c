package org.sam2tracker.results;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which object each daughter came from: daughter label to parent label (roots have none). A parent's track ends
 * on the frame before its daughters' first.
 */
public record Lineage(Map<Integer, Integer> parents) {

	/** No divisions. */
	public static final Lineage NONE = new Lineage(Map.of());

	public Lineage {
		parents = Map.copyOf(parents);
	}

	/** The object's parent, 0 for a root. */
	public int parent(final int label) {
		return parents.getOrDefault(label, 0);
	}

	/** 0 for an object prompted by the user, 1 for its daughters, and so on. */
	public int generation(final int label) {
		int g = 0;
		for (int l = parent(label); l != 0; l = parent(l)) g++;
		return g;
	}

	/** The divisions in label order: parent to its daughters. */
	public Map<Integer, java.util.List<Integer>> children() {
		final Map<Integer, java.util.List<Integer>> out = new TreeMap<>();
		new TreeMap<>(parents).forEach((child, parent) -> out.computeIfAbsent(parent, p -> new java.util.ArrayList<>())
			.add(child));
		return out;
	}
}
