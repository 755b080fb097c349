package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BobyqaGrowingTest {
    /** Samples the diagonal model may spend before it grows: the steps it is given to fail in, and one. */
    private static final int WINDOW_COST = 5;
    private static final BobyqaSettings SETTINGS = new BobyqaSettings(0.05, 1e-6, 100_000);

    /** A separable quadratic, minimum 0 at x_i = i - 2 (scales 1 to 10 along the axes). */
    private static double separable(Point p) {
        double s = 0;
        for (int i = 0; i < p.values().length; i++) {
            double z = p.values()[i] - (i - 2);
            s += (1 + 9.0 * i / (p.values().length - 1)) * z * z;
        }
        return s;
    }

    /** A narrow curved valley (the Rosenbrock function), minimum 0 at (1, 1, ...). */
    private static double rosenbrock(Point p) {
        double[] x = p.values();
        double s = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            s += 100 * Math.pow(x[i + 1] - x[i] * x[i], 2) + Math.pow(1 - x[i], 2);
        }
        return s;
    }

    /** Samples until the score is below {@code target}, or the budget plus one when it never is. */
    private static int toTarget(List<Point> asked, ToDoubleFunction<Point> f, double target, int budget) {
        for (int i = 0; i < asked.size(); i++) {
            if (f.applyAsDouble(asked.get(i)) < target) {
                return i + 1;
            }
        }
        return budget + 1;
    }

    private static int full(int n) {
        return (n + 1) * (n + 2) / 2;
    }

    /**
     * Powell's 2n + 1 points model a separable quadratic exactly, so the search gets to the minimum
     * without the full model's extra points (with 5 and 8 parameters the full model's first design alone
     * is 21 and 45 samples).
     */
    @ParameterizedTest
    @ValueSource(ints = {5, 8})
    void on_a_separable_score_it_needs_fewer_samples_than_the_full_model(int n) {
        var space = CmaEsTest.box(n, -5, 5, 4);
        int budget = 40 * n;
        var grown = CoordinateDescentTest.drive(new BobyqaGrowing(space, SETTINGS, space.toUnit(space.start()),
            full(n)), 1, budget, BobyqaGrowingTest::separable);
        var fullModel = CoordinateDescentTest.drive(PullAdapter.bobyqa(space, SETTINGS, space.toUnit(space.start()),
            full(n)), 1, budget, BobyqaGrowingTest::separable);
        for (double target : new double[] {1, 1e-3, 1e-6}) {
            int g = toTarget(grown, BobyqaGrowingTest::separable, target, budget);
            int f = toTarget(fullModel, BobyqaGrowingTest::separable, target, budget);
            assertThat(g).as("samples to %g", target).isLessThan(f);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5})
    void on_a_curved_valley_it_grows_the_model_and_asks_no_point_twice(int n) {
        var space = CmaEsTest.box(n, -5, 5, -3);
        int budget = 100 * n;
        var grown = CoordinateDescentTest.drive(new BobyqaGrowing(space, SETTINGS, space.toUnit(space.start()),
            full(n)), 1, budget, BobyqaGrowingTest::rosenbrock);
        var fullModel = CoordinateDescentTest.drive(PullAdapter.bobyqa(space, SETTINGS, space.toUnit(space.start()),
            full(n)), 1, budget, BobyqaGrowingTest::rosenbrock);
        // the grown model's first 2n + 1 points are answered from the scores the diagonal model had
        assertThat(grown).doesNotHaveDuplicates();
        // and the detour costs at most the few steps of the diagonal model: measured 158 against 155
        // samples (2 parameters) and 409 against 405 (5) to reach 1e-4
        int g = toTarget(grown, BobyqaGrowingTest::rosenbrock, 1e-4, budget);
        int f = toTarget(fullModel, BobyqaGrowingTest::rosenbrock, 1e-4, budget);
        assertThat(g).isLessThanOrEqualTo(f + WINDOW_COST);
    }

    @ParameterizedTest
    @ValueSource(ints = {5})
    void the_same_scores_give_the_same_points(int n) {
        Space space = CmaEsTest.box(n, -5, 5, -3);
        var first = CoordinateDescentTest.drive(new BobyqaGrowing(space, SETTINGS, space.toUnit(space.start()),
            full(n)), 1, 150, BobyqaGrowingTest::rosenbrock);
        var second = CoordinateDescentTest.drive(new BobyqaGrowing(space, SETTINGS, space.toUnit(space.start()),
            full(n)), 1, 150, BobyqaGrowingTest::rosenbrock);
        assertThat(second).isEqualTo(first);
    }
}
