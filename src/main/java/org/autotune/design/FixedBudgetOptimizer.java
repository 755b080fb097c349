package org.autotune.design;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.autotune.optimize.Optimizer;
import org.autotune.optimize.Result;
import org.autotune.space.Point;

/**
 * An optimizer over the reduced space of a {@link FixedBudget}, completed to full points: each point
 * it proposes spends exactly the budget. A reduced point for which no value of the solved parameter
 * within its bounds meets the budget is never sampled; the inner optimizer is told it failed (as if
 * its score were +∞) and asked again, so proposals stay a pure function of the results told.
 */
public final class FixedBudgetOptimizer implements Optimizer {
    /** Infeasible proposals in a row after which ask() returns what it has, so it always ends. */
    private static final int MAX_INFEASIBLE = 1000;

    private final Optimizer inner;
    private final FixedBudget budget;
    private final Map<Point, Point> reducedOf = new HashMap<>();

    public FixedBudgetOptimizer(Optimizer inner, FixedBudget budget) {
        this.inner = inner;
        this.budget = budget;
    }

    @Override
    public List<Point> ask(int n) {
        var out = new ArrayList<Point>();
        int infeasible = 0;
        while (out.size() < n && infeasible < MAX_INFEASIBLE && !inner.done()) {
            var asked = inner.ask(n - out.size());
            if (asked.isEmpty()) {
                break;
            }
            for (var r : asked) {
                var full = budget.complete(r);
                if (full.isPresent()) {
                    reducedOf.put(full.get(), r);
                    out.add(full.get());
                } else {
                    infeasible++;
                    inner.tell(List.of(new Result(r, Optional.empty())));
                }
            }
        }
        return out;
    }

    @Override
    public void tell(List<Result> results) {
        var told = new ArrayList<Result>();
        for (var r : results) {
            var reduced = reducedOf.get(r.point());
            if (reduced == null) {
                throw new IllegalArgumentException("told a result for " + r.point() + ", which was never asked");
            }
            told.add(new Result(reduced, r.score()));
        }
        inner.tell(told);
    }

    @Override
    public boolean done() {
        return inner.done();
    }

    @Override
    public OptionalInt events() {
        return inner.events();
    }

    @Override
    public Optional<Point> estimate() {
        return inner.estimate().flatMap(budget::complete);
    }

    @Override
    public void close() {
        inner.close();
    }
}
