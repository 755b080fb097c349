package org.autotune.model;

import java.util.List;
import java.util.Optional;
import org.hipparchus.linear.RealMatrix;

/**
 * A weighted least-squares polynomial response surface over the unit cube (basis:
 * {@link PolynomialBasis}, coordinates: a {@link Frame}). Besides the fitted values it gives the
 * residual χ² and variance, the coefficients' covariance σ²(XᵀWX)⁻¹, the standard error of a
 * prediction σ·√(φᵀ(XᵀWX)⁻¹φ), and the leave-one-out (PRESS) residuals
 * e_k / (1 − h_k) that {@link #choose} uses to pick a basis without chasing noise.
 * σ² is the weighted residual variance per degree of freedom (+∞ without spare points).
 */
public final class PolynomialModel {
    private final LeastSquares design;
    private final double[] coefficients;
    private final double[] y;
    private final double chi2;

    PolynomialModel(LeastSquares design, double[] coefficients, double[] y) {
        this.design = design;
        this.coefficients = coefficients;
        this.y = y.clone();
        double sum = 0;
        for (int k = 0; k < y.length; k++) {
            double r = y[k] - dot(coefficients, design.row(k));
            sum += design.weight(k) * r * r;
        }
        this.chi2 = sum;
    }

    /** The model of y at unit-cube points {@code units}, with weights (1/σ² per point). */
    public static PolynomialModel fit(PolynomialBasis basis, Frame frame, List<double[]> units, double[] y,
                                      double[] weights) {
        return LeastSquares.of(basis, frame, units, weights).fit(y);
    }

    /** The unweighted model. */
    public static PolynomialModel fit(PolynomialBasis basis, Frame frame, List<double[]> units, double[] y) {
        return LeastSquares.of(basis, frame, units).fit(y);
    }

    /**
     * Of the {@code bases} the points determine with at least {@code spare} points more than
     * coefficients, the one with the smallest leave-one-out sum of squares (PRESS); a richer basis
     * wins only when it predicts left-out points better. Empty when no basis qualifies.
     */
    public static Optional<PolynomialModel> choose(List<PolynomialBasis> bases, Frame frame, List<double[]> units,
                                                   double[] y, double[] weights, int spare) {
        PolynomialModel best = null;
        for (var basis : bases) {
            if (units.size() < basis.terms(frame.dimension()) + spare) {
                continue;
            }
            var design = LeastSquares.of(basis, frame, units, weights);
            if (!design.determined()) {
                continue;
            }
            var model = design.fit(y);
            if (best == null || model.press() < best.press() - 1e-12 * (1 + best.press())) {
                best = model;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The model at unit-cube point u. */
    public double value(double[] u) {
        return dot(coefficients, terms(u));
    }

    /** The basis terms φ(u) at unit-cube point u. */
    public double[] terms(double[] u) {
        return design.basis().row(design.frame().local(u));
    }

    /** Coefficients in the order of {@link PolynomialBasis#row}, for local coordinates. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    public PolynomialBasis basis() {
        return design.basis();
    }

    public Frame frame() {
        return design.frame();
    }

    /** The decomposed design the model was fitted with. */
    public LeastSquares design() {
        return design;
    }

    /** Σ w_k r_k²: the weighted residual sum of squares (a χ² when the weights are 1/σ²). */
    public double chi2() {
        return chi2;
    }

    /** Points minus coefficients. */
    public int degreesOfFreedom() {
        return design.points() - design.terms();
    }

    /** χ² per degree of freedom; +∞ without spare points. */
    public double residualVariance() {
        int dof = degreesOfFreedom();
        return dof > 0 ? chi2 / dof : Double.POSITIVE_INFINITY;
    }

    /** The coefficients' covariance σ²(XᵀWX)⁻¹ with σ² the residual variance. */
    public RealMatrix covariance() {
        return design.inverseNormal().scalarMultiply(residualVariance());
    }

    /** Standard error of the model's value at u: σ·√(φᵀ(XᵀWX)⁻¹φ). */
    public double standardError(double[] u) {
        return Math.sqrt(residualVariance() * design.quadraticForm(terms(u)));
    }

    /** Standard error of value(a) − value(b) (correlated through the coefficients). */
    public double differenceError(double[] a, double[] b) {
        double[] d = terms(a);
        double[] e = terms(b);
        for (int i = 0; i < d.length; i++) {
            d[i] -= e[i];
        }
        return Math.sqrt(residualVariance() * design.quadraticForm(d));
    }

    /** The fitted value at each point. */
    public double[] fitted() {
        var f = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            f[k] = dot(coefficients, design.row(k));
        }
        return f;
    }

    /** The prediction at each point by the model fitted without it: y_k − r_k / (1 − h_k). */
    public double[] leaveOneOut() {
        double[] h = design.leverages();
        double[] f = fitted();
        var out = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            out[k] = y[k] - (y[k] - f[k]) / Math.max(1 - h[k], 1e-12);
        }
        return out;
    }

    /** The weighted leave-one-out sum of squares Σ w_k (y_k − ŷ_(k))² (PRESS). */
    public double press() {
        double[] loo = leaveOneOut();
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            s += design.weight(k) * (y[k] - loo[k]) * (y[k] - loo[k]);
        }
        return s;
    }

    private static double dot(double[] c, double[] b) {
        double s = 0;
        for (int i = 0; i < c.length; i++) {
            s += c[i] * b[i];
        }
        return s;
    }
}
