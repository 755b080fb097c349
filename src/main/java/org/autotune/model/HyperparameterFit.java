package org.autotune.model;

import java.util.Arrays;
import java.util.List;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Chooses a {@link GaussianProcess}'s hyperparameters: the maximum of the log marginal likelihood
 * plus weak log-normal priors on the length scales and the signal variance (a MAP estimate, which
 * keeps fits on a dozen samples sane), found by BOBYQA inside fixed bounds from each start point,
 * with a cap on the likelihood evaluations per start.
 *
 * <p>Bounds, in unit-cube and standardised-score units: length scales 0.01–10; signal variance
 * 0.05–20; nugget 10⁻⁶–2 for noisy scores and 10⁻⁸–10⁻² otherwise (scores treated as nearly
 * exact, the nugget only absorbs roughness and rounding).
 */
public final class HyperparameterFit {
    private static final double MIN_LENGTH = 0.01;
    private static final double MAX_LENGTH = 10;
    /** Prior on ln ℓ: normal around ln 0.5 (half the range) with a width of a factor e^1.5 ≈ 4.5. */
    private static final double PRIOR_LENGTH = Math.log(0.5);
    private static final double PRIOR_LENGTH_SD = 1.5;
    private static final double PRIOR_SIGNAL_SD = 2;
    /** Penalty for hyperparameters whose covariance matrix is numerically singular. */
    private static final double SINGULAR = -1e10;

    private HyperparameterFit() {
    }

    /** A neutral start: length scales 0.3, unit signal variance, nugget 10 % (noisy) or 10⁻⁶ of the variance. */
    public static double[] defaults(int d, boolean noisy) {
        double[] theta = new double[d + 2];
        Arrays.fill(theta, 0, d, Math.log(0.3));
        theta[d] = 0;
        theta[d + 1] = Math.log(noisy ? 0.1 : 1e-6);
        return theta;
    }

    /**
     * The best hyperparameters found from the given starts.
     *
     * @param maxEvaluations likelihood evaluations allowed per start
     */
    public static double[] fit(double[][] units, double[] values, double[] noise, boolean noisy,
                               List<double[]> starts, int maxEvaluations) {
        int d = units[0].length;
        double[] lo = new double[d + 2];
        double[] hi = new double[d + 2];
        Arrays.fill(lo, 0, d, Math.log(MIN_LENGTH));
        Arrays.fill(hi, 0, d, Math.log(MAX_LENGTH));
        lo[d] = Math.log(0.05);
        hi[d] = Math.log(20);
        lo[d + 1] = Math.log(noisy ? 1e-6 : 1e-8);
        hi[d + 1] = Math.log(noisy ? 2 : 1e-2);
        var best = new Best();
        for (double[] start : starts) {
            double[] guess = new double[d + 2];
            for (int i = 0; i < guess.length; i++) {
                guess[i] = UnitBox.clamp(start[i], lo[i], hi[i]);
            }
            var bobyqa = new BOBYQAOptimizer(2 * (d + 2) + 1, 0.5, 1e-3);
            try {
                bobyqa.optimize(new MaxEval(maxEvaluations),
                    new ObjectiveFunction(t -> best.offer(t, posterior(units, values, noise, t))),
                    GoalType.MAXIMIZE, new InitialGuess(guess), new SimpleBounds(lo, hi));
            } catch (MathIllegalStateException e) {
                // the evaluation cap is the intended way to keep a refit cheap: keep the best seen
                if (e.getSpecifier() != LocalizedCoreFormats.MAX_COUNT_EXCEEDED) {
                    throw e;
                }
            }
        }
        return best.theta;
    }

    /**
     * The process conditioned on the samples with these hyperparameters; when rounding makes the
     * covariance matrix singular, with the nugget raised tenfold until it is not.
     */
    public static GaussianProcess condition(double[][] units, double[] values, double[] noise, double[] theta) {
        double[] t = theta.clone();
        for (int attempt = 0; ; attempt++) {
            try {
                return GaussianProcess.of(units, values, noise, t);
            } catch (MathIllegalArgumentException e) {
                if (!GaussianProcess.notPositiveDefinite(e) || attempt >= 8) {
                    throw e;
                }
                t[t.length - 1] += Math.log(10);
            }
        }
    }

    /** Log marginal likelihood plus the log priors, up to a constant. */
    private static double posterior(double[][] units, double[] values, double[] noise, double[] theta) {
        int d = units[0].length;
        double prior = 0;
        for (int i = 0; i < d; i++) {
            double z = (theta[i] - PRIOR_LENGTH) / PRIOR_LENGTH_SD;
            prior -= 0.5 * z * z;
        }
        double z = theta[d] / PRIOR_SIGNAL_SD;
        prior -= 0.5 * z * z;
        try {
            return GaussianProcess.of(units, values, noise, theta).logLikelihood() + prior;
        } catch (MathIllegalArgumentException e) {
            if (!GaussianProcess.notPositiveDefinite(e)) {
                throw e;
            }
            return SINGULAR;   // a numerically singular covariance: steer the search away
        }
    }

    /** The best hyperparameters seen, kept across starts and across an exceeded evaluation cap. */
    private static final class Best {
        private double[] theta;
        private double value = Double.NEGATIVE_INFINITY;

        double offer(double[] t, double v) {
            if (v > value || theta == null) {
                value = v;
                theta = t.clone();
            }
            return v;
        }
    }
}
