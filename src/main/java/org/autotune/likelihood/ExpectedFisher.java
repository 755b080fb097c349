package org.autotune.likelihood;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
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
 * order-1 {@link DerivativeStructure}s: n+1 numbers per operation for n free parameters.
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
        var theta = model.variables(values, free);
        int n = free.size();
        int chunks = (quadrature.size() + Likelihood.CHUNK - 1) / Likelihood.CHUNK;
        var parts = IntStream.range(0, chunks).parallel()
            .mapToObj(c -> model.chunkInformation(c, theta, n, quadrature))
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
        private final List<Source> sources;
        private final Likelihood layout;
        private final int[][] sourceParams;
        private final int[] multipliers;

        AsimovModel(Map<String, Source> sources, List<Constraint> constraints) {
            var builder = Likelihood.builder();
            sources.forEach(builder::source);
            constraints.forEach(builder::constraint);
            layout = builder.dataset(new Dataset("asimov", new double[0][])).build();
            this.sources = List.copyOf(sources.values());
            sourceParams = this.sources.stream()
                .map(s -> s.parameters().stream().mapToInt(p -> layout.indexOf(p.name())).toArray())
                .toArray(int[][]::new);
            multipliers = sources.keySet().stream()
                .mapToInt(name -> layout.indexOf(Likelihood.multiplierName(name))).toArray();
        }

        DerivativeStructure[] variables(Map<String, Double> values, List<String> free) {
            var v = layout.defaults();
            values.forEach((name, x) -> v[layout.indexOf(name)] = x);
            var factory = new DSFactory(free.size(), 1);
            var theta = new DerivativeStructure[v.length];
            for (int k = 0; k < v.length; k++) {
                theta[k] = factory.constant(v[k]);
            }
            for (int f = 0; f < free.size(); f++) {
                if (free.indexOf(free.get(f)) != f) {
                    throw new IllegalArgumentException("parameter " + free.get(f) + " is listed twice as free");
                }
                int k = layout.indexOf(free.get(f));
                theta[k] = factory.variable(f, v[k]);
            }
            return theta;
        }

        /** Σ w_i ∂λ ∂λ / λ over the points of one chunk. */
        double[][] chunkInformation(int chunk, DerivativeStructure[] theta, int n, Quadrature q) {
            int from = chunk * Likelihood.CHUNK;
            int to = Math.min(q.size(), from + Likelihood.CHUNK);
            var batch = new double[to - from][];
            for (int i = from; i < to; i++) {
                batch[i - from] = q.point(i);
            }
            var rates = new DerivativeStructure[sources.size()][];
            for (int j = 0; j < sources.size(); j++) {
                var own = new DerivativeStructure[sourceParams[j].length];
                for (int p = 0; p < own.length; p++) {
                    own[p] = theta[sourceParams[j][p]];
                }
                rates[j] = sources.get(j).differentialRates(own, batch);
            }
            var info = new double[n][n];
            var gradient = new double[n];
            var at = firstOrderIndices(theta[0].getFactory(), n);
            for (int i = 0; i < batch.length; i++) {
                double lambda = intensity(theta, rates, i, at, gradient);
                double w = q.weight(from + i);
                if (!(lambda > 0)) {
                    checkEmpty(lambda, gradient, batch[i]);
                    continue;
                }
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        info[a][b] += w * gradient[a] * gradient[b] / lambda;
                    }
                }
            }
            return info;
        }

        /** λ at point i, its gradient into {@code gradient}. */
        private double intensity(DerivativeStructure[] theta, DerivativeStructure[][] rates, int i,
                int[] at, double[] gradient) {
            int n = gradient.length;
            double lambda = 0;
            Arrays.fill(gradient, 0);
            for (int j = 0; j < rates.length; j++) {
                var m = theta[multipliers[j]];
                var r = rates[j][i];
                // A source without parameters may answer in any factory: then R is a constant.
                var all = r.getFreeParameters() == n && r.getOrder() == 1 ? r.getAllDerivatives() : null;
                var dm = m.getAllDerivatives();
                double rv = r.getValue();
                lambda += m.getValue() * rv;
                for (int a = 0; a < n; a++) { // ∂(m R) = ∂m R + m ∂R
                    double dr = all == null ? 0 : all[at[a]];
                    gradient[a] += dm[at[a]] * rv + m.getValue() * dr;
                }
            }
            return lambda;
        }

        /** Where ∂/∂θ_a sits in getAllDerivatives() of this factory's structures. */
        private static int[] firstOrderIndices(DSFactory factory, int n) {
            var at = new int[n];
            for (int a = 0; a < n; a++) {
                var orders = new int[n];
                orders[a] = 1;
                at[a] = factory.getCompiler().getPartialDerivativeIndex(orders);
            }
            return at;
        }

        private static void checkEmpty(double lambda, double[] gradient, double[] x) {
            for (double g : gradient) {
                if (g != 0) {
                    throw new IllegalStateException(("total rate %s ≤ 0 with a non-zero gradient "
                        + "at %s: the model is not a valid intensity there; fix: the sources' "
                        + "rates or the parameter values").formatted(lambda, Arrays.toString(x)));
                }
            }
        }
    }
}
