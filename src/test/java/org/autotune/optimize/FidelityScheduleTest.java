package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autotune.YamlFile;
import org.autotune.score.Score;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.junit.jupiter.api.Test;

class FidelityScheduleTest {
    /** A point asked, the events it was asked with, and how many results had been told before. */
    record Asked(Point point, int events, int toldBefore) {
    }

    /**
     * The campaign loop with events: asks for the free slots, tells in order; the score is
     * events × quadratic, as a χ² grows with the events at a fixed bias.
     */
    static List<Asked> drive(Optimizer opt, int slots, int budget) {
        var asked = new ArrayList<Asked>();
        var queue = new ArrayDeque<Asked>();
        int told = 0;
        while (true) {
            if (!opt.done() && asked.size() < budget) {
                var points = opt.ask(Math.min(slots - queue.size(), budget - asked.size()));
                int events = opt.events().orElseThrow();
                for (var p : points) {
                    var a = new Asked(p, events, told);
                    asked.add(a);
                    queue.add(a);
                }
            }
            if (queue.isEmpty()) {
                return asked;
            }
            var a = queue.poll();
            var score = Score.of(a.events() * CmaEsTest.quadratic(a.point()));
            opt.tell(List.of(new Result(a.point(), Optional.of(score))));
            told++;
        }
    }

    private static FidelitySchedule schedule(String inner, int[] events, int[] points, double narrow, Space space) {
        return new FidelitySchedule(space, new FidelitySchedule.Stages(events, points, narrow),
            (s, stage) -> Optimizers.create(YamlFile.parse(Path.of("t.yaml"), inner), s, 5 + stage, 8));
    }

    @Test
    void events_rise_stage_by_stage_and_each_stage_searches_a_narrower_box() {
        var space = CmaEsTest.box(4, -5, 5, 4);
        var opt = schedule("type: surrogate\ntolerance: 0.0001", new int[] {10, 40, 160},
            new int[] {60, 60, Integer.MAX_VALUE}, 0.5, space);
        var asked = drive(opt, 8, 600);

        assertThat(asked.stream().map(Asked::events).distinct().toList()).containsExactly(10, 40, 160);
        for (int i = 1; i < asked.size(); i++) {
            assertThat(asked.get(i).events()).isGreaterThanOrEqualTo(asked.get(i - 1).events());
        }
        int[] events = {10, 40, 160};
        for (int k = 0; k < 3; k++) {
            int e = events[k];
            var stage = asked.stream().filter(a -> a.events() == e).toList();
            if (k < 2) {
                assertThat(stage).as("stage %d keeps to its share", k).hasSizeLessThanOrEqualTo(60);
            }
            double width = 10 * Math.pow(0.5, k);
            for (int d = 0; d < 4; d++) {
                int dim = d;
                var values = stage.stream().mapToDouble(a -> a.point().get("x" + dim)).summaryStatistics();
                assertThat(values.getMax() - values.getMin()).as("stage %d, x%d", k, d)
                    .isLessThanOrEqualTo(width + 1e-9);
            }
        }
        assertThat(opt.done()).isTrue();
        var est = opt.estimate().orElseThrow();
        CmaEsTest.assertAtQuadraticMinimum(est, 2e-3);
    }

    @Test
    void a_stage_starts_only_after_every_point_of_the_stage_before_was_told() {
        var space = CmaEsTest.box(4, -5, 5, 4);
        // shares that are not a multiple of the batch: the last wave of a stage is cut short
        var opt = schedule("type: cma-es", new int[] {10, 40}, new int[] {13, 20}, 0.5, space);
        var asked = drive(opt, 8, 100);
        var first = asked.stream().filter(a -> a.events() == 10).toList();
        var second = asked.stream().filter(a -> a.events() == 40).toList();
        assertThat(first).hasSize(13);
        assertThat(second).hasSize(20);
        assertThat(second.get(0).toldBefore()).isEqualTo(13);
        assertThat(opt.done()).isTrue();
    }

    @Test
    void a_stage_ends_early_when_its_optimizer_converges() {
        var space = CmaEsTest.box(4, -5, 5, 4);
        var opt = schedule("type: surrogate\ntolerance: 0.01", new int[] {10, 40},
            new int[] {10_000, Integer.MAX_VALUE}, 0.5, space);
        var asked = drive(opt, 8, 5000);
        long first = asked.stream().filter(a -> a.events() == 10).count();
        long second = asked.stream().filter(a -> a.events() == 40).count();
        assertThat(first).isBetween(1L, 9_999L);
        assertThat(second).isPositive();
        assertThat(opt.done()).isTrue();
    }

    @Test
    void the_same_results_give_the_same_proposals_and_events() {
        var space = CmaEsTest.box(4, -5, 5, 4);
        var a = drive(schedule("type: surrogate", new int[] {10, 40, 160}, new int[] {30, 30, Integer.MAX_VALUE},
            0.5, space), 8, 200);
        var b = drive(schedule("type: surrogate", new int[] {10, 40, 160}, new int[] {30, 30, Integer.MAX_VALUE},
            0.5, space), 8, 200);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void the_narrowed_box_stays_inside_the_bounds_and_keeps_discrete_ranges() {
        var space = new Space(List.of(
            new Parameter("a", ParameterKind.REAL, 0, 10, 9, 2, "", "", List.of()),
            new Parameter("b", ParameterKind.LOG, 1, 1e4, 10, 10, "", "", List.of()),
            new Parameter("n", ParameterKind.INTEGER, 1, 9, 3, 1, "", "", List.of())));
        var centre = new Point(space.names(), new double[] {9.5, 100, 7});
        var narrow = FidelitySchedule.narrowed(space, centre, 0.25);
        var a = narrow.parameter(0);
        assertThat(a.min()).isCloseTo(7.5, within(1e-12));   // moved inside: [7.5, 10], not [8.25, 10.75]
        assertThat(a.max()).isEqualTo(10);
        assertThat(a.start()).isEqualTo(9.5);
        assertThat(a.step()).isEqualTo(1.25);                 // at most half the new range
        var b = narrow.parameter(1);
        assertThat(b.min()).isCloseTo(100 / Math.sqrt(10), within(1e-9));   // a quarter of four decades around 100
        assertThat(b.max()).isCloseTo(100 * Math.sqrt(10), within(1e-9));
        assertThat(b.step()).isCloseTo(Math.sqrt(10), within(1e-12));
        var n = narrow.parameter(2);
        assertThat(n.min()).isEqualTo(1);
        assertThat(n.max()).isEqualTo(9);
        assertThat(n.start()).isEqualTo(7);
        assertThat(FidelitySchedule.narrowed(space, centre, 1).parameter(0).min()).isZero();
    }
}
