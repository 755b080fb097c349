package org.autotune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class BoxMinimizerTest {
    /** (x − 0.3)² + 2(y − 0.6)² + (x − 0.3)(y − 0.6) + 5: minimum 5 at (0.3, 0.6). */
    private static final ToDoubleFunction<double[]> BOWL = u -> {
        double a = u[0] - 0.3;
        double b = u[1] - 0.6;
        return a * a + 2 * b * b + a * b + 5;
    };

    @Test
    void a_function_flat_to_rounding_ends_each_run_after_a_few_evaluations() {
        // an acquisition far from all data is flat to 1e-14; Hipparchus' BOBYQA, fed an interpolation
        // model of rounding noise, could loop without end inside its trust-region step
        var calls = new AtomicInteger();
        var search = BoxMinimizer.unitCube(3, 10_000);
        var found = search.minimize(u -> {
            calls.incrementAndGet();
            return 2.0966021733 + 1e-14 * (u[0] - u[1]);
        }, List.of(new double[] {0.5, 0.5, 0.5}, new double[] {0.2, 0.8, 0.1}));
        // per start: the start itself, then at most 2n + 1 = 7 interpolation points and 2n + 2 = 8
        // more without improvement (the first of the interpolation points counts towards both)
        assertThat(calls.get()).isLessThanOrEqualTo(2 * (1 + 7 + 8));
        assertThat(found.value()).isLessThanOrEqualTo(2.0966021733 + 1e-14 * (0.5 - 0.5));
    }

    @Test
    void values_that_are_not_finite_never_win_and_do_not_derail_the_search() {
        var search = BoxMinimizer.unitCube(2, 2_000);
        var found = search.minimize(u -> u[0] > 0.8 ? Double.NaN : u[1] > 0.9 ? Double.POSITIVE_INFINITY
            : Math.pow(u[0] - 0.3, 2) + Math.pow(u[1] - 0.6, 2), List.of(new double[] {0.9, 0.95}));
        assertThat(found.point()[0]).isCloseTo(0.3, within(1e-3));
        assertThat(found.point()[1]).isCloseTo(0.6, within(1e-3));
    }

    @Test
    void finds_the_minimum_of_a_shifted_quadratic_inside_the_box() {
        var found = BoxMinimizer.unitCube(2, 200).minimize(BOWL, List.of(new double[] {0.9, 0.1}));

        assertThat(found.point()).containsExactly(new double[] {0.3, 0.6}, within(1e-5));
        assertThat(found.value()).isCloseTo(5, within(1e-9));
    }

    @Test
    void stops_on_the_box_edge_when_the_minimum_lies_outside() {
        // the box [0.5, 0.8] × [0, 1]: the minimum along x = 0.5 is at y = 0.6 − (0.5 − 0.3)/4 = 0.55
        var box = new BoxMinimizer(new double[] {0.5, 0}, new double[] {0.8, 1}, 200);

        var found = box.minimize(BOWL, List.of(new double[] {0.7, 0.9}, new double[] {0.6, 0.2}));

        assertThat(found.point()).containsExactly(new double[] {0.5, 0.55}, within(1e-5));
    }

    @Test
    void a_trust_box_is_cut_to_the_unit_cube() {
        var box = BoxMinimizer.around(new double[] {0.95, 0.5}, 0.1, 100);
        assertThat(box.lower()).containsExactly(new double[] {0.85, 0.4}, within(1e-12));
        assertThat(box.upper()).containsExactly(new double[] {1.0, 0.6}, within(1e-12));

        var found = box.minimize(BOWL, List.of(new double[] {0.95, 0.5}));
        assertThat(found.point()).containsExactly(new double[] {0.85, 0.6 - 0.55 / 4}, within(1e-5));
    }

    @Test
    void works_in_one_dimension() {
        var found = BoxMinimizer.unitCube(1, 100).minimize(u -> Math.pow(u[0] - 0.2, 2), List.of(new double[] {0.9}));
        assertThat(found.point()).hasSize(1);
        assertThat(found.point()[0]).isCloseTo(0.2, within(1e-5));
    }

    @Test
    void screening_keeps_the_lowest_points_best_first() {
        var points = List.of(new double[] {0.9, 0.9}, new double[] {0.3, 0.6}, new double[] {0.4, 0.6});
        var best = BoxMinimizer.best(BOWL, points, 2);
        assertThat(best).hasSize(2);
        assertThat(best.get(0)).containsExactly(0.3, 0.6);
        assertThat(best.get(1)).containsExactly(0.4, 0.6);
    }
}
