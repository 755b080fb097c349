package org.autotune.likelihood;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * The expected (Asimov) Fisher information of an extended unbinned likelihood, and the
 * uncertainties it predicts: what a design optimisation minimises before any data exist.
 *
 * <p>For total intensity λ(θ, x) = Σ_j m_j R_j(θ, x) with μ(θ) = ∫ λ dx, the expectation of the
 * Hessian of −ln L over datasets drawn from the model at θ is
 * <pre>
 *   I_kl = E[∂_k ∂_l (−ln L)] = ∫ ∂_k λ ∂_l λ / λ dx  + Σ_constraints δ_kl / σ_k²
 * </pre>
 * (the ∂²μ term cancels against ∫ ∂²λ dx; Barlow, "Extended maximum likelihood", NIM A297
 * (1990) 496). Only first derivatives of the rates are needed, so the sources are evaluated on
 * order-1 {@link Duals}: n+1 arrays per operation for n free parameters.
 *
 * <p>The integral is a {@link Quadrature} sum Σ_i w_i ∂λ ∂λ / λ (x_i), evaluated in fixed chunks
 * on the common fork-join pool and added in chunk order, so the result does not depend on the
 * thread count. Points where λ = 0 and its gradient is 0 (underflow in far tails) contribute 0;
 * λ ≤ 0 with a non-zero gradient is outside the model and throws. The accuracy is that of the
 * quadrature: on the 3-observable INFERNO mixture a Gauss–Legendre grid of 48×48×32 panels with 3
 * nodes each (2.0 M points, about 1 s on 2 cores) agrees with 4 nodes per panel to 6e-5 relative
 * in σ, and with 2 nodes to 5e-4 (see {@code ExpectedFisherTest}).
 *
 * <p>σ_poi with the other free parameters profiled is √(I⁻¹)_poi,poi ({@link #sigma}); with them
 * fixed at their values it is 1/√I_poi,poi ({@link #sigmaFixed}). These are the Cramér–Rao
 * bounds, reached by the maximum-likelihood fit for large expected counts. Immutable.
 */
public final class ExpectedFisher {
    private final List<String> free;
    private final double[][] matrix;

    private ExpectedFisher(List<String> free, double[][] matrix) {
        this.free = List.copyOf(free);
        this.matrix = matrix;
    }

    /**
     * The expected Fisher information with respect to {@code free} for these sources (by name,
     * as in {@link Likelihood.Builder#source}; each gets a {@code <name>_rate_multiplier}) and
     * constraints, at {@code values}: parameters not listed there take their defaults.
     */
    public static ExpectedFisher of(Map<String, Source> sources, List<Constraint> constraints,
            Map<String, Double> values, List<String> free, Quadrature quadrature) {
        var model = new AsimovModel(sources, constraints);
        var theta = model.values(values);
        var freeAt = model.freeAt(free);
        int n = free.size();
        int chunks = (quadrature.size() + Likelihood.CHUNK - 1) / Likelihood.CHUNK;
        var parts = IntStream.range(0, chunks).parallel()
            .mapToObj(c -> Arena.within(Math.min(Likelihood.CHUNK, quadrature.size() - c * Likelihood.CHUNK),
                () -> model.chunkInformation(c, theta, freeAt, n, quadrature)))
            .toArray(double[][][]::new);
        var info = new double[n][n];
        for (var part : parts) { // in chunk order: independent of the thread count
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    info[a][b] += part[a][b];
                }
            }
        }
        for (var c : constraints) {
            int a = free.indexOf(c.parameter());
            if (a >= 0) {
                info[a][a] += 1 / (c.sigma() * c.sigma());
            }
        }
        return new ExpectedFisher(free, info);
    }

    /** The free parameters, in the order of the matrix' rows and columns. */
    public List<String> free() {
        return free;
    }

    /** I_kl over the free parameters (a copy). */
    public double[][] matrix() {
        return copy(matrix);
    }

    /** The expected covariance I⁻¹ of the free parameters. */
    public double[][] covariance() {
        try {
            var inverse = new CholeskyDecomposition(MatrixUtils.createRealMatrix(matrix),
                1e-12, 1e-12).getSolver().getInverse();
            return inverse.getData();
        } catch (MathIllegalArgumentException e) {
            throw new IllegalStateException(("the expected Fisher information of %s is singular "
                + "or not positive definite: the data cannot tell these parameters apart; fix: "
                + "fix or constrain one of them").formatted(free), e);
        }
    }

    /** Expected σ of {@code poi} with every other free parameter profiled: √(I⁻¹)_poi,poi. */
    public double sigma(String poi) {
        int a = position(poi);
        return Math.sqrt(covariance()[a][a]);
    }

    /** Expected σ of {@code poi} with every other parameter fixed: 1/√I_poi,poi. */
    public double sigmaFixed(String poi) {
        int a = position(poi);
        return 1 / Math.sqrt(matrix[a][a]);
    }

    private int position(String poi) {
        int a = free.indexOf(poi);
        if (a < 0) {
            throw new IllegalArgumentException("%s is not a free parameter; fix: use one of %s"
                .formatted(poi, free));
        }
        return a;
    }

    private static double[][] copy(double[][] m) {
        var c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** The sources with their parameters laid out as a {@link Likelihood} lays them out. */
    private static final class AsimovModel {
        private final Likelihood layout;
        private final Intensity intensity;

        AsimovModel(Map<String, Source> sources, List<Constraint> constraints) {
            var builder = Likelihood.builder();
            sources.forEach(builder::source);
            constraints.forEach(builder::constraint);
            layout = builder.dataset(new Dataset("asimov", new double[0][])).build();
            intensity = layout.intensity();
        }

        /** All parameter values: the defaults, overridden by {@code values}. */
        double[] values(Map<String, Double> values) {
            var v = layout.defaults();
            values.forEach((name, x) -> v[layout.indexOf(name)] = x);
            return v;
        }

        /** The free position of each parameter, or −1. */
        int[] freeAt(List<String> free) {
            var at = new int[layout.parameters().size()];
            Arrays.fill(at, -1);
            for (int f = 0; f < free.size(); f++) {
                if (free.indexOf(free.get(f)) != f) {
                    throw new IllegalArgumentException("parameter " + free.get(f) + " is listed twice as free");
                }
                at[layout.indexOf(free.get(f))] = f;
            }
            return at;
        }

        /** Σ w_i ∂λ ∂λ / λ over the points of one chunk. */
        double[][] chunkInformation(int chunk, double[] values, int[] freeAt, int n, Quadrature q) {
            int from = chunk * Likelihood.CHUNK;
            int to = Math.min(q.size(), from + Likelihood.CHUNK);
            var rows = new double[to - from][];
            for (int i = from; i < to; i++) {
                rows[i - from] = q.point(i);
            }
            var batch = EventColumns.ofRows(rows, 0, rows.length);
            var lambda = intensity.evaluate(batch, values, freeAt, n, 1, new double[intensity.sourceCount()][]);
            var v = lambda.value();
            var g = lambda.gradient();
            var w = new double[v.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = q.weight(from + i);
                if (!(v[i] > 0)) {
                    checkEmpty(v[i], g, i, rows[i]);
                    w[i] = 0;
                } else {
                    w[i] /= v[i];
                }
            }
            var info = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    info[a][b] = g[a] == null || g[b] == null ? 0 : dot3(g[a], g[b], w);
                }
            }
            return info;
        }

        private static double dot3(double[] x, double[] y, double[] z) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += x[i] * y[i] * z[i];
            }
            return s;
        }

        private static void checkEmpty(double lambda, double[][] gradient, int i, double[] x) {
            for (var g : gradient) {
                if (g != null && g[i] != 0) {
                    throw new IllegalStateException(("total rate %s ≤ 0 with a non-zero gradient "
                        + "at %s: the model is not a valid intensity there; fix: the sources' "
                        + "rates or the parameter values").formatted(lambda, Arrays.toString(x)));
                }
            }
        }
    }
}
