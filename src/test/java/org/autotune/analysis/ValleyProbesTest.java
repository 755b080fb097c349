package org.autotune.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The look past a region's ends before it is called validated, on the curved, partly degenerate model
 * (a and b enter only through a·b, c is measured): a region cut short of its valley (an emulator trusted
 * only in a small box around the truth) has probes that fit as well as the region allows, so the valley
 * goes on; a region that spans its valley has probes (if any: the valley may end at the range's ends) that
 * fit worse than its 95 % contour.
 */
class ValleyProbesTest {
    private static final CurvedValleyStudy.Experiment E = CurvedValleyStudy.Experiment.of(1);

    @Test
    void a_region_cut_short_of_its_valley_is_told_that_the_valley_goes_on() {
        double[] truth = CurvedValleyStudy.truthUnit();
        var samples = CurvedValleyStudy.design(E, 5, 40, truth, 0.06);
        double[] lo = new double[3];
        double[] hi = new double[3];
        for (int i = 0; i < 3; i++) {
            lo[i] = Math.max(0, truth[i] - 0.06);
            hi[i] = Math.min(1, truth[i] + 0.06);
        }
        var region = Region.of(CurvedValleyStudy.SPACE, Emulator.fit(samples, true, lo, hi).orElseThrow(),
            List.of(truth), 3);
        var probes = ValleyProbes.points(region);
        assertThat(probes).isNotEmpty().allMatch(p -> !inBox(p, lo, hi), "beyond the region's box");
        var ran = probes.stream().map(E::sample).toList();
        var all = new ArrayList<>(samples);
        all.addAll(ran);
        // along a·b = const the model fits as well as at the truth: at least the probes along the valley are open
        assertThat(ValleyProbes.open(region, ran, all)).isNotEmpty();
    }

    @Test
    void a_region_that_spans_its_valley_closes() {
        var samples = CurvedValleyStudy.design(E, 5, 60, new double[] {0.5, 0.5, 0.5}, 0.5);
        var region = Region.of(CurvedValleyStudy.SPACE, Emulator.fit(samples, true).orElseThrow(),
            List.of(samples.get(0).unit()), 3);
        var probes = ValleyProbes.points(region);
        var ran = probes.stream().map(E::sample).toList();
        var all = new ArrayList<>(samples);
        all.addAll(ran);
        assertThat(ValleyProbes.open(region, ran, all)).isEmpty();
        assertThat(probes).allMatch(p -> p.length == 3 && min(p) >= 0 && max(p) <= 1);
    }

    private static boolean inBox(double[] p, double[] lo, double[] hi) {
        for (int i = 0; i < p.length; i++) {
            if (p[i] < lo[i] - 1e-12 || p[i] > hi[i] + 1e-12) {
                return false;
            }
        }
        return true;
    }

    private static double min(double[] p) {
        return Arrays.stream(p).min().orElseThrow();
    }

    private static double max(double[] p) {
        return Arrays.stream(p).max().orElseThrow();
    }
}
