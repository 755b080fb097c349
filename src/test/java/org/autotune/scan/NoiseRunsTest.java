package org.autotune.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.autotune.analysis.ScoreNoise;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignConfig;
import org.autotune.campaign.Overrides;
import org.autotune.campaign.Progress;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.autotune.score.Observable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The noise replicates a scan runs in a fixed-seed campaign, on a real simulator process (awk):
 * events x = a + N(0, 1), y = b + N(0, 1) from the sample's seed, each value written {@code dup}
 * times. With dup = 1 the mean-std metric's simulation errors are right; with dup = 4 the events
 * come in identical fours, so the means scatter twice as much as the metric's errors say.
 */
class NoiseRunsTest {
    @TempDir
    Path dir;

    private Path campaign(int dup, String seeds) throws Exception {
        Files.writeString(dir.resolve("gauss.awk"), """
            BEGIN {
                srand(seed)
                print "x,y" > "events.csv"
                for (k = 0; k < n; k += dup) {
                    gx = sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand())
                    gy = sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand())
                    for (d = 0; d < dup; d++)
                        printf "%.12g,%.12g\\n", a + gx, b + gy > "events.csv"
                }
            }
            """);
        var random = new Random(11);
        var ref = new StringBuilder("x,y\n");
        for (int k = 0; k < 4000; k++) {
            ref.append(1.0 + random.nextGaussian()).append(',').append(1.5 + random.nextGaussian()).append('\n');
        }
        Files.writeString(dir.resolve("ref.csv"), ref);
        var file = dir.resolve("noise.yaml");
        Files.writeString(file, """
            parameters:
              a: {kind: real, min: 0, max: 3, start: 0.5, step: 0.2}
              b: {kind: real, min: 0, max: 3, start: 0.5, step: 0.2}
            simulator:
              command: [awk, -v, "a={{a}}", -v, "b={{b}}", -v, "seed={{seed}}", -v, "n={{events}}", -v, "dup=DUP",
                        -f, "{{campaign_dir}}/gauss.awk"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: ref.csv, columns: [x, y]}
            optimizer: {type: coordinate-descent}
            executor: {type: local, slots: 2}
            events: 80
            budget: 30
            seed: 7
            seeds: SEEDS
            """.replace("DUP", Integer.toString(dup)).replace("SEEDS", seeds));
        return file;
    }

    private static Scans.ScanOutcome runAndScan(Path file) {
        try (var c = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            c.run(Progress.NONE, Clock.systemUTC());
            return Scans.run(c, Progress.NONE, Clock.systemUTC(), 1, Optional.empty(), Scans.REPLICATES);
        }
    }

    private List<SampleRecord> samples() {
        try (var j = Journal.read(dir.resolve("noise.autotune/journal.sqlite"))) {
            return j.samples();
        }
    }

    private ScoreNoise noise(Scans.ScanOutcome scan) {
        var lines = scan.report().orElseThrow().describe();
        assertThat(lines).anyMatch(l -> l.startsWith("score's noise at "));
        var samples = samples();
        var replicates = samples.stream().filter(SampleRecord::noiseReplicate).toList();
        return ScoreNoise.of(replicates.stream().map(s -> s.score().getAsDouble()).toList(),
            replicates.stream().map(SampleRecord::observables).toList(), 0, "").orElseThrow();
    }

    @Test
    void replicates_run_with_fresh_seeds_at_the_best_point_and_never_become_the_best() throws Exception {
        var file = campaign(1, "fixed");
        var scan = runAndScan(file);
        var all = samples();
        var replicates = all.stream().filter(SampleRecord::noiseReplicate).toList();
        var others = all.stream().filter(s -> !s.noiseReplicate()).toList();
        assertThat(replicates).hasSize(Scans.REPLICATES);
        assertThat(replicates.stream().map(SampleRecord::seed).distinct()).hasSize(Scans.REPLICATES);
        long campaignSeed = others.get(0).seed();
        assertThat(others).allMatch(s -> s.seed() == campaignSeed);
        assertThat(replicates).allMatch(s -> s.seed() != campaignSeed);
        // all at the best sample's point (after the scan), which is one of the campaign's own samples
        var best = others.stream().filter(s -> s.score().isPresent())
            .min(Comparator.comparingDouble(s -> s.score().getAsDouble())).orElseThrow();
        assertThat(replicates).allMatch(s -> s.point().equals(best.point()));
        try (var j = Journal.read(dir.resolve("noise.autotune/journal.sqlite"))) {
            assertThat(j.best().orElseThrow().id()).isEqualTo(best.id());
        }
        // the metric's errors are right here: the scatter check's p is uniform, below 0.001 one time in 1000
        var noise = noise(scan);
        assertThat(noise.pValue()).isGreaterThan(0.001);
        assertThat(noise.sd()).isPositive();
        assertThat(scan.report().orElseThrow().toMap()).containsKey("score_noise");

        // a second scan runs no further replicates at that point
        try (var c = Campaign.open(CampaignConfig.read(file), Overrides.none(), true)) {
            Scans.run(c, Progress.NONE, Clock.systemUTC(), 1, Optional.empty(), Scans.REPLICATES);
        }
        assertThat(samples().stream().filter(s -> s.noiseReplicate() && s.point().equals(best.point())))
            .hasSize(Scans.REPLICATES);
    }

    @Test
    void events_that_come_in_identical_fours_scatter_more_than_the_metric_says_and_the_analysis_says_so()
        throws Exception {
        var scan = runAndScan(campaign(4, "fixed"));
        var noise = noise(scan);
        // the means scatter with 4x the variance the metric assumes: chi2/ndf near 4 over 7 x 4 degrees of freedom
        assertThat(noise.pValue()).isLessThan(1e-3);
        assertThat(scan.report().orElseThrow().describe()).anyMatch(l -> l.contains("MORE than the metric's "
            + "simulation errors say"));
    }

    @Test
    void with_fresh_seeds_no_replicates_run() throws Exception {
        runAndScan(campaign(1, "fresh"));
        assertThat(samples()).noneMatch(SampleRecord::noiseReplicate);
    }

    @Test
    void the_scatter_check_follows_chi2_with_the_replicates_degrees_of_freedom() {
        // exact arithmetic: two observables, three replicates, sigma 0.5 and 2
        var reps = List.of(List.of(new Observable("m", 1.0, 0.5, 0, 1), new Observable("s", 2.0, 2, 0, 1)),
            List.of(new Observable("m", 2.0, 0.5, 0, 1), new Observable("s", 4.0, 2, 0, 1)),
            List.of(new Observable("m", 3.0, 0.5, 0, 1), new Observable("s", 6.0, 2, 0, 1)));
        var noise = ScoreNoise.of(List.of(10.0, 12.0, 14.0), reps, 9, "optimizer/3").orElseThrow();
        // m: (1 + 0 + 1) / 0.25 = 8; s: (4 + 0 + 4) / 4 = 2
        assertThat(noise.scatter().orElseThrow()).containsExactly(10.0, 4.0);
        assertThat(noise.sd()).isEqualTo(2.0);
        assertThat(noise.mean()).isEqualTo(12.0);
        assertThat(ScoreNoise.of(List.of(1.0), List.of(), 1, "x")).isEmpty();
    }
}
