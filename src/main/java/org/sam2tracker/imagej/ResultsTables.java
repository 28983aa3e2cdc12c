package org.sam2tracker.imagej;

import ij.measure.ResultsTable;

import org.sam2tracker.results.Table;

/** Tables as ImageJ results tables, so macros read them with getResult and the Table functions. */
public final class ResultsTables {

	private ResultsTables() {}

	/** Fills {@code rt} (cleared first) with the table's rows. */
	public static ResultsTable fill(final ResultsTable rt, final Table table) {
		rt.reset();
		rt.showRowNumbers(false);
		for (final double[] row : table.rows()) {
			rt.incrementCounter();
			for (int c = 0; c < row.length; c++) rt.addValue(table.columns().get(c), row[c]);
		}
		for (final String column : table.columns()) {
			final int index = rt.getColumnIndex(column);
			if (index >= 0 && isWholeNumbers(table, column)) rt.setDecimalPlaces(index, 0);
		}
		return rt;
	}

	private static boolean isWholeNumbers(final Table table, final String column) {
		final int c = table.column(column);
		for (final double[] row : table.rows()) {
			if (row[c] != Math.rint(row[c])) return false;
		}
		return true;
	}
}
