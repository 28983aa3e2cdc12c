package org.sam2tracker.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sam2tracker.testing.TestData;

/** Every committed graph, loaded by the real ONNX Runtime, has the tensors its manifest declares. */
class GraphContractTest {

	private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

	@Test
	void committedGraphsMatchTheirManifests() throws Exception {
		for (final ModelBundle bundle : List.of(ModelBundle.open(TestData.REFERENCE_BUNDLE),
			ModelBundle.open(TestData.TOY_BUNDLE)))
		{
			for (final String name : BundleManifest.GRAPH_NAMES) {
				try (OrtSession session = session(bundle, name)) {
					GraphContract.verify(bundle.manifest().graph(name), session);
				}
			}
		}
	}

	@Test
	void namesAnInputTheGraphDoesNotHave() throws Exception {
		final ModelBundle bundle = ModelBundle.open(TestData.TOY_BUNDLE);
		final GraphSpec spec = bundle.manifest().graph("memory_encoder");
		final List<TensorSpec> inputs = new ArrayList<>(spec.inputs());
		inputs.set(1, new TensorSpec("mask_logits", "float32", inputs.get(1).shape()));
		final GraphSpec renamed = new GraphSpec(spec.name(), spec.file(), spec.sha256(), spec.bytes(), inputs,
			spec.outputs());
		try (OrtSession session = session(bundle, "memory_encoder")) {
			final BundleException e = assertThrows(BundleException.class, () -> GraphContract.verify(renamed, session));
			assertTrue(e.getMessage().contains("has no input 'mask_logits'"), e.getMessage());
		}
	}

	@Test
	void namesAWrongFixedDimension() throws Exception {
		final ModelBundle bundle = ModelBundle.open(TestData.REFERENCE_BUNDLE);
		final GraphSpec spec = bundle.manifest().graph("image_encoder");
		final TensorSpec pixels = spec.inputs().get(0);
		final GraphSpec resized = new GraphSpec(spec.name(), spec.file(), spec.sha256(), spec.bytes(),
			List.of(new TensorSpec(pixels.name(), pixels.dtype(), List.of(1, 3, 1024, 1024))), spec.outputs());
		try (OrtSession session = session(bundle, "image_encoder")) {
			final BundleException e = assertThrows(BundleException.class, () -> GraphContract.verify(resized, session));
			assertTrue(e.getMessage().contains("'pixel_values' has size 256 in dimension 2"), e.getMessage());
		}
	}

	private static OrtSession session(final ModelBundle bundle, final String graph) throws OrtException {
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			return ENV.createSession(bundle.graphFile(graph).toString(), options);
		}
	}
}
