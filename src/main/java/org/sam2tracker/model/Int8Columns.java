package org.sam2tracker.model;

/**
 * A float matrix [K, N] as int8 values with one scale per column, the form an int8 graph's linear layers take
 * their weights in (symmetric, so no zero point): scale = max |column| / 127, or 1 for a column of zeros; value =
 * the nearest whole number to x / scale, halves to even, within [-127, 127]. The exporter quantizes the same way
 * (models/export/sam2_export/quantize.py), so the graphs it checked are the graphs this makes.
 */
public record Int8Columns(byte[] values, float[] scales) {

	/** The checkpoint map's word for a row of int8 values. */
	public static final String VALUES = "int8";
	/** The checkpoint map's word for a row of column scales. */
	public static final String SCALES = "scale";

	/** @param matrix row after row, {@code rows} x {@code columns} */
	public static Int8Columns of(final float[] matrix, final int rows, final int columns) {
		if (matrix.length != (long) rows * columns) {
			throw new IllegalArgumentException(matrix.length + " values are not a " + rows + " x " + columns +
				" matrix");
		}
		final float[] scales = new float[columns];
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < columns; c++) scales[c] = Math.max(scales[c], Math.abs(matrix[r * columns + c]));
		}
		for (int c = 0; c < columns; c++) scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
		final byte[] values = new byte[matrix.length];
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < columns; c++) {
				final double q = Math.rint(matrix[r * columns + c] / scales[c]);
				values[r * columns + c] = (byte) Math.max(-127, Math.min(127, q));
			}
		}
		return new Int8Columns(values, scales);
	}
}
