package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.autotune.InputError;
import org.autotune.YamlFile;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CmaEsTest {
    static Space box(int n, double lo, double hi, double start) {
        var params = new java.util.ArrayList<Parameter>();
        for (int i = 0; i < n; i++) {
            params.add(new Parameter("x" + i, ParameterKind.REAL, lo, hi, start, (hi - lo) / 20, "", "", List.of()));
        }
        return new Space(params);
    }

    static Optimizer create(String yaml, Space space, long seed, int slots) {
        return Optimizers.create(YamlFile.parse(Path.of("t.yaml"), yaml), space, seed, slots);
    }

    /** Rosenbrock's function of x0 … x(n−1), minimum 0 at (1, …, 1). */
    static ToDoubleFunction<Point> rosenbrock(int n) {
        return p -> {
            double s = 0;
            for (int i = 0; i < n - 1; i++) {
                double x = p.get("x" + i);
                double y = p.get("x" + (i + 1));
                s += 100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x);
            }
            return s;
        };
    }

    /** A correlated quadratic in 4 parameters with its minimum at (1, -2, 0.5, 3). */
    /** Asserts that {@code p} is within {@code tolerance} of {@link #quadratic}'s minimum (1, −2, 0.5, 3) per axis. */
    static void assertAtQuadraticMinimum(Point p, double tolerance) {
        double[] minimum = {1, -2, 0.5, 3};
        for (int i = 0; i < minimum.length; i++) {
            assertThat(p.get("x" + i)).as("x" + i).isCloseTo(minimum[i], within(tolerance));
        }
    }

    static double quadratic(Point p) {
        double a = p.get("x0") - 1;
        double b = p.get("x1") + 2;
        double c = p.get("x2") - 0.5;
        double d = p.get("x3") - 3;
        return a * a + 4 * b * b + 2 * a * b + c * c + 10 * d * d + 3 * c * d;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 8})
    void finds_the_minimum_of_a_correlated_quadratic(int slots) {
        var space = box(4, -5, 5, 4);
        var cma = create("type: cma-es\ntolerance: 0.0001", space, 1, slots);
        CoordinateDescentTest.drive(cma, slots, 20_000, CmaEsTest::quadratic);
        assertThat(cma.done()).isTrue();
        var mean = ((CmaEs) cma).mean();
        // tolerance 1e-4 of the range (10): the mean is within 1e-3 of the minimum on each axis
        assertAtQuadraticMinimum(mean, 2e-3);
    }

    @Test
    void finds_the_minimum_of_rosenbrock() {
        var space = box(4, -2, 2, -1);
        var rosenbrock = rosenbrock(4);
        var cma = create("type: cma-es\ntolerance: 0.00001\nsigma: 0.3", space, 2, 8);
        CoordinateDescentTest.drive(cma, 8, 50_000, rosenbrock);
        var mean = ((CmaEs) cma).mean();
        for (int i = 0; i < 4; i++) {
            assertThat(mean.get("x" + i)).isCloseTo(1, within(1e-2));
        }
    }

    @Test
    void with_noisy_scores_it_goes_on_and_its_estimate_is_near_the_true_minimum_unlike_the_luckiest_draw() {
        // f = quadratic + N(0, 1) noise, minimum 0 at (1, -2, 0.5, 3); 1500 samples
        var space = box(4, -5, 5, 4);
        var rng = new SplittableRandom(5);
        var cma = create("type: cma-es", space, 3, 8);
        var asked = CoordinateDescentTest.drive(cma, 8, 1500, p -> quadratic(p) + rng.nextGaussian());
        assertThat(asked).hasSize(1500);   // noise never looks like convergence
        var mean = ((CmaEs) cma).mean();
        double estimateError = quadratic(mean);
        // the luckiest draw: the asked point whose noisy score was lowest is where noise helped most;
        // its true value is worse than the estimate's
        var rng2 = new SplittableRandom(5);
        Point lucky = null;
        double luckiest = Double.POSITIVE_INFINITY;
        for (var p : asked) {
            double v = quadratic(p) + rng2.nextGaussian();
            if (v < luckiest) {
                luckiest = v;
                lucky = p;
            }
        }
        // the lowest of 1500 noisy scores undercuts its own true value by about 3 noise sigmas
        // (the expected minimum of 1500 standard normals is -3.2): reporting it would be optimistic
        assertThat(luckiest - quadratic(lucky)).isLessThan(-2);
        // the distribution's mean is within half a noise sigma of the true minimum (0)
        assertThat(estimateError).isLessThan(0.5);
    }

    @Test
    void the_same_seed_and_scores_give_the_same_proposals_so_a_campaign_replays() {
        var space = box(3, -5, 5, 4);
        var first = CoordinateDescentTest.drive(create("type: cma-es", space, 9, 4), 4, 300, CmaEsTest::q3);
        var again = CoordinateDescentTest.drive(create("type: cma-es", space, 9, 4), 4, 300, CmaEsTest::q3);
        assertThat(again).isEqualTo(first);
        var other = CoordinateDescentTest.drive(create("type: cma-es", space, 10, 4), 4, 300, CmaEsTest::q3);
        assertThat(other).isNotEqualTo(first);
    }

    static double quadratic3(Point p) {
        return q3(p);
    }

    private static double q3(Point p) {
        return Math.pow(p.get("x0") - 1, 2) + Math.pow(p.get("x1"), 2) + Math.pow(p.get("x2") + 1, 2);
    }

    @Test
    void integer_and_choice_parameters_are_refused_with_the_alternative() {
        var space = new Space(List.of(Parameter.real("a", 0, 1, 0.5),
            new Parameter("n", ParameterKind.INTEGER, 1, 5, 2, 1, "", "", List.of())));
        assertThatThrownBy(() -> create("type: cma-es", space, 1, 2)).isInstanceOf(InputError.class)
            .hasMessageContaining("cma-es needs real or log parameters, but 'n' is integer")
            .hasMessageContaining("coordinate-descent");
    }
}
