package org.autotune.metric;

/**
 * The spread of a χ²-type score, for its standard error: a non-central χ² with k degrees of
 * freedom and non-centrality λ has variance 2(k + 2λ); λ is estimated by max(0, value − k).
 */
final class ChiSquareSpread {
    private ChiSquareSpread() {
    }

    static double of(double value, int k) {
        return Math.sqrt(2.0 * (k + 2.0 * Math.max(0, value - k)));
    }
}
