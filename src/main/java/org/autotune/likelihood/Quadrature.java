package org.autotune.likelihood;

import java.util.Arrays;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Weighted points x_i, w_i over the observable space such that Σ_i w_i g(x_i) ≈ ∫ g(x) dx over
 * the analysis region: what {@link ExpectedFisher} integrates with.
 *
 * <p>Two kinds:
 * <ul>
 *   <li>{@link #gaussLegendre}: a tensor product of composite Gauss–Legendre rules on a box, each
 *       axis cut into equal panels with the same number of nodes per panel. Deterministic and,
 *       for smooth rates, accurate to many digits once a panel is no wider than about two
 *       widths of the narrowest feature. An unbounded observable must be cut at a finite edge;
 *       whatever rate lies beyond the box is dropped, so put the edges ≥ 10 widths out. Cost is
 *       the product of the nodes per axis: practical up to 3–4 observables.</li>
 *   <li>{@link #importance}: a Monte Carlo sample x_i drawn (seeded, by the caller) from a
 *       proposal density q, weighted w_i = 1 / (n q(x_i)). Any dimension; the error falls as
 *       1/√n and depends on how closely q follows the integrand.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; grid points are computed on demand, not stored.
 */
public final class Quadrature {
    private final double[][] axisNodes;   // tensor grid: nodes per axis; null for a sample
    private final double[][] axisWeights;
    private final double[][] points;      // explicit points; null for a grid
    private final double[] weights;
    private final int size;

    private Quadrature(double[][] axisNodes, double[][] axisWeights, double[][] points,
            double[] weights) {
        this.axisNodes = axisNodes;
        this.axisWeights = axisWeights;
        this.points = points;
        this.weights = weights;
        if (points != null) {
            size = points.length;
        } else {
            long n = 1;
            for (var a : axisNodes) {
                n *= a.length;
            }
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(("grid of %d points is too large; fix: fewer "
                    + "panels or nodes, or use importance sampling").formatted(n));
            }
            size = (int) n;
        }
    }

    /**
     * Composite Gauss–Legendre on the box [lower, upper] (one entry per observable): axis a is
     * cut into {@code panels[a]} equal panels with {@code nodes} Gauss–Legendre nodes each.
     */
    public static Quadrature gaussLegendre(double[] lower, double[] upper, int[] panels,
            int nodes) {
        if (lower.length != upper.length || lower.length != panels.length || lower.length == 0) {
            throw new IllegalArgumentException(("lower (%d), upper (%d) and panels (%d) need one "
                + "entry per observable").formatted(lower.length, upper.length, panels.length));
        }
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes per panel " + nodes + " must be ≥ 1");
        }
        var factory = new GaussIntegratorFactory();
        var axisNodes = new double[lower.length][];
        var axisWeights = new double[lower.length][];
        for (int a = 0; a < lower.length; a++) {
            if (!(lower[a] < upper[a]) || !Double.isFinite(upper[a] - lower[a])) {
                throw new IllegalArgumentException(("axis %d: [%s, %s] must be finite and "
                    + "non-empty; fix: cut an unbounded observable ≥ 10 widths out")
                    .formatted(a, lower[a], upper[a]));
            }
            if (panels[a] < 1) {
                throw new IllegalArgumentException("axis %d: panels %d must be ≥ 1".formatted(a, panels[a]));
            }
            axisNodes[a] = new double[panels[a] * nodes];
            axisWeights[a] = new double[panels[a] * nodes];
            double width = (upper[a] - lower[a]) / panels[a];
            for (int p = 0; p < panels[a]; p++) {
                double from = lower[a] + p * width;
                var rule = factory.legendre(nodes, from, from + width);
                for (int i = 0; i < nodes; i++) {
                    axisNodes[a][p * nodes + i] = rule.getPoint(i);
                    axisWeights[a][p * nodes + i] = rule.getWeight(i);
                }
            }
        }
        return new Quadrature(axisNodes, axisWeights, null, null);
    }

    /**
     * A Monte Carlo sample: {@code draws[i]} drawn from a proposal whose (normalised) density at
     * it is {@code proposalDensity[i]} > 0; weights 1 / (n q(x_i)). Rows are copied.
     */
    public static Quadrature importance(double[][] draws, double[] proposalDensity) {
        if (draws.length != proposalDensity.length || draws.length == 0) {
            throw new IllegalArgumentException(("got %d draws and %d densities; fix: one density "
                + "per draw, at least one draw").formatted(draws.length, proposalDensity.length));
        }
        var weights = new double[draws.length];
        for (int i = 0; i < draws.length; i++) {
            if (!(proposalDensity[i] > 0) || Double.isInfinite(proposalDensity[i])) {
                throw new IllegalArgumentException(("proposal density %s at draw %d must be positive "
                    + "and finite; fix: draw only where q > 0").formatted(proposalDensity[i], i));
            }
            weights[i] = 1 / (draws.length * proposalDensity[i]);
        }
        var rows = Arrays.stream(draws).map(double[]::clone).toArray(double[][]::new);
        return new Quadrature(null, null, rows, weights);
    }

    /** How many points. */
    public int size() {
        return size;
    }

    /** Point i (a fresh array). */
    public double[] point(int i) {
        if (points != null) {
            return points[i].clone();
        }
        var x = new double[axisNodes.length];
        for (int a = axisNodes.length - 1; a >= 0; a--) { // mixed radix, last axis fastest
            int n = axisNodes[a].length;
            x[a] = axisNodes[a][i % n];
            i /= n;
        }
        return x;
    }

    /** Weight of point i. */
    public double weight(int i) {
        if (weights != null) {
            return weights[i];
        }
        double w = 1;
        for (int a = axisNodes.length - 1; a >= 0; a--) {
            int n = axisNodes[a].length;
            w *= axisWeights[a][i % n];
            i /= n;
        }
        return w;
    }
}
