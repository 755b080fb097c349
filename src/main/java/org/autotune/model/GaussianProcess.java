package org.autotune.model;

import java.util.Arrays;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;

/**
 * Gaussian-process regression of scores over the unit cube (Rasmussen &amp; Williams, "Gaussian
 * Processes for Machine Learning", 2006, algorithm 2.1). The kernel is an ARD Matérn-5/2 with one
 * length scale per parameter (in unit-cube coordinates) and a signal variance; each sample adds
 * its own noise variance (its squared standard error) plus a common fitted nugget. Scores are
 * standardised (mean 0, variance 1) before fitting, so the hyperparameters are on a fixed scale.
 *
 * <p>Hyperparameters are kept as {@code θ = (ln ℓ₁ … ln ℓ_d, ln σ_f², ln σ_n²)} in standardised
 * units; {@link HyperparameterFit} chooses them. Predictions are of the noise-free score.
 */
public final class GaussianProcess {
    private static final double SQRT5 = Math.sqrt(5);
    /** Added to the diagonal, relative to the signal variance: near-duplicate points stay positive definite. */
    private static final double JITTER = 1e-10;

    private final double[][] units;
    private final double[] values;
    private final double[] noise;
    private final double[] theta;
    private final double offset;
    private final double scale;
    private final double[] inverseLength;
    private final double signal;
    private final double nugget;
    /** Inputs divided by their length scales. */
    private final double[][] scaled;
    private final double[][] lower;
    private final double[] alpha;
    private final double logDeterminant;
    private final double fitTerm;

    private GaussianProcess(double[][] units, double[] values, double[] noise, double[] theta, double offset,
                            double scale) {
        int m = units.length;
        int d = units[0].length;
        this.units = units;
        this.values = values;
        this.noise = noise;
        this.theta = theta.clone();
        this.offset = offset;
        this.scale = scale;
        this.inverseLength = new double[d];
        for (int i = 0; i < d; i++) {
            inverseLength[i] = Math.exp(-theta[i]);
        }
        this.signal = Math.exp(theta[d]);
        this.nugget = Math.exp(theta[d + 1]);
        this.scaled = new double[m][];
        for (int k = 0; k < m; k++) {
            scaled[k] = scaledInput(units[k]);
        }
        double[][] cov = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < a; b++) {
                double c = kernel(scaled[a], scaled[b]);
                cov[a][b] = c;
                cov[b][a] = c;
            }
            cov[a][a] = signal * (1 + JITTER) + nugget + noise[a] / (scale * scale);
        }
        var cholesky = new CholeskyDecomposition(new Array2DRowRealMatrix(cov, false),
            CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 1e-14);
        this.lower = cholesky.getL().getData();
        double[] y = new double[m];
        for (int k = 0; k < m; k++) {
            y[k] = (values[k] - offset) / scale;
        }
        this.alpha = cholesky.getSolver().solve(new ArrayRealVector(y, false)).toArray();
        double logDet = 0;
        for (int k = 0; k < m; k++) {
            logDet += 2 * Math.log(lower[k][k]);
        }
        this.logDeterminant = logDet;
        double fit = 0;
        for (int k = 0; k < m; k++) {
            fit += y[k] * alpha[k];
        }
        this.fitTerm = fit;
    }

    /**
     * Conditions a process on samples.
     *
     * @param units  sample points in the unit cube, one row per sample
     * @param values their scores
     * @param noise  each score's own noise variance (its squared standard error; 0 when unknown)
     * @param theta  hyperparameters, see the class comment
     * @throws MathIllegalArgumentException when the covariance matrix is not positive definite
     */
    public static GaussianProcess of(double[][] units, double[] values, double[] noise, double[] theta) {
        double mean = Arrays.stream(values).average().orElse(0);
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0;
        return new GaussianProcess(units, values, noise, theta, mean, sd > 0 ? sd : 1);
    }

    /**
     * The same process (hyperparameters and standardisation) also conditioned on extra samples
     * with no noise of their own, e.g. pending points with a made-up score (constant liar).
     */
    public GaussianProcess with(double[][] extraUnits, double[] extraValues) {
        if (extraUnits.length == 0) {
            return this;
        }
        int m = units.length;
        int e = extraUnits.length;
        var u = Arrays.copyOf(units, m + e);
        var v = Arrays.copyOf(values, m + e);
        var s = Arrays.copyOf(noise, m + e);
        System.arraycopy(extraUnits, 0, u, m, e);
        System.arraycopy(extraValues, 0, v, m, e);
        return new GaussianProcess(u, v, s, theta, offset, scale);
    }

    /**
     * Log marginal likelihood of the standardised scores (R&amp;W eq. 2.30):
     * −½ yᵀK⁻¹y − ½ ln|K| − (m/2) ln 2π.
     */
    public double logLikelihood() {
        return -0.5 * fitTerm - 0.5 * logDeterminant - 0.5 * values.length * Math.log(2 * Math.PI);
    }

    /** Posterior mean of the noise-free score at u. */
    public double mean(double[] u) {
        double[] x = scaledInput(u);
        double s = 0;
        for (int k = 0; k < scaled.length; k++) {
            s += kernel(scaled[k], x) * alpha[k];
        }
        return offset + scale * s;
    }

    /** Posterior mean and standard deviation of the noise-free score at u, in score units. */
    public double[] predict(double[] u) {
        double[] x = scaledInput(u);
        int m = scaled.length;
        double[] v = new double[m];
        double mu = 0;
        for (int k = 0; k < m; k++) {
            v[k] = kernel(scaled[k], x);
            mu += v[k] * alpha[k];
        }
        // v = L⁻¹k by forward substitution; the variance is k(u,u) − |v|²
        double var = signal;
        for (int k = 0; k < m; k++) {
            double[] row = lower[k];
            double t = v[k];
            for (int j = 0; j < k; j++) {
                t -= row[j] * v[j];
            }
            t /= row[k];
            v[k] = t;
            var -= t * t;
        }
        return new double[] {offset + scale * mu, scale * Math.sqrt(Math.max(var, 0))};
    }

    /** The fitted nugget's standard deviation, in score units: the noise common to all samples. */
    public double nuggetSd() {
        return scale * Math.sqrt(nugget);
    }

    /** The standard deviation of the scores the process was standardised with. */
    public double scale() {
        return scale;
    }

    /** Length scales in unit-cube coordinates. */
    public double[] lengths() {
        return Arrays.stream(inverseLength).map(x -> 1 / x).toArray();
    }

    private double[] scaledInput(double[] u) {
        double[] x = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            x[i] = u[i] * inverseLength[i];
        }
        return x;
    }

    /** Matérn-5/2: σ_f² (1 + √5 r + 5r²/3) e^(−√5 r), with r the length-scaled distance. */
    private double kernel(double[] a, double[] b) {
        double r2 = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            r2 += t * t;
        }
        double r = Math.sqrt(r2);
        return signal * (1 + SQRT5 * r + 5 * r2 / 3) * Math.exp(-SQRT5 * r);
    }

    /** True when a Cholesky failure says the covariance matrix is not positive definite. */
    static boolean notPositiveDefinite(MathIllegalArgumentException e) {
        return e.getSpecifier() == LocalizedCoreFormats.NOT_POSITIVE_DEFINITE_MATRIX;
    }
}
