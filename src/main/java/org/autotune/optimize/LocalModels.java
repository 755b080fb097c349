package org.autotune.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autotune.model.Frame;
import org.autotune.model.PolynomialBasis;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * Which model a local-surrogate iteration fits, and the gradient it steps on. With few
 * parameters: the richest polynomial the samples determine. With many (a full quadratic needs
 * more samples than the replay store holds): a quadratic in the active subspace, the directions
 * the score's gradient has pointed in (Constantine, Active Subspaces, SIAM 2015): the leading
 * eigenvectors of C = Σ_t w_t (g_t g_tᵀ − diag σ_t²), the gradients of earlier iterations' fits
 * with their noise subtracted, older ones weighing less. k is the number of eigenvalues above
 * what noise alone gives, at most what the samples afford. The gradient of such a model is
 * shrunk by its standard errors along each active direction and as a whole in the rest (a
 * direction the score does not depend on moves the design only when its gradient is
 * significant).
 */
final class LocalModels {
    /** Samples per coefficient before a richer model is used: the fit keeps 30 % spare degrees of freedom. */
    static final double SPARE = 1.3;
    /** Weight of a gradient per iteration it ages. */
    private static final double DECAY = 0.9;
    /** The most active directions (a quadratic in 20 has 231 coefficients). */
    private static final int MAX_DIRECTIONS = 20;
    /** Noise standard deviations an eigenvalue must exceed to count as a direction that matters. */
    private static final double ABOVE_NOISE = 4;

    private final int n;
    private final double[][] outer;
    /** Σ_t w_t² · 2 mean(σ_t²)²: the variance of C's quadratic form along a direction of noise alone. */
    private double noise;

    LocalModels(int n) {
        this.n = n;
        this.outer = new double[n][n];
    }

    /**
     * The model of scores y at unit-cube points xs (weights w) in the frame; empty with fewer than
     * n + 2 samples or when the samples determine no basis. Remembers the fitted gradient.
     */
    Optional<LocalFit> fit(Frame frame, List<double[]> xs, double[] y, double[] w) {
        var simple = richest(frame, xs, y, w);
        Optional<LocalFit> model = simple;
        int m = xs.size();
        if (simple.isPresent() && n > 3 && m < SPARE * PolynomialBasis.QUADRATIC.terms(n)) {
            // twice: the simple model's errors include the curvature it misses, which hides
            // directions whose gradient is small; the subspace model's errors are the noise's
            for (int pass = 0; pass < 2; pass++) {
                var directions = directions(model.get(), affordable(m));
                if (directions.length == 0) {
                    break;
                }
                var sub = LocalFit.of(LocalBasis.subspace(directions), frame, xs, y, w);
                if (sub.isEmpty()) {
                    break;
                }
                model = sub;
            }
        }
        model.ifPresent(f -> remember(f.gradient(), f.gradientErrors()));
        return model;
    }

    /** The most active directions the samples afford: SPARE · (1 + n + k(k + 1)/2) ≤ m. */
    private int affordable(int m) {
        int k = 0;
        while (k < Math.min(n - 1, MAX_DIRECTIONS) && SPARE * (1 + n + (k + 1) * (k + 2) / 2) <= m) {
            k++;
        }
        return k;
    }

    /** The active directions: C's leading eigenvectors (this fit's gradient included), at most {@code most}. */
    private double[][] directions(LocalFit simple, int most) {
        if (most == 0) {
            return new double[0][];
        }
        double[] g = simple.gradient();
        double[] se = simple.gradientErrors();
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i][j] = DECAY * outer[i][j] + g[i] * g[j] - (i == j ? se[i] * se[i] : 0);
            }
        }
        double s2 = meanSquare(se);
        double threshold = ABOVE_NOISE * Math.sqrt(DECAY * DECAY * noise + 2 * s2 * s2);
        var eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(c, false));
        double[] values = eigen.getEigenvalues();   // descending
        var out = new ArrayList<double[]>();
        for (int d = 0; d < values.length && out.size() < most && values[d] > threshold; d++) {
            out.add(eigen.getEigenvector(d).toArray());
        }
        return out.toArray(new double[0][]);
    }

    private void remember(double[] g, double[] se) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                outer[i][j] = DECAY * outer[i][j] + g[i] * g[j] - (i == j ? se[i] * se[i] : 0);
            }
        }
        double s2 = meanSquare(se);
        noise = DECAY * DECAY * noise + 2 * s2 * s2;
    }

    /**
     * The gradient to step on, shrunk towards zero by its significance at t standard errors:
     * per coordinate for a polynomial model ({@link NoisyStep#shrink}); for an active-subspace
     * model per active direction, and in the remaining directions as one vector, scaled by
     * max(0, 1 − t²E/|g⊥|²) with E the noise's expected |g⊥|² (so it vanishes unless it
     * stands out of the noise as a whole).
     */
    static double[] shrunkGradient(LocalFit model, double t) {
        double[] g = model.gradient();
        if (!(model.basis() instanceof LocalBasis.Subspace sub)) {
            return NoisyStep.shrink(g, model.gradientErrors(), t);
        }
        double[] se = model.gradientErrors();
        double rest = 0;
        for (double s : se) {
            rest += s * s;
        }
        double[] out = new double[g.length];
        double[] inactive = g.clone();
        for (double[] v : sub.directions()) {
            double c = dot(v, g);
            double var = model.gradientVariance(v);
            rest -= var;
            double kept = NoisyStep.shrink(new double[] {c}, new double[] {Math.sqrt(var)}, t)[0];
            for (int i = 0; i < g.length; i++) {
                out[i] += kept * v[i];
                inactive[i] -= c * v[i];
            }
        }
        double length2 = dot(inactive, inactive);
        double factor = length2 > 0 ? Math.max(0, 1 - t * t * Math.max(rest, 0) / length2) : 0;
        for (int i = 0; i < g.length; i++) {
            out[i] += factor * inactive[i];
        }
        return out;
    }

    /**
     * The richest polynomial the samples allow (linear, diagonal quadratic, quadratic, each once
     * the samples exceed its coefficients by 30 %); a simpler one when the samples do not
     * determine it (e.g. squeezed against a face of the cube); empty with fewer than n + 2 samples.
     */
    static Optional<LocalFit> richest(Frame frame, List<double[]> xs, double[] scores, double[] weights) {
        int n = frame.dimension();
        int m = xs.size();
        var bases = new ArrayList<PolynomialBasis>();
        if (m >= n + 2) {
            bases.add(PolynomialBasis.LINEAR);
        }
        for (var b : List.of(PolynomialBasis.DIAGONAL_QUADRATIC, PolynomialBasis.QUADRATIC)) {
            if (m >= SPARE * b.terms(n)) {
                bases.add(0, b);
            }
        }
        for (var basis : bases) {
            var fit = LocalFit.of(LocalBasis.of(basis, n), frame, xs, scores, weights);
            if (fit.isPresent()) {
                return fit;
            }
        }
        return Optional.empty();
    }

    private static double meanSquare(double[] v) {
        return dot(v, v) / v.length;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
