package org.sam2tracker.model;

import java.util.List;

/**
 * A graph input or output as the manifest declares it. Each dimension is either a fixed size (an
 * {@link Integer}) or the name of a dynamic axis (a {@link String} such as "objects").
 */
public record TensorSpec(String name, String dtype, List<Object> shape) {

	public TensorSpec {
		shape = List.copyOf(shape);
	}

	/** The fixed size of dimension {@code i}, or -1 when that dimension is dynamic. */
	public long fixedSize(final int i) {
		return shape.get(i) instanceof Integer size ? size : -1;
	}

	public int rank() {
		return shape.size();
	}

	@Override
	public String toString() {
		return name + " " + dtype + shape;
	}
}
