package org.sam2tracker.results;

import java.util.List;

/** A numeric table: named columns, one array of values per row. */
public record Table(List<String> columns, List<double[]> rows) {

	public Table {
		columns = List.copyOf(columns);
		rows = List.copyOf(rows);
		for (final double[] row : rows) {
			if (row.length != columns.size()) throw new IllegalArgumentException("a row of " + row.length +
				" values in a table of " + columns.size() + " columns");
		}
	}

	public int column(final String name) {
		final int i = columns.indexOf(name);
		if (i < 0) throw new IllegalArgumentException("no column " + name + " in " + columns);
		return i;
	}

	public double value(final int row, final String column) {
		return rows.get(row)[column(column)];
	}
}
