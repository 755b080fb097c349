package org.autotune.design;

/**
 * The budget term added to the score of a design, in TomOpt's steep form (Strong et al., "TomOpt:
 * differential optimisation for task- and constraint-aware design of particle detectors", 2023):
 * with d = s·(cost − B)/B,
 * <pre>
 *   term = coefficient · 2·sigmoid(d)   for d ≤ 0   (below budget: falls to 0 as the cost falls)
 *   term = coefficient · (1 + d/2)      for d &gt; 0   (above budget: rises linearly, never flattens)
 * </pre>
 * Both branches give {@code coefficient} at the budget with slope coefficient·s/(2B) per unit cost,
 * so the term is continuously differentiable there (2·σ'(0) = 1/2); above the budget the slope stays
 * constant, so an optimizer is always pushed back below it.
 *
 * @param budget    B, in the unit of the cost (&gt; 0)
 * @param steepness s: how sharply the term rises near the budget (&gt; 0; TomOpt uses 10)
 */
public record BudgetTerm(double budget, double steepness) {
    /** TomOpt's default steepness. */
    public static final double DEFAULT_STEEPNESS = 10;

    public BudgetTerm {
        if (!(budget > 0) || Double.isInfinite(budget)) {
            throw new IllegalArgumentException("budget " + budget + " must be a positive number");
        }
        if (!(steepness > 0) || Double.isInfinite(steepness)) {
            throw new IllegalArgumentException("steepness " + steepness + " must be a positive number");
        }
    }

    /** The term for a design of this cost, scaled by {@code coefficient} (in the unit of the score). */
    public double value(double cost, double coefficient) {
        double d = steepness * (cost - budget) / budget;
        double shape = d <= 0 ? 2 / (1 + Math.exp(-d)) : 1 + d / 2;
        return coefficient * shape;
    }
}
