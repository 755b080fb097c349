package org.autotune.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.autotune.space.Space;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The region the data allow, from emulated observables: the sampler reproduces a known density,
 * the reported 68 % and 95 % regions cover the truth as often as they claim on a curved,
 * partly degenerate model (a and b enter only through their product, a hyperbola-shaped valley
 * that a parabola at one point cannot follow), the degenerate pair is named and the fixed
 * parameter is not, and waves follow the valley out of a small starting box.
 */
class RegionTest {
    static final Space SPACE = CurvedValleyStudy.SPACE;
    static final double[] TRUTH = CurvedValleyStudy.TRUTH;

    private static CurvedValleyStudy.Experiment experiment(long k) {
        return CurvedValleyStudy.Experiment.of(k);
    }

    private static List<Emulator.Sample> design(CurvedValleyStudy.Experiment e, long seed, int count, double[] center,
                                                double half) {
        return CurvedValleyStudy.design(e, seed, count, center, half);
    }

    @Test
    void the_sampler_reproduces_a_correlated_gaussian() {
        double rho = 0.95;
        double sd = 0.05;
        var start = new ArrayList<double[]>();
        var rng = new Random(1);
        for (int w = 0; w < 32; w++) {
            start.add(new double[] {0.5 + 0.001 * rng.nextGaussian(), 0.5 + 0.001 * rng.nextGaussian()});
        }
        var chain = EnsembleSampler.sample(x -> {
            double a = (x[0] - 0.5) / sd;
            double b = (x[1] - 0.5) / sd;
            return -0.5 * (a * a - 2 * rho * a * b + b * b) / (1 - rho * rho);
        }, start, 3000, 10, 7);
        double[] mean = new double[2];
        chain.points().forEach(p -> { mean[0] += p[0] / chain.points().size(); mean[1] += p[1] / chain.points().size(); });
        double vx = 0;
        double vy = 0;
        double cxy = 0;
        for (var p : chain.points()) {
            vx += (p[0] - mean[0]) * (p[0] - mean[0]) / chain.points().size();
            vy += (p[1] - mean[1]) * (p[1] - mean[1]) / chain.points().size();
            cxy += (p[0] - mean[0]) * (p[1] - mean[1]) / chain.points().size();
        }
        // 9600 draws with an integrated autocorrelation of at most ~30 moves: >= ~1500 independent ones,
        // so the variance is known to ~4 % and the correlation to ~0.003; tolerances are four of those
        assertThat(Math.sqrt(vx) / sd).isCloseTo(1, org.assertj.core.data.Offset.offset(0.08));
        assertThat(Math.sqrt(vy) / sd).isCloseTo(1, org.assertj.core.data.Offset.offset(0.08));
        assertThat(cxy / Math.sqrt(vx * vy)).isCloseTo(rho, org.assertj.core.data.Offset.offset(0.012));
        assertThat(chain.acceptance()).isBetween(0.2, 0.9);
    }

    @Tag("slow")
    @Test
    void the_reported_regions_cover_the_truth_as_often_as_they_claim_in_a_curved_degenerate_valley() {
        int experiments = 150;
        int[] in = CurvedValleyStudy.covered(experiments);
        // binomial errors of the fractions: sqrt(p(1-p)/N); three of them
        double e68 = 3 * Math.sqrt(0.68 * 0.32 / experiments);
        double e95 = 3 * Math.sqrt(0.95 * 0.05 / experiments);
        assertThat((double) in[0] / experiments).isBetween(0.68 - e68, 0.68 + e68);
        assertThat((double) in[1] / experiments).isBetween(0.95 - e95, 0.95 + e95);
    }

    @Test
    void the_degenerate_pair_is_named_and_the_fixed_parameter_is_not() {
        var e = experiment(1);
        var samples = design(e, 5, 60, new double[] {0.5, 0.5, 0.5}, 0.5);
        var region = Region.of(SPACE, Emulator.fit(samples, true).orElseThrow(), List.of(samples.get(0).unit()), 3);
        var d = Degeneracy.of(SPACE, region);
        var text = String.join("\n", d.describe(SPACE));
        assertThat(d.fixed()).as(text).containsExactly("c");
        assertThat(d.degenerate()).as(text).containsExactly("a", "b");
        assertThat(d.measured()).as(text).isEqualTo(2);
        assertThat(text).contains("the data fix c and 1 combination of the rest; a, b move together");
        // the valley: a and b spread far beyond what the data allow each alone
        assertThat(region.marginals().get(0).high95() - region.marginals().get(0).low95()).isGreaterThan(0.3);
    }

    @Test
    void waves_follow_the_valley_out_of_a_small_box_and_validate_it() {
        var e = experiment(2);
        double[] truth = SPACE.toUnit(new org.autotune.space.Point(SPACE.names(), TRUTH));
        var start = design(e, 9, 30, truth, 0.03);
        var ran = new ArrayList<Integer>();
        var outcome = RegionWaves.run(SPACE, start, truth, true, 8, 9, 11, (wave, points) -> {
            ran.add(points.size());
            return points.stream().map(e::sample).toList();
        }).orElseThrow();
        var first = outcome.waves().get(0).region().marginals().get(0);
        var last = outcome.region().marginals().get(0);
        assertThat(outcome.validated()).isTrue();
        assertThat(outcome.waves().size()).isGreaterThan(1);
        assertThat(last.high95() - last.low95()).isGreaterThan(3 * (first.high95() - first.low95()));
        // every wave runs its 9 points; the validated region's last call is the look past its ends
        assertThat(ran.subList(0, ran.size() - 1)).allMatch(x -> x == 9 || x <= 2 * ValleyProbes.DIRECTIONS);
        assertThat(ran.get(ran.size() - 1)).isBetween(1, 2 * ValleyProbes.DIRECTIONS);
    }
}
