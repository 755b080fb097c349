package org.autotune.optimize;

import java.util.Optional;
import org.autotune.model.UnitBox;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.util.MathArrays;

/**
 * A trust-region step to the minimum of a local-surrogate model: where a gradient step moves the
 * design by a fixed rate per iteration, this one uses the curvature the model has measured and
 * goes to the model's minimum in one step, limited to a ball of the box's half-width
 * (Levenberg-Marquardt: s(μ) = −(H₊ + μI)⁻¹ g with μ ≥ 0 the smallest that keeps |s| within the
 * ball; Nocedal and Wright, Numerical Optimization, ch. 4). H₊ is the model's Hessian with its
 * negative curvature set to zero, so a direction the model says is concave (or whose curvature
 * is noise) moves only as far as a gradient step of size 1/μ does. g is the gradient shrunk by its
 * standard errors ({@link LocalModels#shrunkGradient}), so a direction whose slope is noise and
 * whose curvature is zero does not move at all. The ball lies inside the box, so the step is
 * never longer than a gradient step clipped to the box may be.
 */
final class NewtonStep {
    /** Eigenvalues below this fraction of the largest count as zero curvature. */
    private static final double FLAT = 1e-9;
    private static final int BISECTIONS = 60;

    private NewtonStep() {
    }

    /**
     * The Hessian's eigen-directions in unit-cube coordinates (the last one: the rest of g, with
     * no curvature), their curvatures (negative ones set to 0) and g's components along them.
     */
    private record Spectrum(double[][] vectors, double[] curvatures, double[] slopes) {
        /** |s(μ)|, the length of the step for damping μ. */
        double length(double mu) {
            double s = 0;
            for (int j = 0; j < slopes.length; j++) {
                if (slopes[j] != 0) {
                    double c = slopes[j] / (curvatures[j] + mu);
                    s += c * c;
                }
            }
            return Math.sqrt(s);
        }

        /** True when the model has a minimum: no slope along a direction without curvature. */
        boolean bounded() {
            for (int j = 0; j < slopes.length; j++) {
                if (curvatures[j] == 0 && slopes[j] != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The design after the step from {@code center} on the model with shrunk gradient g, within a
     * ball of {@code radius} and the unit cube; empty when g is zero or the curvature cannot be
     * decomposed.
     */
    static Optional<double[]> of(LocalFit model, double[] g, double[] center, double radius) {
        double gNorm = Math.sqrt(MathArrays.linearCombination(g, g));
        if (!(gNorm > 0)) {
            return Optional.empty();
        }
        Spectrum spectrum;
        try {
            spectrum = spectrum(model, g, gNorm);
        } catch (MathRuntimeException e) {
            return Optional.empty();   // no decomposition: the caller takes the gradient step instead
        }
        double mu = 0;
        if (!spectrum.bounded() || spectrum.length(0) > radius) {
            double lo = 0;
            double hi = gNorm / radius;   // |s(hi)| ≤ |g| / hi = radius, as every curvature is ≥ 0
            for (int it = 0; it < BISECTIONS; it++) {
                double mid = 0.5 * (lo + hi);
                if (spectrum.length(mid) > radius) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            mu = hi;
        }
        double[] next = center.clone();
        for (int j = 0; j < spectrum.slopes().length; j++) {
            double b = spectrum.slopes()[j];
            double c = b == 0 ? 0 : -b / (spectrum.curvatures()[j] + mu);
            for (int i = 0; i < next.length; i++) {
                next[i] += c * spectrum.vectors()[j][i];
            }
        }
        return Optional.of(UnitBox.clamp(next));
    }

    /**
     * H = Aᵀ Q A decomposed through the small Q (k × k, k the curved axes A), so 100 parameters
     * with a quadratic in 10 directions cost a 10 × 10 decomposition.
     */
    private static Spectrum spectrum(LocalFit model, double[] g, double gNorm) {
        int n = g.length;
        double[][] axes = model.basis().axes();
        int k = axes.length;
        var eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(model.curvature(), false));
        double[] raw = eigen.getEigenvalues();
        double largest = 0;
        for (double l : raw) {
            largest = Math.max(largest, Math.abs(l));
        }
        double[] lambda = new double[k + 1];
        double[] b = new double[k + 1];
        double[][] v = new double[k + 1][];
        double[] rest = g.clone();
        for (int j = 0; j < k; j++) {
            double[] u = eigen.getEigenvector(j).toArray();
            v[j] = new double[n];
            for (int a = 0; a < k; a++) {
                for (int i = 0; i < n; i++) {
                    v[j][i] += u[a] * axes[a][i];
                }
            }
            lambda[j] = raw[j] > FLAT * largest ? raw[j] : 0;
            b[j] = MathArrays.linearCombination(v[j], g);
            for (int i = 0; i < n; i++) {
                rest[i] -= b[j] * v[j][i];
            }
        }
        double restNorm = Math.sqrt(MathArrays.linearCombination(rest, rest));
        v[k] = rest;
        b[k] = restNorm > 1e-9 * gNorm ? restNorm : 0;
        for (int i = 0; i < n && b[k] > 0; i++) {
            v[k][i] /= restNorm;
        }
        for (int j = 0; j < k; j++) {
            if (lambda[j] == 0 && !(Math.abs(b[j]) > 1e-9 * gNorm)) {
                b[j] = 0;   // rounding, not slope
            }
        }
        return new Spectrum(v, lambda, b);
    }
}
