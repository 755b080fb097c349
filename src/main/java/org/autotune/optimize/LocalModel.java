package org.autotune.optimize;

import java.util.List;
import java.util.Optional;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * A least-squares model of the score inside a trust box: linear in the parameters, or quadratic
 * (diagonal, then full) when the box holds enough samples to fit the extra terms with some to
 * spare. Coordinates are centred on the box and scaled by its half-width, so the coefficients are
 * of similar size and the fit is well conditioned; solved by Hipparchus' QR decomposition.
 */
final class LocalModel {
    /** Samples per coefficient before a richer model is used: the fit keeps 30 % spare degrees of freedom. */
    private static final double SPARE = 1.3;

    private final double[] center;
    private final double radius;
    private final int kind;   // 0 linear, 1 diagonal quadratic, 2 full quadratic
    private final double[] coefficients;
    /** The square upper-triangular factor R of the design matrix, for standard errors. */
    private final RealMatrix r;
    /** Residual variance per degree of freedom (noise plus misfit); +∞ without spare samples. */
    private final double residualVariance;
    private final int degreesOfFreedom;

    private LocalModel(double[] center, double radius, int kind, double[] coefficients, RealMatrix r,
                       double residualVariance, int degreesOfFreedom) {
        this.degreesOfFreedom = degreesOfFreedom;
        this.center = center;
        this.radius = radius;
        this.kind = kind;
        this.coefficients = coefficients;
        this.r = r;
        this.residualVariance = residualVariance;
    }

    /**
     * Fits the richest model the samples allow; empty with fewer than n + 2 samples (a linear
     * model and one degree of freedom) or when the samples span too few directions.
     *
     * @param xs     unit-cube points inside the box
     * @param scores their scores, finite
     */
    static Optional<LocalModel> fit(double[] center, double radius, List<double[]> xs, double[] scores) {
        int n = center.length;
        int m = xs.size();
        int first = m >= SPARE * terms(2, n) ? 2 : m >= SPARE * terms(1, n) ? 1 : m >= n + 2 ? 0 : -1;
        for (int kind = first; kind >= 0; kind--) {
            var a = new Array2DRowRealMatrix(m, terms(kind, n));
            for (int k = 0; k < m; k++) {
                a.setRow(k, basis(kind, scaled(xs.get(k), center, radius)));
            }
            try {
                var qr = new QRDecomposition(a, 1e-10);
                var y = new ArrayRealVector(scores);
                var solution = qr.getSolver().solve(y);
                var residuals = y.subtract(a.operate(solution));
                int p = a.getColumnDimension();
                double variance = m > p ? residuals.dotProduct(residuals) / (m - p) : Double.POSITIVE_INFINITY;
                return Optional.of(new LocalModel(center, radius, kind, solution.toArray(),
                    qr.getR().getSubMatrix(0, p - 1, 0, p - 1), variance, m - p));
            } catch (MathIllegalArgumentException e) {
                // rank deficient (e.g. samples squeezed against a face of the cube): try a simpler model
            }
        }
        return Optional.empty();
    }

    /** The model's score at unit-cube point u. */
    double value(double[] u) {
        double[] b = basis(kind, scaled(u, center, radius));
        double s = 0;
        for (int i = 0; i < b.length; i++) {
            s += coefficients[i] * b[i];
        }
        return s;
    }

    /**
     * Standard error of value(a) − value(b) from the scatter of the samples around the model:
     * Var = s² dᵀ(AᵀA)⁻¹d with d = φ(a) − φ(b) and AᵀA = RᵀR, so Var = s² |R⁻ᵀd|².
     */
    double differenceError(double[] a, double[] b) {
        if (!Double.isFinite(residualVariance)) {
            return Double.POSITIVE_INFINITY;
        }
        var d = new ArrayRealVector(basis(kind, scaled(a, center, radius)))
            .subtract(new ArrayRealVector(basis(kind, scaled(b, center, radius))));
        MatrixUtils.solveLowerTriangularSystem(r.transpose(), d);
        return Math.sqrt(residualVariance * d.dotProduct(d));
    }

    /**
     * How many standard errors make a difference significant at the 2σ level (one-sided, 97.7 %):
     * Student's t quantile for the fit's degrees of freedom, since the standard error is itself
     * estimated from few samples (2.0 for many, 13.0 for one).
     */
    double critical() {
        return degreesOfFreedom < 1 ? Double.POSITIVE_INFINITY
            : new TDistribution(degreesOfFreedom).inverseCumulativeProbability(0.97725);
    }

    /** The model's gradient at the box centre, per unit-cube coordinate. */
    double[] gradient() {
        int n = center.length;
        var g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = coefficients[1 + i] / radius;
        }
        return g;
    }

    /** "linear", "diagonal quadratic" or "quadratic", for the trace. */
    String kind() {
        return switch (kind) {
            case 0 -> "linear";
            case 1 -> "diagonal quadratic";
            default -> "quadratic";
        };
    }

    /** Coefficients of a model kind (0 linear, 1 diagonal quadratic, 2 full quadratic) in n parameters. */
    static int terms(int kind, int n) {
        return switch (kind) {
            case 0 -> 1 + n;
            case 1 -> 1 + 2 * n;
            default -> 1 + n + n * (n + 1) / 2;
        };
    }

    private static double[] scaled(double[] u, double[] center, double radius) {
        var x = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            x[i] = (u[i] - center[i]) / radius;
        }
        return x;
    }

    /** 1, x_i, then x_i² (diagonal) or x_i x_j for j ≥ i (full). */
    static double[] basis(int kind, double[] x) {
        int n = x.length;
        var b = new double[terms(kind, n)];
        b[0] = 1;
        System.arraycopy(x, 0, b, 1, n);
        int k = 1 + n;
        for (int i = 0; i < n && kind >= 1; i++) {
            for (int j = i; j < (kind == 2 ? n : i + 1); j++) {
                b[k++] = x[i] * x[j];
            }
        }
        return b;
    }
}
