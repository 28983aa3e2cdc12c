package org.sam2tracker.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.util.List;
import java.util.Map;

/**
 * Checks that a graph, as ONNX Runtime loaded it, has exactly the inputs and outputs its manifest declares:
 * the same names, element types, ranks and fixed dimensions. A bundle whose graphs were swapped or edited
 * fails here with a message naming the tensor, instead of failing later inside a run.
 */
public final class GraphContract {

	private GraphContract() {}

	public static void verify(final GraphSpec spec, final OrtSession session) throws BundleException {
		try {
			compare(spec, "input", spec.inputs(), session.getInputInfo());
			compare(spec, "output", spec.outputs(), session.getOutputInfo());
		}
		catch (final OrtException e) {
			throw new BundleException("Cannot inspect graph " + spec.file() + ": " + e.getMessage(), e);
		}
	}

	private static void compare(final GraphSpec graph, final String kind, final List<TensorSpec> expected,
		final Map<String, NodeInfo> actual) throws BundleException
	{
		for (final TensorSpec tensor : expected) {
			final NodeInfo info = actual.get(tensor.name());
			if (info == null) {
				throw mismatch(graph, "it has no " + kind + " '" + tensor.name() + "' (it has " + actual.keySet() + ")");
			}
			if (!(info.getInfo() instanceof TensorInfo t)) {
				throw mismatch(graph, "its " + kind + " '" + tensor.name() + "' is not a tensor");
			}
			final String type = dtype(t.type);
			if (!type.equals(tensor.dtype())) {
				throw mismatch(graph, "its " + kind + " '" + tensor.name() + "' is " + type + ", the manifest says " +
					tensor.dtype());
			}
			final long[] shape = t.getShape();
			if (shape.length != tensor.rank()) {
				throw mismatch(graph, "its " + kind + " '" + tensor.name() + "' has " + shape.length +
					" dimensions, the manifest says " + tensor.rank());
			}
			for (int i = 0; i < shape.length; i++) {
				final long fixed = tensor.fixedSize(i);
				if (fixed >= 0 && shape[i] != fixed) {
					throw mismatch(graph, "its " + kind + " '" + tensor.name() + "' has size " + shape[i] + " in dimension " +
						i + ", the manifest says " + fixed);
				}
			}
		}
		if (actual.size() != expected.size()) {
			throw mismatch(graph, "it has " + actual.size() + " " + kind + "s " + actual.keySet() +
				", the manifest declares " + expected.size());
		}
	}

	private static String dtype(final OnnxJavaType type) {
		return switch (type) {
			case FLOAT -> "float32";
			case INT32 -> "int32";
			case INT64 -> "int64";
			case DOUBLE -> "float64";
			case UINT8 -> "uint8";
			case INT8 -> "int8";
			case BOOL -> "bool";
			case FLOAT16 -> "float16";
			case BFLOAT16 -> "bfloat16";
			default -> type.name().toLowerCase();
		};
	}

	private static BundleException mismatch(final GraphSpec graph, final String what) {
		return new BundleException("The graph " + graph.file() + " does not match its manifest: " + what +
			". The bundle was changed or made by another exporter; install or export the model again.");
	}
}
