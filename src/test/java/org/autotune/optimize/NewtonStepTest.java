package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.autotune.model.Frame;
import org.autotune.model.PolynomialBasis;
import org.junit.jupiter.api.Test;

/**
 * The trust-region step of local-surrogate: to the model's minimum when it lies within the ball,
 * to the ball's edge (and no further) when it does not, and not at all along a direction that
 * has neither slope nor curvature.
 */
class NewtonStepTest {
    private static final double RADIUS = 0.1;

    /** A quadratic fit to exact scores at 40 random points of the box around c (seeded). */
    private static LocalFit fit(double[] c, ToDoubleFunction<double[]> score) {
        var rng = new SplittableRandom(3);
        var xs = new ArrayList<double[]>();
        double[] y = new double[40];
        for (int k = 0; k < y.length; k++) {
            double[] u = new double[c.length];
            for (int i = 0; i < u.length; i++) {
                u[i] = c[i] + RADIUS * (2 * rng.nextDouble() - 1);
            }
            xs.add(u);
            y[k] = score.applyAsDouble(u);
        }
        double[] w = new double[y.length];
        Arrays.fill(w, 1);
        return LocalFit.of(LocalBasis.of(PolynomialBasis.QUADRATIC, c.length), Frame.around(c, RADIUS),
            List.copyOf(xs), y, w).orElseThrow();
    }

    /** A correlated, anisotropic bowl with its minimum at m: curvatures 2·(40, 10) along rotated axes. */
    private static double bowl(double[] u, double[] m) {
        double a = (u[0] - m[0] + u[1] - m[1]) / Math.sqrt(2);
        double b = (u[0] - m[0] - u[1] + m[1]) / Math.sqrt(2);
        return 40 * a * a + 10 * b * b;
    }

    @Test
    void a_minimum_inside_the_ball_is_reached_in_one_step() {
        double[] c = {0.5, 0.5};
        double[] m = {0.53, 0.46};   // 0.05 from the centre: inside the ball of 0.1
        var model = fit(c, u -> bowl(u, m));
        var next = NewtonStep.of(model, model.gradient(), c, RADIUS).orElseThrow();
        // exact scores of a quadratic: the fit is exact, so the step lands on the minimum to rounding
        assertThat(next[0]).isCloseTo(m[0], within(1e-9));
        assertThat(next[1]).isCloseTo(m[1], within(1e-9));
    }

    @Test
    void a_minimum_beyond_the_ball_is_approached_to_the_edge_of_the_ball() {
        double[] c = {0.5, 0.5};
        double[] m = {0.9, 0.2};   // 0.5 away
        var model = fit(c, u -> bowl(u, m));
        var next = NewtonStep.of(model, model.gradient(), c, RADIUS).orElseThrow();
        double length = Math.hypot(next[0] - c[0], next[1] - c[1]);
        assertThat(length).isCloseTo(RADIUS, within(1e-9));
        // and downhill by more than a plain gradient step of the same length would go
        double[] g = model.gradient();
        double gn = Math.hypot(g[0], g[1]);
        double[] steepest = {c[0] - RADIUS * g[0] / gn, c[1] - RADIUS * g[1] / gn};
        assertThat(bowl(next, m)).isLessThan(bowl(steepest, m));
    }

    @Test
    void a_direction_without_slope_or_curvature_does_not_move() {
        double[] c = {0.5, 0.5, 0.5};
        double[] m = {0.52, 0.47, 0.5};
        // the score ignores the third parameter; its shrunk slope is zero
        var model = fit(c, u -> bowl(u, m));
        double[] g = model.gradient();
        g[2] = 0;
        var next = NewtonStep.of(model, g, c, RADIUS).orElseThrow();
        assertThat(next[2]).isCloseTo(0.5, within(1e-9));
        assertThat(next[0]).isCloseTo(m[0], within(1e-9));
    }

    @Test
    void a_zero_gradient_gives_no_step() {
        double[] c = {0.5, 0.5};
        var model = fit(c, u -> bowl(u, c));
        assertThat(NewtonStep.of(model, new double[2], c, RADIUS)).isEmpty();
    }
}
