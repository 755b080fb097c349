package org.autotune.design;

import java.util.ArrayList;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.autotune.space.Parameter;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;

/**
 * The fixed-budget reparametrisation: one real or log parameter is not tuned but solved for, so that
 * every design spends exactly the budget (cost(θ) = B). The optimizer works on the other parameters
 * (the {@link #reduced} space); {@link #complete} adds the solved parameter.
 *
 * <p>The root is searched within the parameter's bounds with Hipparchus' bracketing Brent solver; a
 * cost that does not cross the budget between the bounds has no solution there (empty).
 */
public final class FixedBudget {
    /** Relative accuracy of the solved value, as a fraction of the parameter's range. */
    public static final double TOLERANCE = 1e-12;
    private static final int MAX_EVALUATIONS = 200;

    private final Space space;
    private final Space reduced;
    private final int index;
    private final Cost cost;
    private final double budget;

    private FixedBudget(Space space, int index, Cost cost, double budget) {
        this.space = space;
        this.index = index;
        this.cost = cost;
        this.budget = budget;
        var rest = new ArrayList<>(space.parameters());
        rest.remove(index);
        this.reduced = new Space(rest);
    }

    /** The solver for a cost section with {@code fixed-budget}. */
    public static FixedBudget solver(DesignCost design, Space space) {
        String name = design.fixedParameter().orElseThrow(() -> new IllegalArgumentException("no fixed-budget"));
        return new FixedBudget(space, space.names().indexOf(name), design.cost(),
            design.budget().orElseThrow(() -> new IllegalArgumentException("fixed-budget without a budget")).budget());
    }

    /** The space the optimizer searches: every parameter but the solved one. */
    public Space reduced() {
        return reduced;
    }

    /** The solved parameter. */
    public Parameter parameter() {
        return space.parameter(index);
    }

    /** The full point whose solved parameter makes cost = budget; empty when no value within its bounds does. */
    public Optional<Point> complete(Point reducedPoint) {
        double[] v = new double[space.dimension()];
        for (int i = 0, j = 0; i < v.length; i++) {
            v[i] = i == index ? parameter().start() : reducedPoint.get(j++);
        }
        var p = parameter();
        DoubleUnaryOperator excess = x -> {
            v[index] = x;
            double c = cost.cost(new Point(space.names(), v));
            if (!Double.isFinite(c)) {
                throw new IllegalStateException("the cost is " + c + " at " + new Point(space.names(), v));
            }
            return c - budget;
        };
        double lo = excess.applyAsDouble(p.min());
        double hi = excess.applyAsDouble(p.max());
        double x;
        if (lo == 0) {
            x = p.min();
        } else if (hi == 0) {
            x = p.max();
        } else if (Math.signum(lo) == Math.signum(hi)) {
            return Optional.empty();
        } else {
            double range = p.max() - p.min();
            var brent = new BracketingNthOrderBrentSolver(TOLERANCE, TOLERANCE * range, 1e-300, 5);
            x = brent.solve(MAX_EVALUATIONS, excess::applyAsDouble, p.min(), p.max(), AllowedSolution.ANY_SIDE);
            x = Math.min(p.max(), Math.max(p.min(), x));
        }
        v[index] = x;
        return Optional.of(new Point(space.names(), v));
    }

    /** A full point without its solved parameter. */
    public Point reduce(Point full) {
        double[] v = new double[reduced.dimension()];
        for (int i = 0, j = 0; i < space.dimension(); i++) {
            if (i != index) {
                v[j++] = full.get(i);
            }
        }
        return new Point(reduced.names(), v);
    }

    /** Solves the full point's fixed parameter again (its current value is ignored). */
    public Optional<Point> solve(Point full) {
        return complete(reduce(full));
    }
}
