package org.autotune.likelihood;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.autotune.likelihood.examples.PeakOnBackground;
import org.junit.jupiter.api.Test;

/**
 * Frequentist check of the fit and its Hessian uncertainties: 500 pseudo-experiments of the
 * peak-on-background model (s = 100 in N(5, 0.5), b = 1000 flat on [0, 10]); the pull
 * (ŝ − s) / σ̂ must have mean ≈ 0 and standard deviation ≈ 1.
 */
class PullCoverageTest {
    private static final int EXPERIMENTS = 500;

    @Test
    void signal_pulls_have_zero_mean_and_unit_width_over_500_pseudo_experiments() {
        var seeds = new SplittableRandom(20261122).longs(EXPERIMENTS).toArray();
        long t0 = System.nanoTime();
        // pseudo-experiments are independent: run them in parallel, each with its own seed
        double[] pulls = IntStream.range(0, EXPERIMENTS).parallel().mapToDouble(i -> pull(seeds[i])).toArray();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double mean = java.util.Arrays.stream(pulls).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(pulls).map(p -> (p - mean) * (p - mean)).sum()
            / (EXPERIMENTS - 1));
        System.out.printf("coverage: %d fits in %.2f s, pull mean %.4f sd %.4f%n", EXPERIMENTS,
            seconds, mean, sd);
        // With 500 pulls the standard error of the mean is 1/√500 = 0.045 and of the sd
        // 1/√1000 = 0.032, so |mean| < 0.1 is 2.2 SE and [0.9, 1.1] is 3.2 SE (fixed seed).
        assertThat(Math.abs(mean)).isLessThan(0.1);
        assertThat(sd).isBetween(0.9, 1.1);
    }

    private static double pull(long seed) {
        var events = PeakOnBackground.generate(new SplittableRandom(seed), PeakOnBackground.SIGNAL,
            PeakOnBackground.BACKGROUND);
        var lik = PeakOnBackground.likelihood(events);
        var s = PeakOnBackground.SIGNAL_MULTIPLIER;
        var best = new Fit(lik, List.of(s, PeakOnBackground.BACKGROUND_MULTIPLIER))
            .minimize(lik.defaults());
        assertThat(best.converged()).isTrue();
        return (best.value(lik, s) - 1) / best.error(s); // (ŝ − s)/σ̂ in units of SIGNAL
    }
}
