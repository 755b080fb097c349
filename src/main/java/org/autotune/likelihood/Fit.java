package org.autotune.likelihood;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * Minimises −ln L over some free parameters inside their bounds, using the exact gradient and
 * Hessian, and reports the covariance at the minimum.
 *
 * <p><b>Method: projected Newton with Levenberg damping and a backtracking line search.</b>
 * Each step solves (H + λ s I) d = −g on the parameters not pinned at a bound (a parameter at
 * its bound whose gradient pushes outwards is held there), projects x + α d back into the box
 * and halves α until the Armijo condition holds. λ starts at 0 (a pure Newton step, quadratic
 * convergence near the minimum) and grows tenfold whenever H is not positive definite, so far
 * from the minimum the step turns into scaled steepest descent. Points where −ln L is infinite or
 * NaN (a total rate ≤ 0 at some event) are rejected by the line search. It stops when the
 * expected distance to the minimum, EDM = −g·d/2 (MINUIT's criterion), falls below
 * {@value #EDM_TOLERANCE}.
 *
 * <p>Why not a Hipparchus optimizer: {@code NonLinearConjugateGradientOptimizer} has no bounds
 * and ignores the Hessian we already have; {@code LevenbergMarquardtOptimizer} solves least
 * squares, not a likelihood; {@code SQPOptimizerS} handles general constraints with a
 * quasi-Newton Hessian, which is more machinery than simple bounds need and converges slower
 * than exact Newton steps. Likelihoods from a few sources are smooth and nearly quadratic near
 * the minimum, where exact Newton steps converge in a handful of iterations.
 *
 * <p>Thread-safe (holds no state between calls).
 */
public final class Fit {
    static final double EDM_TOLERANCE = 1e-10;
    private static final int MAX_ITERATIONS = 200;

    private final Likelihood likelihood;
    private final List<String> free;
    private final int[] at;
    private final double[] lower;
    private final double[] upper;

    /** A fit of {@code free} parameters; the others stay at the values passed to minimize. */
    public Fit(Likelihood likelihood, List<String> free) {
        this.likelihood = likelihood;
        this.free = List.copyOf(free);
        at = this.free.stream().mapToInt(likelihood::indexOf).toArray();
        lower = new double[at.length];
        upper = new double[at.length];
        for (int k = 0; k < at.length; k++) {
            var p = likelihood.parameters().get(at[k]);
            lower[k] = p.lower();
            upper[k] = p.upper();
        }
    }

    /** The likelihood being fitted. */
    public Likelihood likelihood() {
        return likelihood;
    }

    /** The free parameters. */
    public List<String> free() {
        return free;
    }

    /**
     * The minimum of −ln L starting from {@code start} (one value per parameter of the
     * likelihood; free ones are moved into their bounds first).
     *
     * @throws IllegalArgumentException if −ln L is not finite at the start
     * @throws IllegalStateException if the Hessian at the minimum is not positive definite
     *     (the data cannot separate some free parameters)
     */
    public FitResult minimize(double[] start) {
        var x = start.clone();
        for (int k = 0; k < at.length; k++) {
            x[at[k]] = Math.min(upper[k], Math.max(lower[k], x[at[k]]));
        }
        var e = likelihood.negLogLikelihood(x, free, 2);
        if (!Double.isFinite(e.value())) {
            throw new IllegalArgumentException(
                "-ln L is %s at the start point; fix: start where every event has a positive total rate"
                    .formatted(e.value()));
        }
        int iterations = 0;
        boolean converged = at.length == 0;
        while (!converged && iterations < MAX_ITERATIONS) {
            iterations++;
            var step = newtonStep(x, e);
            if (step == null) {
                converged = true;
                break;
            }
            var next = lineSearch(x, e, step.direction());
            if (next == null) {
                converged = step.edm() < 1e3 * EDM_TOLERANCE; // no descent left at float precision
                break;
            }
            x = next;
            e = likelihood.negLogLikelihood(x, free, 2);
            converged = step.edm() < EDM_TOLERANCE;
        }
        return FitResult.of(free, x, e, iterations, converged, pinned(x, e.gradient()));
    }

    private record Step(double[] direction, double edm) {
    }

    /** The damped Newton direction on the parameters not pinned at a bound; null if none move. */
    private Step newtonStep(double[] x, NegLogLikelihood e) {
        var g = e.gradient();
        var h = e.hessian();
        var pinned = pinned(x, g);
        var moving = new ArrayList<Integer>();
        for (int k = 0; k < at.length; k++) {
            if (!pinned[k]) {
                moving.add(k);
            }
        }
        if (moving.isEmpty()) {
            return null;
        }
        int n = moving.size();
        double scale = 0;
        for (int i : moving) {
            scale = Math.max(scale, Math.abs(h[i][i]));
        }
        scale = scale > 0 ? scale : 1;
        for (double lambda = 0; lambda < 1e12; lambda = lambda == 0 ? 1e-8 : lambda * 10) {
            var m = MatrixUtils.createRealMatrix(n, n);
            var rhs = MatrixUtils.createRealVector(n);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    m.setEntry(a, b, h[moving.get(a)][moving.get(b)] + (a == b ? lambda * scale : 0));
                }
                rhs.setEntry(a, -g[moving.get(a)]);
            }
            try {
                var d = new CholeskyDecomposition(m, 1e-14, 1e-14).getSolver().solve(rhs);
                var direction = new double[at.length];
                double edm = 0;
                for (int a = 0; a < n; a++) {
                    direction[moving.get(a)] = d.getEntry(a);
                    edm -= 0.5 * g[moving.get(a)] * d.getEntry(a);
                }
                return new Step(direction, edm);
            } catch (MathIllegalArgumentException notPositiveDefinite) {
                // damp more: the step moves towards steepest descent
            }
        }
        throw new IllegalStateException("no descent direction even with heavy damping; the Hessian is "
            + "not usable (NaN?) at " + Arrays.toString(x));
    }

    /** Projected backtracking line search with the Armijo condition; null if no step decreases. */
    private double[] lineSearch(double[] x, NegLogLikelihood e, double[] d) {
        var g = e.gradient();
        for (double alpha = 1; alpha > 1e-10; alpha /= 2) {
            var y = x.clone();
            double decrease = 0;
            for (int k = 0; k < at.length; k++) {
                y[at[k]] = Math.min(upper[k], Math.max(lower[k], x[at[k]] + alpha * d[k]));
                decrease += g[k] * (y[at[k]] - x[at[k]]);
            }
            double f = likelihood.value(y);
            if (f <= e.value() + 1e-4 * decrease && decrease < 0) { // false for NaN and +∞
                return y;
            }
        }
        return null;
    }

    /** Free parameters at a bound with the gradient pushing outwards. */
    private boolean[] pinned(double[] x, double[] g) {
        var pinned = new boolean[at.length];
        for (int k = 0; k < at.length; k++) {
            pinned[k] = (x[at[k]] <= lower[k] && g[k] > 0) || (x[at[k]] >= upper[k] && g[k] < 0);
        }
        return pinned;
    }
}
