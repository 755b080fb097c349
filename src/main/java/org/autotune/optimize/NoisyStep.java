package org.autotune.optimize;

import java.util.Arrays;

/**
 * The step rule of local-surrogate descent: a momentum step on a gradient estimate that carries
 * standard errors. Components consistent with zero are shrunk to zero before they move the
 * design, and the step is normalised by one running size for the whole gradient, not one per
 * coordinate. (Adam's per-coordinate normalisation, Kingma and Ba, arXiv:1412.6980, turns a
 * component made of noise alone into a full-size step: with 90 irrelevant parameters of 100 the
 * design then random-walks in all of them.)
 *
 * <p>Shrinkage: each component g with standard error σ becomes g·max(0, 1 − (tσ/g)²), so a
 * component below t standard errors is zero, one at 2t keeps ¾ of its size, and a clearly
 * significant one is kept whole (a smooth version of a t-test per component).
 */
final class NoisyStep {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-12;

    private final double[] moment;
    private double squares;
    private int steps;

    NoisyStep(int n) {
        this.moment = new double[n];
    }

    /** The gradient with every component shrunk towards zero by its significance (t standard errors). */
    static double[] shrink(double[] g, double[] se, double t) {
        double[] out = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            double z = Math.abs(g[i]) / (t * se[i]);
            out[i] = z > 1 ? g[i] * (1 - 1 / (z * z)) : 0;   // NaN-safe: a NaN z gives 0
        }
        return out;
    }

    /** True when some component survived the shrinkage. */
    static boolean significant(double[] shrunk) {
        for (double x : shrunk) {
            if (x != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The step (to add to the design) for a shrunk gradient: momentum over iterations, divided by
     * the running root-mean-square size of a component, times {@code rate}; each component clipped
     * to ±{@code limit}.
     */
    double[] next(double[] shrunk, double rate, double limit) {
        steps++;
        double meanSquare = 0;
        for (int i = 0; i < shrunk.length; i++) {
            moment[i] = BETA1 * moment[i] + (1 - BETA1) * shrunk[i];
            meanSquare += shrunk[i] * shrunk[i] / shrunk.length;
        }
        squares = BETA2 * squares + (1 - BETA2) * meanSquare;
        double norm = Math.sqrt(squares / (1 - Math.pow(BETA2, steps))) + EPSILON;
        double bias = 1 - Math.pow(BETA1, steps);
        double[] s = new double[shrunk.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.max(-limit, Math.min(limit, -rate * moment[i] / bias / norm));
        }
        return s;
    }

    /** Forgets the momentum (after an undone step or a restart); the running size stays. */
    void reset() {
        Arrays.fill(moment, 0);
    }

    /**
     * Forgets the momentum and the running size (when the box narrows: the gradients of a wide
     * box, far from the minimum, are much larger and would make every later step tiny).
     */
    void restart() {
        reset();
        squares = 0;
        steps = 0;
    }
}
