package org.autotune.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.LocalizedOptimFormats;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * The minimum of a cheap in-process function (a response surface, an acquisition) over a box:
 * Powell's BOBYQA (Hipparchus) from each of several start points, keeping the best point seen.
 * An exceeded evaluation cap is the intended way to keep a search cheap, not an error. A 1-D box
 * gets a second, ignored coordinate, since BOBYQA needs at least two.
 *
 * @param lower      the box's lower corner
 * @param upper      the box's upper corner (each coordinate above {@code lower}'s)
 * @param evaluations function evaluations allowed per start
 */
public record BoxMinimizer(double[] lower, double[] upper, int evaluations) {
    /** The last trust-region radius, relative to the box's narrowest side. */
    private static final double STOP = 1e-6;

    /** A point and the function's value there. */
    public record Minimum(double[] point, double value) {
    }

    public BoxMinimizer {
        if (lower.length != upper.length || lower.length == 0) {
            throw new IllegalArgumentException("the box needs lower and upper corners of one dimension");
        }
        for (int i = 0; i < lower.length; i++) {
            if (!(lower[i] < upper[i])) {
                throw new IllegalArgumentException("box side " + i + ": lower " + lower[i] + " must be below upper "
                    + upper[i]);
            }
        }
        if (evaluations < 10) {
            throw new IllegalArgumentException("allow at least 10 evaluations per start, got " + evaluations);
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    /** The unit cube in n dimensions. */
    public static BoxMinimizer unitCube(int n, int evaluations) {
        var hi = new double[n];
        Arrays.fill(hi, 1);
        return new BoxMinimizer(new double[n], hi, evaluations);
    }

    /** The box of half-width {@code radius} around {@code center}, cut to the unit cube. */
    public static BoxMinimizer around(double[] center, double radius, int evaluations) {
        int n = center.length;
        var lo = new double[n];
        var hi = new double[n];
        for (int i = 0; i < n; i++) {
            lo[i] = UnitBox.clamp(center[i] - radius);
            hi[i] = UnitBox.clamp(center[i] + radius);
        }
        return new BoxMinimizer(lo, hi, evaluations);
    }

    /** The {@code count} points of {@code points} with the lowest values, best first (screening for starts). */
    public static List<double[]> best(ToDoubleFunction<double[]> f, List<double[]> points, int count) {
        var scored = new ArrayList<Minimum>();
        for (double[] p : points) {
            scored.add(new Minimum(p, f.applyAsDouble(p)));
        }
        scored.sort(Comparator.comparingDouble(Minimum::value));
        return scored.stream().limit(count).map(Minimum::point).toList();
    }

    /** The lowest point found from each start (starts outside the box are moved onto it). */
    public Minimum minimize(ToDoubleFunction<double[]> f, List<double[]> starts) {
        if (starts.isEmpty()) {
            throw new IllegalArgumentException("give at least one start point");
        }
        var best = new Best(f);
        for (double[] start : starts) {
            best.offer(inside(start));
            run(best, inside(start));
        }
        return new Minimum(best.point, best.value);
    }

    /** One BOBYQA run; f(x) values are offered to {@code best} as they are computed. */
    private void run(Best best, double[] start) {
        int n = lower.length;
        boolean padded = n == 1;
        double[] lo = padded ? new double[] {lower[0], 0} : lower;
        double[] hi = padded ? new double[] {upper[0], 1} : upper;
        double[] guess = padded ? new double[] {start[0], 0.5} : start;
        double narrowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < lo.length; i++) {
            narrowest = Math.min(narrowest, hi[i] - lo[i]);
        }
        int dim = lo.length;
        var bobyqa = new BOBYQAOptimizer(2 * dim + 1, narrowest / 4, narrowest * STOP);
        best.stale = 0;
        best.runBest = Double.POSITIVE_INFINITY;
        int patience = 2 * dim + 2;
        ToDoubleFunction<double[]> objective = x -> {
            double v = best.offer(padded ? new double[] {x[0]} : x.clone());
            if (best.stale > patience) {
                throw new Flat();
            }
            return v;
        };
        try {
            bobyqa.optimize(new MaxEval(evaluations), new ObjectiveFunction(objective::applyAsDouble),
                GoalType.MINIMIZE, new InitialGuess(guess), new SimpleBounds(lo, hi));
        } catch (Flat e) {
            // converged as far as doubles can tell (see Flat)
        } catch (MathIllegalStateException e) {
            // out of evaluations, or BOBYQA's own model step lost its accuracy near a flat minimum:
            // either way the best point it reached is kept
            if (e.getSpecifier() != LocalizedCoreFormats.MAX_COUNT_EXCEEDED
                && e.getSpecifier() != LocalizedOptimFormats.TRUST_REGION_STEP_FAILED) {
                throw e;
            }
        }
    }

    private double[] inside(double[] u) {
        var x = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            x[i] = UnitBox.clamp(u[i], lower[i], upper[i]);
        }
        return x;
    }

    /**
     * Ends a BOBYQA run once 2n + 2 evaluations in a row have not improved the best value by more
     * than 10⁻¹² of its size: the function is flat to rounding there, and Hipparchus' trust-region
     * subproblem, fed an interpolation model of rounding noise, can loop without end (and without
     * calling the function, so no evaluation limit stops it).
     */
    private static final class Flat extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Flat() {
            super(null, null, false, false);
        }
    }

    /**
     * The best point seen. Values that are not finite reach BOBYQA as the worst finite value so
     * far plus its magnitude plus one (as a failed sample does in an optimizer), so that its
     * quadratic model stays finite and of the scale of the function: a huge stand-in overflows the
     * model, and Hipparchus' trust-region subproblem then never ends. They never become the best.
     */
    private static final class Best {
        private final ToDoubleFunction<double[]> f;
        private double[] point;
        private double value = Double.POSITIVE_INFINITY;
        private double worst = Double.NEGATIVE_INFINITY;
        /** The best value of the current BOBYQA run. */
        private double runBest;
        /** Evaluations since the current run's best value last improved by more than 10⁻¹² of itself. */
        private int stale;

        Best(ToDoubleFunction<double[]> f) {
            this.f = f;
        }

        double offer(double[] x) {
            double v = f.applyAsDouble(x);
            double comparable = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
            boolean better = comparable < runBest - 1e-12 * Math.abs(runBest);
            stale = better ? 0 : stale + 1;
            runBest = Math.min(runBest, comparable);
            if (point == null || comparable < value) {
                point = x;
                value = comparable;
            }
            if (Double.isFinite(v)) {
                worst = Math.max(worst, v);
                return v;
            }
            return worst == Double.NEGATIVE_INFINITY ? 1 : worst + Math.abs(worst) + 1;
        }
    }
}
