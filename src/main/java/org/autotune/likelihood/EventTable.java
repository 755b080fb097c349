package org.autotune.likelihood;

import java.util.Arrays;

/**
 * A dataset's distinct events in fixed batches of columns, with how often each occurs: what the
 * likelihood evaluates. Identical events (equal bits in every observable, as in
 * {@link UniqueGather}) are merged in first-seen order with an open-addressing hash over the
 * columns: no object per event. Immutable.
 */
final class EventTable {
    private final EventColumns[] batches;
    private final double[][] weights;
    private final int distinct;

    private EventTable(EventColumns[] batches, double[][] weights, int distinct) {
        this.batches = batches;
        this.weights = weights;
        this.distinct = distinct;
    }

    /** The distinct events of these columns, cut into batches of {@code batchSize}. */
    static EventTable of(double[][] columns, int size, int batchSize) {
        int width = columns.length;
        var slots = new int[Integer.highestOneBit(Math.max(1, size) * 2 - 1) * 2];
        Arrays.fill(slots, -1);
        var first = new int[size];    // row of each distinct event
        var count = new int[size];
        int distinct = 0;
        int mask = slots.length - 1;
        for (int i = 0; i < size; i++) {
            int s = hash(columns, i) & mask;
            while (slots[s] >= 0 && !same(columns, first[slots[s]], i)) {
                s = (s + 1) & mask;
            }
            if (slots[s] < 0) {
                slots[s] = distinct;
                first[distinct++] = i;
            }
            count[slots[s]]++;
        }
        int n = (distinct + batchSize - 1) / batchSize;
        var batches = new EventColumns[n];
        var weights = new double[n][];
        for (int b = 0; b < n; b++) {
            int from = b * batchSize;
            int len = Math.min(distinct, from + batchSize) - from;
            var cols = new double[width][len];
            var w = new double[len];
            boolean repeats = false;
            for (int u = 0; u < len; u++) {
                int row = first[from + u];
                for (int k = 0; k < width; k++) {
                    cols[k][u] = columns[k][row];
                }
                w[u] = count[from + u];
                repeats |= count[from + u] != 1;
            }
            weights[b] = repeats ? w : null; // no repeats: weight 1 everywhere, not stored
            batches[b] = new EventColumns(cols, len);
        }
        return new EventTable(batches, weights, distinct);
    }

    int batchCount() {
        return batches.length;
    }

    EventColumns batch(int b) {
        return batches[b];
    }

    /** How many events each distinct event of batch b stands for; null when each stands for one. */
    double[] weights(int b) {
        return weights[b];
    }

    int distinct() {
        return distinct;
    }

    private static int hash(double[][] columns, int i) {
        long h = 1;
        for (var c : columns) {
            h = 31 * h + Double.doubleToLongBits(c[i]);
        }
        long x = h * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32));
    }

    private static boolean same(double[][] columns, int i, int j) {
        for (var c : columns) {
            if (Double.doubleToLongBits(c[i]) != Double.doubleToLongBits(c[j])) {
                return false;
            }
        }
        return true;
    }
}
