package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.autotune.score.Score;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoordinateDescentTest {
    private static final Space SPACE = new Space(List.of(
        new Parameter("a", ParameterKind.REAL, -5, 5, -3, 1, "", "", List.of()),
        new Parameter("b", ParameterKind.REAL, -5, 5, 4, 1, "", "", List.of())));

    /** Drives an optimizer the way the campaign loop does: tell in order, ask after each tell. */
    static List<Point> drive(Optimizer opt, int slots, int budget, ToDoubleFunction<Point> f) {
        return AskTellLoop.drive(opt, slots, budget, f);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5})
    void finds_the_minimum_of_a_separable_quadratic_with_any_number_of_slots(int slots) {
        var cd = Optimizers.create(org.autotune.YamlFile.parse(java.nio.file.Path.of("t.yaml"),
            "type: coordinate-descent\nrefinements: 6"), SPACE, 1, slots);
        drive(cd, slots, 1000, p -> Math.pow(p.get("a") - 1.3, 2) + 3 * Math.pow(p.get("b") + 0.7, 2));
        var best = cd.path().stream().filter(PathStep::accepted).reduce((x, y) -> y).orElseThrow().to();
        // final step = 1 * 0.5^6 = 1/64: the minimum is found to within half of it on each axis
        assertThat(best.get("a")).isCloseTo(1.3, within(1.0 / 128 + 1e-9));
        assertThat(best.get("b")).isCloseTo(-0.7, within(1.0 / 128 + 1e-9));
        assertThat(cd.done()).isTrue();
    }

    @Test
    void parallel_line_scans_need_fewer_waves_than_one_step_at_a_time() {
        ToDoubleFunction<Point> f = p -> Math.abs(p.get("a") - 4.0) + Math.abs(p.get("b") + 4.0);
        var one = Optimizers.create(org.autotune.YamlFile.parse(java.nio.file.Path.of("t.yaml"), "type: coordinate-descent\nrefinements: 0"),
            SPACE, 1, 1);
        var four = Optimizers.create(org.autotune.YamlFile.parse(java.nio.file.Path.of("t.yaml"), "type: coordinate-descent\nrefinements: 0"),
            SPACE, 1, 4);
        int samplesOne = drive(one, 1, 1000, f).size();
        int samplesFour = drive(four, 4, 1000, f).size();
        int wavesFour = four.path().size();
        // sequentially every sample is its own wave; four slots move up to four steps per wave
        assertThat(wavesFour).isLessThan(samplesOne / 2);
        // and both end on the same minimum (4, -4): more slots change the waiting, not the answer
        for (var opt : List.of(one, four)) {
            var end = opt.path().stream().filter(PathStep::accepted).reduce((x, y) -> y)
                .orElseThrow().to();
            var samples = "samples with 1 and 4 slots: %d, %d".formatted(samplesOne, samplesFour);
            assertThat(end.get("a")).as(samples).isCloseTo(4.0, within(1e-9));
            assertThat(end.get("b")).as(samples).isCloseTo(-4.0, within(1e-9));
        }
    }

    @Test
    void records_each_step_with_its_axis_and_whether_it_was_accepted() {
        var cd = Optimizers.create(org.autotune.YamlFile.parse(java.nio.file.Path.of("t.yaml"), "type: coordinate-descent\nrefinements: 0"),
            SPACE, 1, 2);
        drive(cd, 2, 1000, p -> Math.pow(p.get("a"), 2) + Math.pow(p.get("b"), 2));
        var path = cd.path();
        assertThat(path).extracting(PathStep::axis).contains("a", "b");
        assertThat(path).anyMatch(PathStep::accepted).anyMatch(s -> !s.accepted());
        assertThat(path.get(0).from()).isEqualTo(SPACE.start());
        assertThat(path).allMatch(s -> s.step() == 1.0);
    }

    @Tag("slow")
    @Test
    void the_same_results_give_the_same_proposals() {
        ToDoubleFunction<Point> f = p -> Math.pow(p.get("a") - 0.3, 2) + Math.abs(p.get("b") + 1);
        var first = drive(Optimizers.create(org.autotune.YamlFile.parse(java.nio.file.Path.of("t.yaml"), "{}"),
            SPACE, 1, 3), 3, 500, f);
        var second = drive(Optimizers.create(org.autotune.YamlFile.parse(java.nio.file.Path.of("t.yaml"), "{}"),
            SPACE, 1, 3), 3, 500, f);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void steps_integer_and_choice_parameters_cell_by_cell() {
        var space = new Space(List.of(
            new Parameter("n", ParameterKind.INTEGER, 1, 20, 2, 3, "", "", List.of()),
            new Parameter("m", ParameterKind.CHOICE, 0, 0, 0, 1, "", "", List.of("x", "y", "z", "w"))));
        var cd = Optimizers.create(org.autotune.YamlFile.parse(java.nio.file.Path.of("t.yaml"), "{}"), space, 1, 2);
        var asked = drive(cd, 2, 500, p -> Math.abs(p.get("n") - 13) + (p.get("m") == 2 ? 0 : 5));
        assertThat(asked).allMatch(space::contains);
        var best = cd.path().stream().filter(PathStep::accepted).reduce((x, y) -> y).orElseThrow().to();
        assertThat(best.get("n")).isEqualTo(13);
        assertThat(best.get("m")).isEqualTo(2);
    }

    @Test
    void refuses_results_for_points_it_did_not_ask_for() {
        var cd = Optimizers.create(org.autotune.YamlFile.parse(java.nio.file.Path.of("t.yaml"), "{}"), SPACE, 1, 2);
        cd.ask(2);
        var stranger = SPACE.start().with("a", 0.123);
        assertThatThrownBy(() -> cd.tell(List.of(new Result(stranger, Optional.of(Score.of(1))))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("did not ask");
    }

    @Test
    void failed_samples_count_as_worse_than_any_score() {
        var cd = Optimizers.create(org.autotune.YamlFile.parse(java.nio.file.Path.of("t.yaml"), "type: coordinate-descent\nrefinements: 0"),
            SPACE, 1, 1);
        // the region a > 0 "crashes": descent must stay where samples succeed
        drive(new FailingWhere(cd), 1, 300, p -> Math.pow(p.get("a") - 2, 2) + Math.pow(p.get("b"), 2));
        var best = cd.path().stream().filter(PathStep::accepted).reduce((x, y) -> y).orElseThrow().to();
        assertThat(best.get("a")).isLessThanOrEqualTo(0);
    }

    /**
     * Noisy scores with their standard error σ: with significance 2 the descent moves only on an
     * improvement beyond 2·√2·σ, so noise alone does not move it, and its estimate is the point it
     * stands on rather than the luckiest of its line scans.
     */
    @Test
    void with_noisy_scores_and_significance_its_estimate_is_near_the_true_minimum_unlike_the_luckiest_draw() {
        double sigma = 0.3;
        ToDoubleFunction<Point> truth = p -> Math.pow(p.get("a") - 1.3, 2) + 3 * Math.pow(p.get("b") + 0.7, 2);
        var rng = new java.util.SplittableRandom(4);
        var cd = Optimizers.create(org.autotune.YamlFile.parse(java.nio.file.Path.of("t.yaml"),
            "type: coordinate-descent\nrefinements: 6\nsignificance: 2"), SPACE, 1, 4);
        var asked = new java.util.ArrayList<Point>();
        var draws = new java.util.ArrayList<Double>();
        var queue = new java.util.ArrayDeque<Point>();
        while (true) {
            if (!cd.done()) {
                var points = cd.ask(4 - queue.size());
                asked.addAll(points);
                queue.addAll(points);
            }
            if (queue.isEmpty()) {
                break;
            }
            var p = queue.poll();
            double v = truth.applyAsDouble(p) + sigma * rng.nextGaussian();
            draws.add(v);
            cd.tell(List.of(new Result(p, Optional.of(new Score(v, java.util.OptionalDouble.of(sigma),
                java.util.Map.of(), List.of())))));
        }
        int lucky = 0;
        for (int i = 1; i < draws.size(); i++) {
            lucky = draws.get(i) < draws.get(lucky) ? i : lucky;
        }
        var estimate = cd.estimate().orElseThrow();
        // a move needs an observed improvement beyond 2·√2·σ = 0.85, so the descent may stop where a
        // true improvement of that size is left, plus about 2σ of bad luck on the point it stands on
        assertThat(truth.applyAsDouble(estimate)).isLessThan(2 * Math.sqrt(2) * sigma + 2 * sigma);
        // the luckiest of the draws undercuts its own true value by more than 2σ (the expected
        // minimum of ~70 standard normals is -2.4): reporting it would be optimistic
        assertThat(draws.get(lucky) - truth.applyAsDouble(asked.get(lucky))).isLessThan(-2 * sigma);
        assertThat(estimate).isNotEqualTo(asked.get(lucky));
    }

    /** Wraps an optimizer so that results for a > 0 arrive as failures. */
    private record FailingWhere(Optimizer inner) implements Optimizer {
        @Override
        public List<Point> ask(int n) {
            return inner.ask(n);
        }

        @Override
        public void tell(List<Result> results) {
            inner.tell(results.stream()
                .map(r -> r.point().get("a") > 0 ? new Result(r.point(), Optional.empty()) : r).toList());
        }

        @Override
        public boolean done() {
            return inner.done();
        }
    }
}
