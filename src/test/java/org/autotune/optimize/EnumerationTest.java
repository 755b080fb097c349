package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.autotune.InputError;
import org.autotune.YamlFile;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.junit.jupiter.api.Test;

/** The enumeration of discrete design choices with a continuous optimizer inside each. */
class EnumerationTest {
    private static final Space SPACE = new Space(List.of(
        new Parameter("planes", ParameterKind.INTEGER, 2, 4, 2, 1, "", "", List.of()),
        Parameter.real("x", 0, 1, 0.5),
        new Parameter("material", ParameterKind.CHOICE, 0, 1, 0, 1, "", "", List.of("lead", "iron"))));

    /** Best at planes = 3, iron, x = 0.6: each combination has its own x optimum and floor. */
    private static double score(Point p) {
        double n = p.get("planes");
        return Math.pow(p.get("x") - 0.2 * n, 2) + 0.1 * Math.pow(n - 3, 2) + 0.05 * (1 - p.get("material"));
    }

    private static Optimizer create(String yaml) {
        return Optimizers.create(YamlFile.parse(Path.of("t.yaml"), yaml), SPACE, 5, 4, false);
    }

    /** Runs the optimizer like the campaign loop: ask for free slots, tell in order of proposal. */
    private static List<Point> drive(Optimizer opt, ToDoubleFunction<Point> f, int budget) {
        var proposed = AskTellLoop.drive(opt, 4, budget, f);
        assertThat(proposed).allMatch(SPACE::contains);
        return proposed;
    }

    @Test
    void the_first_asks_spread_over_the_combinations() {
        var first = create("{type: enumerate, inner: {type: cma-es}}").ask(4);
        assertThat(first.stream().map(p -> List.of(p.get("planes"), p.get("material"))).distinct()).hasSize(4);
    }

    @Test
    void it_finds_the_best_combination_and_its_continuous_optimum() {
        var opt = create("{type: enumerate, samples: 150, inner: {type: cma-es, sigma: 0.3}}");
        var points = drive(opt, EnumerationTest::score, 6 * 150);
        var best = points.stream().min(java.util.Comparator.comparingDouble(EnumerationTest::score)).orElseThrow();
        assertThat(best.get("planes")).isEqualTo(3);
        assertThat(best.get("material")).isEqualTo(1);
        assertThat(best.get("x")).isBetween(0.58, 0.62);
        assertThat(opt.estimate().orElseThrow().get("planes")).isEqualTo(3);
        // every combination got samples, none more than its share
        for (double n = 2; n <= 4; n++) {
            double planes = n;
            assertThat(points.stream().filter(p -> p.get("planes") == planes).count()).isBetween(2L, 300L);
        }
    }

    @Test
    void proposals_are_a_pure_function_of_seed_and_results() {
        var a = drive(create("{type: enumerate, samples: 40, inner: {type: cma-es}}"), EnumerationTest::score, 200);
        var b = drive(create("{type: enumerate, samples: 40, inner: {type: cma-es}}"), EnumerationTest::score, 200);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void mistakes_name_the_key_and_the_fix() {
        assertThatThrownBy(() -> create("{type: enumerate, inner: {type: enumerate}}"))
            .isInstanceOf(InputError.class).hasMessageContaining("inner.type: an enumeration inside");
        assertThatThrownBy(() -> Optimizers.create(YamlFile.parse(Path.of("t.yaml"), "{type: enumerate}"),
            new Space(List.of(Parameter.real("x", 0, 1, 0.5))), 1, 2, false))
            .isInstanceOf(InputError.class).hasMessageContaining("enumerate needs integer or choice parameters");
        assertThatThrownBy(() -> create("{type: enumerate, inner: {type: cma-es, sigma: 2}}"))
            .isInstanceOf(InputError.class).hasMessageContaining("inner.sigma");
    }
}
