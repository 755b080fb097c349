package org.autotune.likelihood;

import java.util.Arrays;

/**
 * The observed events of one dataset (one run, one detector, one science period): each event
 * has the same number of observables. Stored in columns (one {@code double[]} per observable,
 * 8 bytes per observable and event); give it rows ({@link #Dataset(String, double[][])}) or
 * columns ({@link #ofColumns}). An empty dataset is allowed (it still contributes μ(θ) to −ln L).
 * Immutable.
 */
public final class Dataset {
    private final String name;
    private final double[][] columns;
    private final int size;

    /** A dataset from rows: {@code events[i]} holds event i's observables (copied). */
    public Dataset(String name, double[][] events) {
        this(name, toColumns(name, events), events.length);
    }

    private Dataset(String name, double[][] columns, int size) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a dataset needs a name; fix: pass e.g. \"run1\"");
        }
        for (var c : columns) {
            if (c.length != size) {
                throw new IllegalArgumentException(
                    "dataset %s: columns have different lengths (%d and %d); fix: one value per event in each column"
                        .formatted(name, c.length, size));
            }
        }
        this.name = name;
        this.columns = columns;
        this.size = size;
    }

    /** A dataset from columns: {@code columns[k][i]} is observable k of event i (copied). */
    public static Dataset ofColumns(String name, double[]... columns) {
        int size = columns.length == 0 ? 0 : columns[0].length;
        return new Dataset(name, Arrays.stream(columns).map(double[]::clone).toArray(double[][]::new), size);
    }

    /** The dataset's name. */
    public String name() {
        return name;
    }

    /** The events as rows (a copy). */
    public double[][] events() {
        var rows = new double[size][columns.length];
        for (int k = 0; k < columns.length; k++) {
            for (int i = 0; i < size; i++) {
                rows[i][k] = columns[k][i];
            }
        }
        return rows;
    }

    /** The number of events. */
    public int size() {
        return size;
    }

    /** The number of observables per event. */
    public int width() {
        return columns.length;
    }

    double[][] columnsShared() {
        return columns;
    }

    private static double[][] toColumns(String name, double[][] events) {
        int width = events.length == 0 ? 0 : events[0].length;
        var columns = new double[width][events.length];
        for (int i = 0; i < events.length; i++) {
            if (events[i].length != width) {
                throw new IllegalArgumentException(
                    "dataset %s: events have different numbers of observables; fix: one column per observable"
                        .formatted(name));
            }
            for (int k = 0; k < width; k++) {
                columns[k][i] = events[i][k];
            }
        }
        return columns;
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + size + " events × " + columns.length + " observables]";
    }
}
