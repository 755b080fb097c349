package org.autotune.design;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A campaign's {@code cost:} section, read and checked: the cost function, the budget term when a
 * {@code budget} is given, its coefficient (empty: automatic, the first score told), and the
 * parameter solved for so that the cost equals the budget ({@code fixed-budget}).
 */
public record DesignCost(Cost cost, Optional<BudgetTerm> budget, OptionalDouble coefficient,
                         Optional<String> fixedParameter) {
}
