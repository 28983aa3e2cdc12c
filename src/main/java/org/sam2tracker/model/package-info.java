/**
 * SAM 2.1 on ONNX Runtime: a bundle's manifest and the checks that its graphs are present, intact and of the
 * declared contract ({@link org.sam2tracker.model.ModelBundle}, {@link org.sam2tracker.model.GraphContract}),
 * checkpoints and weights ({@link org.sam2tracker.model.SafetensorsFile},
 * {@link org.sam2tracker.model.CheckpointWeights}), where bundles live ({@link org.sam2tracker.model.ModelRegistry}),
 * sessions and devices ({@link org.sam2tracker.model.SessionFactory}), and {@link org.sam2tracker.model.Sam2Model},
 * whose methods are one graph call each on flat arrays. The bf16 precision computes the image encoder and the
 * memory attention from the same checkpoint in oneDNN instead ({@link org.sam2tracker.model.OneDnnImageEncoder},
 * {@link org.sam2tracker.model.OneDnnMemoryAttention}, both on {@link org.sam2tracker.model.OneDnn}), where the
 * CPU has bfloat16 matrix units, each checked against its graph when the model opens.
 * <p>
 * It is the bottom layer: it imports nothing else of the project, and no ImageJ, SciJava or picocli. A change to
 * the bundle format or to how a graph is called goes here; the video bookkeeping on top of the calls belongs
 * to {@code track}.
 */
package org.sam2tracker.model;
