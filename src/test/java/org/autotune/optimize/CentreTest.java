package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The centre kept up to date sample by sample is the one a scan over all samples picks (lowest
 * score, or lowest neighbourhood mean; ties to the earlier sample), with ties, duplicates and
 * failed samples: the bayesian optimizer's model, and so its proposals, do not change.
 */
class CentreTest {
    @Test
    void the_running_centre_is_the_one_a_scan_over_all_samples_picks() {
        var rng = new SplittableRandom(5);
        int k = 7;
        var noisy = new Centre(k);
        var exact = new Centre(0);
        var units = new ArrayList<double[]>();
        var values = new ArrayList<Double>();
        var nearest = new Nearest(k);
        for (int n = 0; n < 500; n++) {
            // a coarse grid and few score levels: equal distances, equal means; now and then a failure
            double[] u = {rng.nextInt(5) / 4.0, rng.nextInt(5) / 4.0, rng.nextInt(5) / 4.0};
            double value = rng.nextInt(50) == 0 ? Double.POSITIVE_INFINITY : rng.nextInt(8) - 4;
            units.add(u);
            values.add(value);
            nearest.add(u);
            noisy.add(u, value);
            exact.add(u, value);
            assertThat(exact.index()).as("exact, sample %d", n).isEqualTo(scan(values, i -> values.get(i)));
            assertThat(noisy.index()).as("noisy, sample %d", n).isEqualTo(scan(values, i ->
                Arrays.stream(nearest.of(i)).mapToDouble(values::get).average().orElseThrow()));
        }
    }

    private static int scan(List<Double> values, IntToDoubleFunction score) {
        int best = -1;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int i = 0; i < values.size(); i++) {
            double v = score.applyAsDouble(i);
            if (best < 0 || v < bestValue) {
                best = i;
                bestValue = v;
            }
        }
        return best;
    }
}
