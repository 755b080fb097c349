package org.autotune.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.autotune.YamlFile;
import org.autotune.score.Score;
import org.autotune.space.Parameter;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.junit.jupiter.api.Test;

/** The budget term's known answers (TomOpt's steep form) and how it joins the score. */
class BudgetTermTest {
    private static final Space SPACE = new Space(java.util.List.of(Parameter.real("a", 0, 4, 1)));

    private static DesignCost read(String yaml) {
        var root = YamlFile.parse(Path.of("campaign.yaml"), "cost: " + yaml);
        return Costs.read(root.optionalSection("cost"), SPACE, Path.of(".")).orElseThrow();
    }

    @Test
    void without_a_budget_the_cost_term_is_zero_at_cost_equal_to_one() {
        var terms = new CostTerms(read("{expression: a}"), OptionalDouble.empty());
        var total = terms.total(Point.of(java.util.Map.of("a", 1.0)), Score.of(3));
        assertThat(total.value() - 3).isEqualTo(0.0);
        assertThat(total.components()).containsEntry(CostTerms.COST, 1.0).doesNotContainKey(CostTerms.BUDGET);
    }

    @Test
    void automatic_coefficient_at_the_budget_doubles_the_first_score() {
        var terms = new CostTerms(read("{expression: a, budget: 1, coefficient: auto}"), OptionalDouble.empty());
        var total = terms.total(Point.of(java.util.Map.of("a", 1.0)), Score.of(3));
        assertThat(total.components().get(CostTerms.BUDGET)).isCloseTo(3.0, within(1e-15));
        assertThat(total.value()).isCloseTo(6.0, within(1e-15));
        assertThat(total.components()).containsEntry(CostTerms.METRIC, 3.0);
        assertThat(terms.coefficient()).hasValue(3.0);
        // the coefficient stays that of the first score
        var later = terms.total(Point.of(java.util.Map.of("a", 1.0)), Score.of(10));
        assertThat(later.value()).isCloseTo(13.0, within(1e-15));
    }

    @Test
    void a_total_read_back_from_the_journal_is_not_charged_twice() {
        var terms = new CostTerms(read("{expression: a, budget: 1, coefficient: 2}"), OptionalDouble.empty());
        var total = terms.total(Point.of(java.util.Map.of("a", 1.0)), Score.of(3));
        assertThat(terms.total(Point.of(java.util.Map.of("a", 1.0)), total)).isEqualTo(total);
    }

    @Test
    void the_term_is_continuously_differentiable_at_the_budget_with_slope_five() {
        var term = new BudgetTerm(1, 10);
        double h = 1e-6;
        double left = (term.value(1, 1) - term.value(1 - h, 1)) / h;
        double right = (term.value(1 + h, 1) - term.value(1, 1)) / h;
        // one-sided differences err by |f''|·h/2: f'' = 2·s²·σ''(d) is bounded by 2·100·0.1 = 20 on the
        // left and 0 on the right, so 1e-5 is a safe bound for h = 1e-6 (plus rounding ~1e-10)
        assertThat(left).isCloseTo(5.0, within(2e-5));
        assertThat(right).isCloseTo(5.0, within(2e-5));
        assertThat(term.value(1, 1)).isEqualTo(1.0);
    }

    @Test
    void above_the_budget_the_slope_is_constant() {
        var term = new BudgetTerm(1, 10);
        double h = 1e-3;
        for (double cost : new double[] {1.1, 2, 5, 100}) {
            double slope = (term.value(cost + h, 1) - term.value(cost, 1)) / h;
            assertThat(slope).isCloseTo(5.0, within(1e-9 * cost / h));
        }
    }

    @Test
    void far_below_the_budget_the_term_vanishes() {
        assertThat(new BudgetTerm(1, 10).value(0, 1)).isCloseTo(2 / (1 + Math.exp(10)), within(1e-18));
    }

    @Test
    void fixed_budget_solves_the_named_parameter() {
        var space = new Space(java.util.List.of(Parameter.real("x", 0, 4, 1), Parameter.real("y", 0.1, 4, 1)));
        var root = YamlFile.parse(Path.of("c.yaml"), "cost: {expression: \"x*y\", budget: 2, fixed-budget: y}");
        var design = Costs.read(root.optionalSection("cost"), space, Path.of(".")).orElseThrow();
        var solver = FixedBudget.solver(design, space);
        var full = solver.complete(new Point(java.util.List.of("x"), new double[] {0.8})).orElseThrow();
        assertThat(full.get("y")).isCloseTo(2.5, within(4 * FixedBudget.TOLERANCE * 3.9));
        assertThat(solver.complete(new Point(java.util.List.of("x"), new double[] {0.1}))).isEqualTo(Optional.empty());
    }
}
