package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The indexed "is a point closer than r" answers exactly as a pass over every point does, on a
 * grid of steps (many equal projections and distances exactly r) and off it, and an overlay answers
 * for its base too: the bayesian optimizer keeps the same distance from what it asked before.
 */
class PointSetTest {
    @Test
    void near_answers_as_a_pass_over_every_point_on_a_grid_and_off_it() {
        var rng = new SplittableRandom(11);
        for (int d : new int[] {1, 3, 6}) {
            var set = new PointSet();
            var points = new ArrayList<double[]>();
            for (int n = 0; n < 600; n++) {
                double[] u = grid(rng, d);
                set.add(u);
                points.add(u);
            }
            int near = 0;
            for (int q = 0; q < 3000; q++) {
                // queries on the grid, next to it (within and beyond r) and anywhere
                double[] u = grid(rng, d);
                int kind = q % 3;
                for (int i = 0; i < d && kind > 0; i++) {
                    u[i] += kind == 1 ? 0.04 * (rng.nextDouble() - 0.5) : rng.nextDouble() - 0.5;
                }
                for (double r : new double[] {1e-6, 0.05, 0.2}) {
                    boolean expected = passOver(points, u, r);
                    assertThat(set.near(u, r)).as("d=%d query %d r=%s", d, q, r).isEqualTo(expected);
                    near += expected ? 1 : 0;
                }
            }
            assertThat(near).as("d=%d: the queries test both answers", d).isBetween(100, 8900);
        }
    }

    @Test
    void an_overlay_answers_for_its_own_points_and_its_bases_without_changing_the_base() {
        var base = new PointSet();
        base.add(new double[] {0.5, 0.5});
        var overlay = PointSet.over(base);
        overlay.add(new double[] {0.1, 0.9});
        base.add(new double[] {0.9, 0.1});   // added to the base later: the overlay sees it too
        assertThat(overlay.near(new double[] {0.5, 0.5 + 1e-7}, 1e-6)).isTrue();
        assertThat(overlay.near(new double[] {0.1, 0.9}, 1e-6)).isTrue();
        assertThat(overlay.near(new double[] {0.9, 0.1}, 1e-6)).isTrue();
        assertThat(overlay.near(new double[] {0.3, 0.3}, 1e-6)).isFalse();
        assertThat(base.near(new double[] {0.1, 0.9}, 1e-6)).isFalse();
        assertThat(base.size()).isEqualTo(2);
        assertThat(overlay.size()).isEqualTo(1);
    }

    /** A point on a grid of 11 steps per coordinate: equal distances, equal projections, duplicates. */
    private static double[] grid(SplittableRandom rng, int d) {
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = rng.nextInt(11) / 10.0;
        }
        return u;
    }

    private static boolean passOver(List<double[]> points, double[] u, double r) {
        for (double[] p : points) {
            if (Nearest.distance2(p, u) < r * r) {
                return true;
            }
        }
        return false;
    }
}
