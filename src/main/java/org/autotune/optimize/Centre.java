package org.autotune.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The sample the bayesian optimizer's model is centred on, kept up to date as results come in so
 * that asking for it costs O(log N): with exact scores the lowest score; with noisy scores the
 * lowest mean score over a sample and its k − 1 nearest neighbours ({@link Nearest}), so that one
 * lucky draw does not pick it. Ties go to the earlier sample. Adding a sample updates the means of
 * the neighbourhoods it joins (O(N·k) to find them, O(k + log N) for each that changed).
 */
final class Centre {
    private final Nearest nearest;
    private final List<Double> values = new ArrayList<>();
    /** With noisy scores: each sample's neighbourhood mean, and the samples ordered by it (ties: index). */
    private double[] means = new double[16];
    private final TreeSet<Integer> byMean = new TreeSet<>((a, b) -> {
        int c = Double.compare(means[a], means[b]);
        return c != 0 ? c : Integer.compare(a, b);
    });
    private int best = -1;

    /** With {@code k > 0}: the mean over each sample's k nearest (itself included); with 0: the sample's own score. */
    Centre(int k) {
        this.nearest = k > 0 ? new Nearest(k) : null;
    }

    /** Adds the next sample: where it is (unit cube) and its score (+∞ for a failed one). */
    void add(double[] unit, double value) {
        int m = values.size();
        values.add(value);
        if (nearest == null) {
            if (best < 0 || value < values.get(best)) {
                best = m;
            }
            return;
        }
        if (m == means.length) {
            means = Arrays.copyOf(means, 2 * m);
        }
        for (int i : nearest.add(unit)) {
            if (i < m) {
                byMean.remove(i);
            }
            means[i] = mean(i);
            byMean.add(i);
        }
    }

    /** The index of the centre sample, or −1 before the first. */
    int index() {
        return nearest == null ? best : byMean.isEmpty() ? -1 : byMean.first();
    }

    /** The mean score over sample i's neighbourhood (-0.0 counted as 0.0, as a comparison with {@code <} does). */
    private double mean(int i) {
        return Arrays.stream(nearest.of(i)).mapToDouble(values::get).average().orElseThrow() + 0.0;
    }
}
