package org.autotune.optimize;

import java.util.List;
import java.util.Optional;
import org.autotune.model.Frame;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * The weighted least-squares polynomial a local-surrogate iteration steps on, solved through the
 * normal equations (XᵀWX)c = XᵀWy with a Cholesky decomposition. That costs m·p²/2 for m samples
 * and p coefficients, a tenth of an SVD's, which matters with 100 parameters (p = 201 for a
 * diagonal quadratic, a fit per batch). The local coordinates (centred on the box, scaled by its
 * half-width) keep XᵀWX well conditioned; a design that does not determine the basis (samples
 * squeezed against a face of the cube) fails the decomposition and gives no model.
 */
final class LocalFit {
    /** Smallest Cholesky pivot, relative to the largest diagonal entry, for a determined fit. */
    private static final double DETERMINED = 1e-10;

    private final LocalBasis basis;
    private final Frame frame;
    private final double[] coefficients;
    private final RealMatrix inverse;
    private final double variance;
    private final int dof;

    private LocalFit(LocalBasis basis, Frame frame, double[] coefficients, RealMatrix inverse, double variance,
                     int dof) {
        this.basis = basis;
        this.frame = frame;
        this.coefficients = coefficients;
        this.inverse = inverse;
        this.variance = variance;
        this.dof = dof;
    }

    /** The fit of scores y at unit-cube points xs with weights w; empty when the points do not determine it. */
    static Optional<LocalFit> of(LocalBasis basis, Frame frame, List<double[]> xs, double[] y, double[] w) {
        int p = basis.terms();
        int m = xs.size();
        if (m <= p) {
            return Optional.empty();
        }
        double[][] rows = new double[m][];
        double[][] normal = new double[p][p];
        double[] right = new double[p];
        for (int k = 0; k < m; k++) {
            rows[k] = basis.row(frame.local(xs.get(k)));
            double[] r = rows[k];
            for (int i = 0; i < p; i++) {
                double wi = w[k] * r[i];
                right[i] += wi * y[k];
                for (int j = 0; j <= i; j++) {
                    normal[i][j] += wi * r[j];
                }
            }
        }
        double largest = 0;
        for (int i = 0; i < p; i++) {
            largest = Math.max(largest, normal[i][i]);
            for (int j = 0; j < i; j++) {
                normal[j][i] = normal[i][j];
            }
        }
        try {
            var cholesky = new CholeskyDecomposition(new Array2DRowRealMatrix(normal, false), 1e-12,
                DETERMINED * largest);
            var solver = cholesky.getSolver();
            double[] c = solver.solve(new Array2DRowRealMatrix(right)).getColumn(0);
            double chi2 = 0;
            for (int k = 0; k < m; k++) {
                double r = y[k] - dot(c, rows[k]);
                chi2 += w[k] * r * r;
            }
            return Optional.of(new LocalFit(basis, frame, c, solver.getInverse(), chi2 / (m - p), m - p));
        } catch (MathIllegalArgumentException e) {
            return Optional.empty();   // not positive definite: the samples do not determine the basis
        }
    }

    LocalBasis basis() {
        return basis;
    }

    /** The model at unit-cube point u. */
    double value(double[] u) {
        return dot(coefficients, basis.row(frame.local(u)));
    }

    /** The gradient at the box centre, per unit-cube coordinate. */
    double[] gradient() {
        double[] scale = frame.scale();
        double[] g = new double[scale.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = coefficients[1 + i] / scale[i];
        }
        return g;
    }

    /**
     * The Hessian along the basis's curved axes ({@link LocalBasis#axes()}), per unit-cube
     * coordinate: H = Aᵀ Q A. The frame scales every coordinate alike, so the axes are the same
     * in unit-cube and local coordinates.
     */
    double[][] curvature() {
        double s = frame.scale()[0];
        double[][] q = basis.hessian(coefficients);
        for (double[] row : q) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= s * s;
            }
        }
        return q;
    }

    /** Standard errors of the gradient's components. */
    double[] gradientErrors() {
        double[] scale = frame.scale();
        double[] se = new double[scale.length];
        for (int i = 0; i < se.length; i++) {
            se[i] = Math.sqrt(variance * inverse.getEntry(1 + i, 1 + i)) / scale[i];
        }
        return se;
    }

    /**
     * Variance of the gradient's component along v (unit-cube coordinates): vᵀ Σ v with Σ the
     * covariance of the gradient estimate.
     */
    double gradientVariance(double[] v) {
        double[] scale = frame.scale();
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            double t = 0;
            for (int j = 0; j < v.length; j++) {
                t += inverse.getEntry(1 + i, 1 + j) * v[j] / scale[j];
            }
            s += v[i] / scale[i] * t;
        }
        return variance * s;
    }

    /** Standard error of the model's value at u. */
    double standardError(double[] u) {
        return Math.sqrt(variance * form(basis.row(frame.local(u))));
    }

    /** Standard error of value(a) − value(b) (correlated through the coefficients). */
    double differenceError(double[] a, double[] b) {
        double[] d = basis.row(frame.local(a));
        double[] e = basis.row(frame.local(b));
        for (int i = 0; i < d.length; i++) {
            d[i] -= e[i];
        }
        return Math.sqrt(variance * form(d));
    }

    /** Samples minus coefficients. */
    int degreesOfFreedom() {
        return dof;
    }

    private double form(double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            double t = 0;
            for (int j = 0; j < v.length; j++) {
                t += inverse.getEntry(i, j) * v[j];
            }
            s += v[i] * t;
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
