package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.autotune.scan.EstimateCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optimizer's estimate is sampled again beside the best sample before it is reported (real processes). */
class EstimateCheckTest {
    @TempDir
    Path dir;

    private Path campaign(String seeds) throws Exception {
        // a bowl with uniform noise of standard deviation 0.3/√3 ≈ 0.17 that depends on the sample's seed
        Files.writeString(dir.resolve("bowl.awk"), """
            BEGIN {
                srand(seed)
                printf "%.12g\\n", (a - 1) ^ 2 + (b + 0.5) ^ 2 + 0.6 * (rand() - 0.5) > "score.txt"
            }
            """);
        var file = dir.resolve("bowl.yaml");
        Files.writeString(file, """
            parameters:
              a: {kind: real, min: -2, max: 2, start: -1, step: 0.4}
              b: {kind: real, min: -2, max: 2, start: 1, step: 0.4}
            simulator:
              command: [awk, -v, "a={{a}}", -v, "b={{b}}", -v, "seed={{seed}}", -f, "{{campaign_dir}}/bowl.awk"]
              outputs: [score.txt]
            metric: {type: command, command: [cat, score.txt]}
            optimizer: {type: cma-es}
            executor: {type: local, slots: 2}
            budget: 24
            seed: 3
            seeds: SEEDS
            """.replace("SEEDS", seeds));
        return file;
    }

    private Cli.Result autotune(String... args) {
        return Cli.runIn(dir, args);
    }

    private static List<SampleRecord> checkSamples(Journal journal) {
        return journal.samples().stream().filter(s -> s.origin().startsWith("estimate-")).toList();
    }

    @Tag("slow")
    @Test
    void with_noisy_scores_the_estimate_and_the_best_sample_get_fresh_samples_and_the_verdict_is_theirs()
        throws Exception {
        var file = campaign("fresh");
        var run = autotune("run", file.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        var journalFile = dir.resolve("bowl.autotune").resolve(Journal.FILE_NAME);
        EstimateCheck.Verdict verdict;
        try (var journal = Journal.read(journalFile)) {
            var samples = checkSamples(journal);
            assertThat(samples).hasSize(2 * EstimateCheck.REPLICATES);
            assertThat(samples.stream().map(SampleRecord::name)).contains("estimate-1/1", "estimate-1/8");
            assertThat(samples.stream().map(SampleRecord::seed).distinct()).hasSize(samples.size());
            verdict = EstimateCheck.Verdict.fromJson(journal.meta(EstimateCheck.META).orElseThrow());
            double atEstimate = samples.subList(0, 4).stream().mapToDouble(s -> s.score().getAsDouble()).average()
                .orElseThrow();
            double atBest = samples.subList(4, 8).stream().mapToDouble(s -> s.score().getAsDouble()).average()
                .orElseThrow();
            assertThat(verdict.estimateMean()).isCloseTo(atEstimate, within(1e-12));
            assertThat(verdict.bestMean()).isCloseTo(atBest, within(1e-12));
            assertThat(verdict.better()).isEqualTo(atEstimate < atBest);
        }
        assertThat(run.stdout()).contains(verdict.better() ? "checked by 4 fresh samples each"
            : "not better than the best sample when both were sampled again");
        // resuming the finished campaign runs no check sample twice
        var again = autotune("resume", file.toString());
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        try (var journal = Journal.read(journalFile)) {
            assertThat(checkSamples(journal)).hasSize(2 * EstimateCheck.REPLICATES);
        }
    }

    @Tag("slow")
    @Test
    void with_exact_scores_nothing_is_sampled_again() throws Exception {
        var file = campaign("fixed");
        var run = autotune("run", file.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        try (var journal = Journal.read(dir.resolve("bowl.autotune").resolve(Journal.FILE_NAME))) {
            assertThat(checkSamples(journal)).isEmpty();
            assertThat(journal.meta(EstimateCheck.META)).isEmpty();
        }
        assertThat(run.stdout()).contains("optimizer's estimate of the minimum");
    }
}
