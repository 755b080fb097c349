package org.autotune.design;

import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.OptionalDouble;
import org.autotune.score.Score;
import org.autotune.space.Point;

/**
 * Turns a metric's score into the campaign's score: metric + budget term. The parts are kept as the
 * components {@value #METRIC} (the metric's value), {@value #COST} (the design's cost) and, with a
 * budget, {@value #BUDGET} (the budget term), beside the metric's own components.
 *
 * <p>With {@code coefficient: auto} the coefficient is |value| of the first metric score passed to
 * {@link #total} (1 if that is 0), as TomOpt sets it from the first loss. The campaign passes scores
 * in the order the optimizer's points were proposed, so the coefficient is a pure function of the
 * results, and it journals the coefficient so that later loops (scans) use the same one.
 *
 * <p>Threading: one thread (the campaign loop).
 */
public final class CostTerms {
    /** Component names. */
    public static final String METRIC = "metric";
    public static final String COST = "cost";
    public static final String BUDGET = "budget";

    private final Optional<DesignCost> design;
    private OptionalDouble coefficient;

    /**
     * @param known the coefficient fixed earlier (journaled), or empty to take it from the design or
     *              the first score
     */
    public CostTerms(DesignCost design, OptionalDouble known) {
        this.design = Optional.of(design);
        this.coefficient = design.coefficient().isPresent() ? design.coefficient() : known;
    }

    private CostTerms() {
        this.design = Optional.empty();
        this.coefficient = OptionalDouble.empty();
    }

    /** For a campaign without a cost: scores pass unchanged. */
    public static CostTerms none() {
        return new CostTerms();
    }

    /** The coefficient in use; empty until the first score fixed an automatic one. */
    public OptionalDouble coefficient() {
        return coefficient;
    }

    /**
     * The campaign's score of a design: the metric's score plus the budget term, with the parts as
     * components. A score that already holds a {@value #COST} component is a total (read back from the
     * journal) and is returned unchanged.
     */
    public Score total(Point point, Score metric) {
        if (design.isEmpty() || metric.components().containsKey(COST)) {
            return metric;
        }
        var design = this.design.get();
        double cost = design.cost().cost(point);
        if (!Double.isFinite(cost)) {
            throw new IllegalStateException("the cost function " + design.cost() + " gave " + cost + " at " + point);
        }
        var components = new LinkedHashMap<String, Double>(metric.components());
        components.put(METRIC, metric.value());
        components.put(COST, cost);
        double value = metric.value();
        if (design.budget().isPresent()) {
            if (coefficient.isEmpty()) {
                double first = Math.abs(metric.value());
                coefficient = OptionalDouble.of(first > 0 && Double.isFinite(first) ? first : 1);
            }
            double term = design.budget().get().value(cost, coefficient.getAsDouble());
            components.put(BUDGET, term);
            value += term;
        }
        return new Score(value, metric.standardError(), components, metric.observables());
    }
}
