package org.autotune.campaign;

import org.autotune.scan.Scans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign tuned on the {@code likelihood} metric, end to end: awk (a real process) draws N
 * events from N(mu, 1) with a seeded generator; the reference holds M events from N(0.3, 1). The
 * scan's 1σ must be the likelihood's, √(1/M) (covariance H⁻¹ for a −ln L score), not √2 times it.
 */
class LikelihoodCampaignTest {
    @TempDir
    Path dir;

    static final double TRUTH = 0.3;
    static final int M = 1000;
    static final int N = 4000;

    @Test
    void tuning_on_minus_log_likelihood_finds_the_mean_with_the_likelihood_uncertainty() throws Exception {
        // Box–Muller from awk's seeded rand(): the same seed gives the same draws at every mu
        Files.writeString(dir.resolve("gauss.awk"), """
            BEGIN {
                srand(seed)
                print "x" > "events.csv"
                for (k = 0; k < n; k++)
                    printf "%.12g\\n", mu + sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand()) > "events.csv"
            }
            """);
        var rng = new SplittableRandom(17);
        var ref = new StringBuilder("x\n");
        double mean = 0;
        for (int i = 0; i < M; i++) {
            double x = TRUTH + rng.nextGaussian();
            mean += x / M;
            ref.append(x).append('\n');
        }
        Files.writeString(dir.resolve("ref.csv"), ref);
        var file = dir.resolve("campaign.yaml");
        Files.writeString(file, """
            name: lik
            parameters:
              mu: {kind: real, min: -1, max: 1.5, start: 0, step: 0.1}
            simulator:
              command: [awk, -v, "mu={{mu}}", -v, "seed={{seed}}", -v, "n={{events}}", -f, "{{campaign_dir}}/gauss.awk"]
              outputs: [events.csv]
            metric: {type: likelihood, output: events.csv, reference: ref.csv, columns: [x], density: kernel}
            optimizer: {type: coordinate-descent}
            executor: {type: local, slots: 2}
            events: %d
            budget: 40
            seed: 3
            """.formatted(N));
        Scans.ScanOutcome scan;
        try (var c = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            c.run(Progress.NONE, Clock.systemUTC());
            scan = Scans.run(c, Progress.NONE, Clock.systemUTC(), 1);
        }
        var estimate = scan.analysis().orElseThrow().constraints().orElseThrow().estimates().get(0);
        // −ln L ≈ M (mu − x̄)² / (2 s²) with s² = 1 + h² for the kernel's bandwidth h = N^(−1/5): σ = s/√M
        double h = Math.pow(N, -0.2);
        double sigma = Math.sqrt((1 + h * h) / M);
        // the fixed seed shifts the simulated sample as a whole, so its own mean error 1/√N (4 sd: 0.063)
        // moves the minimum away from the reference mean; the curvature is the likelihood's within 15 %
        assertThat(estimate.value()).isCloseTo(mean, within(4 / Math.sqrt(N) + 0.01));
        assertThat(estimate.sigma()).isCloseTo(sigma, within(0.15 * sigma));
    }
}
