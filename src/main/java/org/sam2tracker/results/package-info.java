/**
 * What a run measured: {@link org.sam2tracker.results.Spot}s (one object on one plane of the label image),
 * {@link org.sam2tracker.results.Track}s (one object through the run), and their tables with the column names
 * that the Fiji tables and every CSV file share. Plain numbers: no ImageJ and no files.
 * <p>
 * It imports nothing else of the project, and no ImageJ. A new measurement or column goes here, so that the
 * results tables of {@code imagej} and the CSV files of {@code output} both get it; how a table is shown or
 * written belongs to those packages.
 */
package org.sam2tracker.results;
