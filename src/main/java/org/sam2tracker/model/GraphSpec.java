package org.sam2tracker.model;

import java.util.List;

/** One graph of a bundle: its file, the file's SHA-256 and size, and its tensors. */
public record GraphSpec(String name, String file, String sha256, long bytes, List<TensorSpec> inputs,
	List<TensorSpec> outputs)
{

	public GraphSpec {
		inputs = List.copyOf(inputs);
		outputs = List.copyOf(outputs);
	}
}
