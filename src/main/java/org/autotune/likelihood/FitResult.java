package org.autotune.likelihood;

import java.util.List;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * The minimum of −ln L: all parameter values, and for the free parameters the covariance
 * (inverse Hessian of −ln L, symmetrised), uncertainties and correlations. The uncertainties are
 * the usual asymptotic ones (2Δ(−ln L) = 1 for one parameter, Cramér–Rao); use
 * {@link ProfileLikelihood} where the likelihood is not parabolic. {@code pinned} marks free
 * parameters that ended at a bound with the gradient pushing outwards: their uncertainties come
 * from the curvature at the bound and understate the one-sided reality.
 */
public record FitResult(List<String> free, double[] values, double negLogLikelihood,
        double[] errors, double[][] covariance, double[][] correlation, int iterations,
        boolean converged, boolean[] pinned) {

    public FitResult {
        free = List.copyOf(free);
        values = values.clone();
        errors = errors.clone();
        covariance = copy(covariance);
        correlation = copy(correlation);
        pinned = pinned.clone();
    }

    static FitResult of(List<String> free, double[] values, NegLogLikelihood e, int iterations,
            boolean converged, boolean[] pinned) {
        int n = free.size();
        var cov = new double[n][n];
        var err = new double[n];
        var cor = new double[n][n];
        if (n > 0) {
            var solver = new LUDecomposition(MatrixUtils.createRealMatrix(e.hessian())).getSolver();
            if (!solver.isNonSingular()) {
                throw new IllegalStateException("the Hessian of -ln L over %s is singular at the minimum; "
                    .formatted(free) + "fix: fix or constrain one of the parameters the data cannot separate");
            }
            var inv = solver.getInverse().getData();
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    cov[a][b] = 0.5 * (inv[a][b] + inv[b][a]);
                }
            }
            for (int a = 0; a < n; a++) {
                if (!(cov[a][a] > 0)) {
                    throw new IllegalStateException(("the Hessian of -ln L is not positive definite at the "
                        + "minimum (variance of %s is %s); fix: check that %s is constrained by the data")
                        .formatted(free.get(a), cov[a][a], free.get(a)));
                }
                err[a] = Math.sqrt(cov[a][a]);
            }
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    cor[a][b] = a == b ? 1 : cov[a][b] / (err[a] * err[b]);
                }
            }
        }
        return new FitResult(free, values, e.value(), err, cov, cor, iterations, converged, pinned);
    }

    /** The best value of parameter {@code name} (in the likelihood's parameter order). */
    public double value(Likelihood likelihood, String name) {
        return values[likelihood.indexOf(name)];
    }

    /** The uncertainty of free parameter {@code name}. */
    public double error(String name) {
        return errors[freeIndex(name)];
    }

    /** The correlation of free parameters {@code a} and {@code b}. */
    public double correlation(String a, String b) {
        return correlation[freeIndex(a)][freeIndex(b)];
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[] errors() {
        return errors.clone();
    }

    @Override
    public double[][] covariance() {
        return copy(covariance);
    }

    @Override
    public double[][] correlation() {
        return copy(correlation);
    }

    @Override
    public boolean[] pinned() {
        return pinned.clone();
    }

    private int freeIndex(String name) {
        int k = free.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("%s was not free in this fit; fix: use one of %s"
                .formatted(name, free));
        }
        return k;
    }

    private static double[][] copy(double[][] m) {
        var c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
