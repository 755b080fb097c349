package org.autotune.design;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.autotune.Options;
import org.autotune.UserClasses;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * Reads a campaign file's {@code cost:} section:
 * <pre>
 * cost:
 *   expression: "2*span1*span2 + 0.5*planes"   # or class: my.Cost (implements org.autotune.design.Cost)
 *   budget: 10              # optional: adds the budget term to the score
 *   steepness: 10           # s of the budget term (default 10)
 *   coefficient: auto       # or a number; auto: the first score told
 *   fixed-budget: span2     # optional: solve this parameter so that cost = budget
 * </pre>
 */
public final class Costs {
    static final List<String> KEYS = List.of("expression", "class", "classpath", "options", "budget", "steepness",
        "coefficient", "fixed-budget");

    private Costs() {
    }

    /** The cost settings, or empty when the campaign has no {@code cost:} section. */
    public static Optional<DesignCost> read(Optional<Options> section, Space space, Path dir) {
        if (section.isEmpty()) {
            return Optional.empty();
        }
        var c = section.get();
        c.allowOnly(KEYS);
        Cost cost = c.has("expression") == c.has("class")
            ? failBoth(c) : c.has("expression") ? expression(c, space) : javaClass(c, dir);
        Optional<BudgetTerm> term = Optional.empty();
        if (c.has("budget")) {
            double budget = c.number("budget");
            if (!(budget > 0) || Double.isInfinite(budget)) {
                throw c.error("budget", "budget " + budget + " must be a positive number", "give the budget in "
                    + "the unit of the cost, e.g. budget: 10");
            }
            double steepness = c.number("steepness", BudgetTerm.DEFAULT_STEEPNESS);
            if (!(steepness > 0) || Double.isInfinite(steepness)) {
                throw c.error("steepness", "steepness " + steepness + " must be a positive number",
                    "use e.g. steepness: 10 (TomOpt's choice)");
            }
            term = Optional.of(new BudgetTerm(budget, steepness));
        } else {
            for (String key : List.of("steepness", "coefficient", "fixed-budget")) {
                if (c.has(key)) {
                    throw c.error(key, key + " needs a budget", "add budget: (in the unit of the cost), or remove "
                        + key);
                }
            }
        }
        var design = new DesignCost(cost, term, coefficient(c), fixed(c, space));
        check(c, design, space);
        return Optional.of(design);
    }

    private static Cost failBoth(Options c) {
        throw c.has("expression")
            ? c.error("class", "both expression and class are given", "keep one of them")
            : c.error("expression", "the cost needs an expression or a class",
                "write e.g. expression: \"2*span1*span2\" or class: my.DetectorCost");
    }

    private static Cost expression(Options c, Space space) {
        try {
            return CostExpression.parse(c.string("expression"), space.names());
        } catch (IllegalArgumentException e) {
            throw c.error("expression", e.getMessage(), "write arithmetic (+ - * / ^, parentheses, numbers) over "
                + "the parameters " + space.names() + " and the functions " + CostExpression.FUNCTIONS.keySet());
        }
    }

    /** A class implementing Cost, with a public constructor (Map options) or (). */
    private static Cost javaClass(Options c, Path dir) {
        return UserClasses.create(c, dir, Cost.class, "Map<String, Object> options", List.of());
    }

    private static OptionalDouble coefficient(Options c) {
        if (!c.has("coefficient") || c.raw("coefficient").isString() && c.string("coefficient").equals("auto")) {
            return OptionalDouble.empty();
        }
        if (!c.raw("coefficient").isNumber()) {
            throw c.error("coefficient", "expected a number or auto, got '" + c.string("coefficient") + "'",
                "write coefficient: auto (the first score) or a positive number in the unit of the score");
        }
        double k = c.number("coefficient");
        if (!(k > 0) || Double.isInfinite(k)) {
            throw c.error("coefficient", "coefficient " + k + " must be a positive number",
                "write coefficient: auto (the first score) or a positive number in the unit of the score");
        }
        return OptionalDouble.of(k);
    }

    private static Optional<String> fixed(Options c, Space space) {
        var name = c.optionalString("fixed-budget");
        if (name.isEmpty()) {
            return name;
        }
        int i = space.names().indexOf(name.get());
        if (i < 0) {
            throw c.error("fixed-budget", "'" + name.get() + "' is not a parameter", "name one of " + space.names());
        }
        if (!space.parameter(i).kind().continuous()) {
            throw c.error("fixed-budget", "'" + name.get() + "' is " + space.parameter(i).kind().spelling()
                + "; only a real or log parameter can be solved for", "name a real or log parameter");
        }
        if (space.dimension() == 1) {
            throw c.error("fixed-budget", "'" + name.get() + "' is the only parameter: nothing would be left to tune",
                "remove fixed-budget, or add the parameters the budget is shared with");
        }
        return name;
    }

    /** The cost must be a number at the start point, and a fixed budget reachable from it. */
    private static void check(Options c, DesignCost design, Space space) {
        Point start = space.start();
        double at = design.cost().cost(start);
        if (!Double.isFinite(at)) {
            throw c.error(c.has("class") ? "class" : "expression", "the cost at the start point " + start + " is "
                + at, "make the cost finite over the parameters' ranges");
        }
        if (design.fixedParameter().isPresent()) {
            var solver = FixedBudget.solver(design, space);
            if (solver.solve(start).isEmpty()) {
                var p = space.parameter(space.names().indexOf(design.fixedParameter().get()));
                throw c.error("fixed-budget", "no value of '" + p.name() + "' in [" + p.min() + ", " + p.max()
                    + "] makes the cost equal the budget " + design.budget().orElseThrow().budget() + " at the start "
                    + "point", "widen the range of '" + p.name() + "', change the budget, or move the other "
                    + "parameters' starts");
            }
        }
    }
}
