package org.autotune.analysis;

import java.util.List;
import org.autotune.model.Frame;
import org.autotune.model.LeastSquares;
import org.autotune.model.PolynomialBasis;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * A weighted least-squares quadratic f(x) = c + gᵀx + ½ xᵀHx fitted to noisy scores. Weights are
 * 1/σ² from the scores' standard errors when every sample has one; then the fit's χ² and p-value
 * say whether a quadratic describes the samples. Coordinates should be centred and scaled to order
 * one (the caller's job) so that the normal equations are well conditioned. The fit itself is the
 * model toolbox's full-quadratic {@link LeastSquares}; this class reads it as a gradient and a
 * Hessian, the form the analysis and the report need.
 */
public final class QuadraticFit {
    private final int n;
    private final double constant;
    private final double[] gradient;
    private final double[][] hessian;
    private final double chi2;
    private final int ndf;
    private final boolean weighted;

    private QuadraticFit(int n, double constant, double[] gradient, double[][] hessian, double chi2, int ndf,
                         boolean weighted) {
        this.n = n;
        this.constant = constant;
        this.gradient = gradient;
        this.hessian = hessian;
        this.chi2 = chi2;
        this.ndf = ndf;
        this.weighted = weighted;
    }

    /** Number of coefficients of a quadratic in n variables: 1 + n + n(n+1)/2. */
    public static int coefficients(int n) {
        return PolynomialBasis.QUADRATIC.terms(n);
    }

    /**
     * Fits the quadratic.
     *
     * @param x     sample coordinates, one row per sample
     * @param y     scores
     * @param sigma standard errors of the scores, or null to fit unweighted
     * @throws IllegalArgumentException when the samples cannot determine every coefficient
     */
    public static QuadraticFit fit(double[][] x, double[] y, double[] sigma) {
        int m = x.length;
        int n = m == 0 ? 0 : x[0].length;
        int p = coefficients(n);
        if (m < p + 1) {
            throw new IllegalArgumentException(m + " samples cannot fit a quadratic in " + n + " parameters ("
                + p + " coefficients; at least " + (p + 1) + " samples are needed)");
        }
        double[] w = new double[m];
        for (int r = 0; r < m; r++) {
            w[r] = sigma == null ? 1 : 1 / (sigma[r] * sigma[r]);
        }
        var design = LeastSquares.of(PolynomialBasis.QUADRATIC, Frame.identity(n), List.of(x), w);
        if (design.rank() < p) {
            throw new IllegalArgumentException("the samples do not determine every coefficient of the quadratic (rank "
                + design.rank() + " of " + p + "); they need to spread over every parameter and every pair");
        }
        var model = design.fit(y);
        double[] coef = model.coefficients();
        double chi2 = model.chi2();
        double[] g = new double[n];
        double[][] h = new double[n][n];
        int k = 1;
        for (int i = 0; i < n; i++) {
            g[i] = coef[k++];
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = coef[k++];
                if (i == j) {
                    h[i][i] = 2 * v;
                } else {
                    h[i][j] = v;
                    h[j][i] = v;
                }
            }
        }
        return new QuadraticFit(n, coef[0], g, h, chi2, m - p, sigma != null);
    }

    /** The fitted value at x. */
    public double value(double[] x) {
        double v = constant;
        for (int i = 0; i < n; i++) {
            v += gradient[i] * x[i];
            for (int j = 0; j < n; j++) {
                v += 0.5 * x[i] * hessian[i][j] * x[j];
            }
        }
        return v;
    }

    public double constant() { return constant; }

    public double[] gradient() { return gradient.clone(); }

    /** The Hessian (symmetric). */
    public double[][] hessian() {
        var h = new double[n][];
        for (int i = 0; i < n; i++) {
            h[i] = hessian[i].clone();
        }
        return h;
    }

    /** Σ residual²/σ² (weighted) or Σ residual² (unweighted). */
    public double chi2() { return chi2; }

    /** Samples minus coefficients. */
    public int degreesOfFreedom() { return ndf; }

    public boolean weighted() { return weighted; }

    /** Probability of a χ² at least this large if the quadratic were right; NaN when unweighted. */
    public double pValue() {
        return weighted ? 1 - new ChiSquaredDistribution(ndf).cumulativeProbability(chi2) : Double.NaN;
    }
}
