package org.autotune.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.autotune.score.Observable;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.junit.jupiter.api.Test;

/**
 * History matching on models with a known truth: on the curved, partly degenerate valley of
 * {@link CurvedValleyStudy} the truth stays in what is not ruled out and the reported 95 % region
 * covers it as often as it claims; on an identifiable model the part not ruled out shrinks around
 * the truth.
 */
class HistoryMatchingTest {
    private static final int EXPERIMENTS = 40;

    @Test
    void the_truth_stays_in_nroy_and_the_95_percent_region_covers_it_in_a_curved_valley() {
        int[] c = CurvedValleyStudy.coveredByHistoryMatching(EXPERIMENTS);
        int in68 = c[0];
        int in95 = c[1];
        int inNroy = c[2];
        int validated = c[3];
        int waves = c[4];
        // each wave's cut rules the truth out with probability at most 2 * 0.001 (Implausibility): expected
        // count below lambda = 0.002 * waves; allow lambda + 3 sqrt(lambda) + 1
        double lambda = Implausibility.FALSE_CUT * 2 * waves;
        assertThat(EXPERIMENTS - inNroy).isLessThanOrEqualTo((int) Math.floor(lambda + 3 * Math.sqrt(lambda) + 1));
        // the quadratic emulator is exact on this model: every region passes its real-sample check
        assertThat(validated).isEqualTo(EXPERIMENTS);
        // binomial errors of the fractions: sqrt(p(1-p)/N); three of them
        double e68 = 3 * Math.sqrt(0.68 * 0.32 / EXPERIMENTS);
        double e95 = 3 * Math.sqrt(0.95 * 0.05 / EXPERIMENTS);
        assertThat((double) in68 / EXPERIMENTS).isBetween(0.68 - e68, 0.68 + e68);
        assertThat((double) in95 / EXPERIMENTS).isBetween(0.95 - e95, Math.min(1, 0.95 + e95));
    }

    /** Observables x, y, x + y and x − y: both parameters measured, to {@value #SIGMA} of the unit range. */
    private static final Space PLANE = new Space(List.of(
        new Parameter("x", ParameterKind.REAL, 0, 1, 0.5, 0.1, "", "", List.of()),
        new Parameter("y", ParameterKind.REAL, 0, 1, 0.5, 0.1, "", "", List.of())));
    private static final double SIGMA = 0.01;

    private static Emulator.Sample plane(double[] u, double[] data, double[] pattern) {
        double[] m = {u[0], u[1], u[0] + u[1], u[0] - u[1]};
        var obs = new ArrayList<Observable>();
        for (int i = 0; i < m.length; i++) {
            obs.add(new Observable("y" + i, m[i] + pattern[i], SIGMA, data[i], SIGMA));
        }
        return new Emulator.Sample(u, obs);
    }

    @Test
    void nroy_shrinks_around_the_truth_of_an_identifiable_model() {
        double[] truth = PLANE.toUnit(new Point(PLANE.names(), new double[] {0.3, 0.7}));
        var rng = new Random(17);
        double[] data = {truth[0], truth[1], truth[0] + truth[1], truth[0] - truth[1]};
        double[] pattern = new double[4];
        for (int i = 0; i < 4; i++) {
            data[i] += SIGMA * rng.nextGaussian();
            pattern[i] = SIGMA * rng.nextGaussian();
        }
        var result = HistoryMatching.run(PLANE, List.of(), true, 4, false, 5,
            (wave, points) -> points.stream().map(u -> plane(u, data, pattern)).toList()).orElseThrow();
        var last = result.refocusing().get(result.refocusing().size() - 1);
        assertThat(result.nroy().test(truth)).isTrue();
        // the data allow a disc of radius ~ 3 * sqrt(2) * SIGMA around the truth: well under 1 % of the plane
        assertThat(last.nroy()).as(result.refocusing().toString()).isLessThan(0.01);
        var region = result.outcome().region();
        for (int i = 0; i < 2; i++) {
            var m = region.marginals().get(i);
            assertThat(m.high95() - m.low95()).isLessThan(0.1);
            assertThat(truth[i]).isBetween(m.low95() - 0.02, m.high95() + 0.02);
        }
    }
}
