package org.autotune.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The design-optimisation problem families of {@code bench/design-problems}: a noisy simulator
 * whose every draw scatters around an expected score g(ψ), ψ ∈ [−5, 5]^n, and one sample averages
 * a number of draws. Each family has two instances, so a default is judged on one it was not
 * tuned on.
 *
 * <ul>
 * <li>{@code rosenbrock-10}: the L-GSO paper's stochastic Rosenbrock (see {@link
 *     StochasticRosenbrockBench}), start ψ = 2 (g = 46).
 * <li>{@code embedded-100} / {@code embedded-100b}: the same 10-D Rosenbrock of x = Aψ, ψ ∈ R^100,
 *     A a random 10 × 100 matrix with orthonormal rows (seed 1 or 2): 90 directions do not matter.
 *     Start ψ = Aᵀ(2, …, 2) (g = 46, as for ψ = 2 in 10-D; inside the cube).
 * <li>{@code camel} / {@code double-well}: 2-D, start beside a shallow local minimum, a deeper
 *     one behind a barrier. Three-hump camel 2x² − 1.05x⁴ + x⁶/6 + xy + y² (global 0 at the
 *     origin, local 0.299 at ±(1.748, −0.874), saddle 0.877) from (2, −1); tilted double well
 *     (x² − 1)² + 0.3x + y²/2 (global −0.31 at x = −1.04, local 0.29 at x = 0.96, barrier 1 at
 *     x = 0.07) from (1.2, 0.5). Draws scatter by N(0, 1).
 * </ul>
 *
 * @param name      how the bench names it
 * @param dimension n
 * @param start     the start design ψ
 * @param g         the expected score of a design
 * @param lgsoNoise true: the L-GSO simulator's noise (x ~ U(−10, 10), l ~ N(x, 1), y ~ N(l + g,
 *                  0.1 + 0.5|l|), σ ≈ 6.6 per draw); false: y ~ N(g, 1)
 * @param budget    the draws per run
 * @param global    for the 2-D problems, the global minimum (null otherwise)
 * @param local     for the 2-D problems, the shallow local minimum (null otherwise)
 */
record DesignProblems(String name, int dimension, double[] start, ToDoubleFunction<double[]> g, boolean lgsoNoise,
                      long budget, double[] global, double[] local) {
    static final double LOWER = -5;
    static final double UPPER = 5;

    static DesignProblems of(String name) {
        return switch (name) {
            case "rosenbrock-10" -> new DesignProblems(name, 10, filled(10, 2), StochasticRosenbrockBench::g, true,
                3_000_000, null, null);
            case "embedded-100" -> embedded(name, 1);
            case "embedded-100b" -> embedded(name, 2);
            case "camel" -> new DesignProblems(name, 2, new double[] {2, -1}, DesignProblems::camel, false, 200_000,
                new double[] {0, 0}, new double[] {1.7476, -0.8738});
            case "double-well" -> new DesignProblems(name, 2, new double[] {1.2, 0.5}, DesignProblems::doubleWell,
                false, 200_000, new double[] {-1.0356, 0}, new double[] {0.9611, 0});
            default -> throw new IllegalArgumentException("unknown problem " + name + "; known: rosenbrock-10, "
                + "embedded-100, embedded-100b, camel, double-well");
        };
    }

    /** True for the 2-D problems: success is ending in the global basin. */
    boolean multimodal() {
        return global != null;
    }

    /** For the 2-D problems: the design is nearer the global minimum than the local one. */
    boolean inGlobalBasin(double[] psi) {
        return distance(psi, global) < distance(psi, local);
    }

    /** One sample: the mean of {@code draws} draws of the simulator at ψ. */
    double sample(double[] psi, int draws, SplittableRandom rng) {
        double mean = g.applyAsDouble(psi);
        double sum = 0;
        for (int k = 0; k < draws; k++) {
            if (lgsoNoise) {
                double x = -10 + 20 * rng.nextDouble();
                double l = x + rng.nextGaussian();
                sum += l + mean + (0.1 + 0.5 * Math.abs(l)) * rng.nextGaussian();
            } else {
                sum += mean + rng.nextGaussian();
            }
        }
        return sum / draws;
    }

    static double camel(double[] p) {
        double x = p[0];
        double y = p[1];
        return 2 * x * x - 1.05 * Math.pow(x, 4) + Math.pow(x, 6) / 6 + x * y + y * y;
    }

    static double doubleWell(double[] p) {
        double x = p[0];
        return (x * x - 1) * (x * x - 1) + 0.3 * x + 0.5 * p[1] * p[1];
    }

    /** Rosenbrock of Aψ with A's rows orthonormal (Gram-Schmidt on Gaussian rows, seeded). */
    private static DesignProblems embedded(String name, long seed) {
        int n = 100;
        int k = 10;
        var rng = new SplittableRandom(seed * 7919);
        double[][] a = new double[k][n];
        for (int r = 0; r < k; r++) {
            for (int i = 0; i < n; i++) {
                a[r][i] = rng.nextGaussian();
            }
            for (int q = 0; q < r; q++) {
                double dot = dot(a[r], a[q]);
                for (int i = 0; i < n; i++) {
                    a[r][i] -= dot * a[q][i];
                }
            }
            double norm = Math.sqrt(dot(a[r], a[r]));
            for (int i = 0; i < n; i++) {
                a[r][i] /= norm;
            }
        }
        double[] start = new double[n];
        for (int r = 0; r < k; r++) {
            for (int i = 0; i < n; i++) {
                start[i] += 2 * a[r][i];
            }
        }
        ToDoubleFunction<double[]> g = psi -> {
            double[] x = new double[k];
            for (int r = 0; r < k; r++) {
                x[r] = dot(a[r], psi);
            }
            return StochasticRosenbrockBench.g(x);
        };
        return new DesignProblems(name, n, start, g, true, 3_000_000, null, null);
    }

    private static double[] filled(int n, double v) {
        double[] x = new double[n];
        Arrays.fill(x, v);
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
