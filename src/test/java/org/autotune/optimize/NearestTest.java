package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The k nearest kept up to date point by point are exactly the first k of a full sort by distance
 * (ties to the earlier point, as a stable sort orders them): the bayesian optimizer's proposals,
 * which resume replays, do not change with the faster bookkeeping.
 */
class NearestTest {
    @Test
    void each_points_neighbourhood_is_the_first_k_of_a_stable_sort_by_distance_even_with_ties() {
        var rng = new SplittableRandom(7);
        int k = 9;
        var nearest = new Nearest(k);
        var points = new ArrayList<double[]>();
        for (int n = 0; n < 400; n++) {
            // coordinates on a coarse grid: many equal distances and some identical points
            double[] u = {rng.nextInt(6) / 5.0, rng.nextInt(6) / 5.0, rng.nextInt(6) / 5.0};
            points.add(u);
            nearest.add(u);
            if (n % 37 == 0 || n < 12) {
                for (int i = 0; i <= n; i++) {
                    assertThat(nearest.of(i)).as("point %d of %d", i, n + 1).containsExactly(sorted(points, i, k));
                }
            }
        }
        var centre = new double[] {0.4, 0.6, 0.2};
        assertThat(Nearest.of(points, centre, 200)).containsExactly(firstK(points, centre, 200));
    }

    private static int[] sorted(List<double[]> points, int i, int k) {
        return firstK(points, points.get(i), k);
    }

    private static int[] firstK(List<double[]> points, double[] centre, int k) {
        return IntStream.range(0, points.size()).boxed()
            .sorted(Comparator.comparingDouble(j -> Nearest.distance2(points.get(j), centre)))
            .limit(k).mapToInt(Integer::intValue).toArray();
    }
}
