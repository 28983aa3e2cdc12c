/**
 * The Cell Tracking Challenge's measures of a tracking result against a ground truth: DET and TRA (the
 * acyclic-oriented-graph measure, AOGM, with the challenge's weights) and SEG (mean Jaccard index), written from
 * their published definitions (Matula et al. 2015, "Cell Tracking Accuracy Measurement Based on Comparison of
 * Acyclic Oriented Graphs"; the challenge's evaluation methodology). Label frames and track tables in, numbers
 * out: no ImageJ, no files.
 */
package org.sam2tracker.evaluate;
