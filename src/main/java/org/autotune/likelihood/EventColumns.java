package org.autotune.likelihood;

/**
 * A batch of events in columns (structure of arrays): {@code column(k)[i]} is observable k of
 * event i. This is what {@link Source#differentialRates} sees; the likelihood cuts each dataset
 * into such batches once, at construction.
 *
 * <p>The columns are shared, not copied, so that a source reads them without allocating: treat
 * them as read-only (writing into one corrupts the likelihood it belongs to).
 */
public final class EventColumns {
    private final double[][] columns;
    private final int size;

    /** Events given as columns, all of the same length (not copied). */
    public EventColumns(double[][] columns, int size) {
        for (int k = 0; k < columns.length; k++) {
            if (columns[k].length != size) {
                throw new IllegalArgumentException("column %d has %d values for %d events"
                    .formatted(k, columns[k].length, size));
            }
        }
        this.columns = columns;
        this.size = size;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of {@code rows}, as columns. */
    public static EventColumns ofRows(double[][] rows, int from, int to) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        var columns = new double[width][to - from];
        for (int i = from; i < to; i++) {
            for (int k = 0; k < width; k++) {
                columns[k][i - from] = rows[i][k];
            }
        }
        return new EventColumns(columns, to - from);
    }

    /** The number of events. */
    public int size() {
        return size;
    }

    /** The number of observables per event. */
    public int width() {
        return columns.length;
    }

    /** Observable k of every event (shared: do not modify). */
    public double[] column(int k) {
        return columns[k];
    }

    /** Event i as a row (a new array; for per-event code). */
    public double[] row(int i) {
        var row = new double[columns.length];
        for (int k = 0; k < row.length; k++) {
            row[k] = columns[k][i];
        }
        return row;
    }
}
