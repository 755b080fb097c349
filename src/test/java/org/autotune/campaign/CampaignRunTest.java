package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.autotune.journal.SampleStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole campaigns through real processes, a real SQLite journal and the local executor. */
class CampaignRunTest {
    @TempDir
    Path dir;

    private Outcome run(Path file, Overrides overrides) {
        try (var campaign = Campaign.open(CampaignConfig.read(file), overrides, false)) {
            return campaign.run(Progress.NONE, Clock.systemUTC());
        }
    }

    @Test
    void a_campaign_converges_near_the_truth_and_journals_every_sample() {
        var file = TestCampaigns.write(dir, "", "budget: 150");
        var outcome = run(file, Overrides.none());
        assertThat(outcome.state()).isEqualTo(Outcome.State.CONVERGED);
        var best = outcome.best().orElseThrow();
        // 400 simulated vs 4000 reference events, noise 0.2: the mean is known to
        // 0.2*sqrt(1/400 + 1/4000) = 0.0105; 4 SE plus the final step 0.2/16 bounds the error
        assertThat(best.point().get("gain")).isBetween(1.3 - 0.0545, 1.3 + 0.0545);
        // the width to 0.2*sqrt(1/800 + 1/8000) = 0.0074 (4 SE = 0.030) plus the final step factor 1.5^(1/16)
        assertThat(best.point().get("noise")).isBetween(0.2 / 1.03 - 0.030, 0.2 * 1.03 + 0.030);
        try (var view = CampaignView.open(file, java.util.Optional.empty())) {
            assertThat(view.samples()).allMatch(s -> s.status() == SampleStatus.FINISHED);
            assertThat(view.journal().path()).isNotEmpty();
            assertThat(view.state()).isEqualTo("converged");
        }
    }

    @Test
    void running_a_finished_campaign_again_reruns_nothing() throws IOException {
        var file = TestCampaigns.write(dir, "", "budget: 30");
        var first = run(file, Overrides.none());
        long before = TestCampaigns.invocations(dir).values().stream().mapToLong(Long::longValue).sum();
        var again = run(file, Overrides.none());
        long after = TestCampaigns.invocations(dir).values().stream().mapToLong(Long::longValue).sum();
        assertThat(after).isEqualTo(before);
        assertThat(again.best().orElseThrow().id()).isEqualTo(first.best().orElseThrow().id());
        assertThat(again.last().reused()).isEqualTo(again.last().done());
    }

    @Test
    void crashing_hanging_and_silent_samples_are_retried_then_failed_and_the_campaign_finishes() {
        var file = TestCampaigns.write(dir, "    SIM_FAILURES: '1'",
            "budget: 40\nretries: 1\n").toAbsolutePath();
        var text = file.toFile();
        // make the hang quick to detect, and scan far enough to reach every failure region
        replace(file, "timeout: 20s", "timeout: 1s");
        replace(file, "start: 1.0, step: 0.2", "start: 1.0, step: 0.75");
        replace(file, "start: 0.1, step: 1.5", "start: 0.1, step: 8");
        replace(file, "slots: 2", "slots: 4");
        var outcome = run(file, Overrides.none());
        assertThat(outcome.state()).isIn(Outcome.State.CONVERGED, Outcome.State.BUDGET_SPENT);
        try (var view = CampaignView.open(file, java.util.Optional.empty())) {
            var failed = view.samples().stream().filter(s -> s.status() == SampleStatus.FAILED).toList();
            assertThat(failed).allMatch(s -> s.attempts() == 2);
            assertThat(failed).anyMatch(s -> s.error().startsWith("exit code 3") && s.error().contains("boom: gain too high"));
            assertThat(failed).anyMatch(s -> s.error().startsWith("timed out after 1s"));
            assertThat(failed).anyMatch(s -> s.error().contains("events.csv"));
            assertThat(view.best()).isPresent();
        }
        assertThat(text).exists();
    }

    @Test
    void a_simulator_that_always_fails_stops_the_campaign_with_a_pointer_to_the_folder() throws IOException {
        var file = TestCampaigns.write(dir, "", "budget: 50\nretries: 0\n");
        java.nio.file.Files.writeString(dir.resolve("sim.sh"), "#!/bin/sh\necho 'G4Exception: no geometry' >&2\nexit 1\n");
        var outcome = run(file, Overrides.none());
        assertThat(outcome.state()).isEqualTo(Outcome.State.TOO_MANY_FAILURES);
        assertThat(outcome.message()).contains("samples").contains("stderr.txt");
        try (var view = CampaignView.open(file, java.util.Optional.empty())) {
            var failed = view.samples().stream().filter(s -> s.status() == SampleStatus.FAILED).toList();
            // the limit is max(5, slots) = 5 failures in a row; of the samples in flight then (at most
            // slots - 1 = 1 more) each either fails on its own first or is interrupted
            assertThat(failed).hasSizeBetween(5, 6).allMatch(s -> s.error().contains("G4Exception: no geometry"));
            assertThat(view.samples()).allMatch(s -> s.status() == SampleStatus.FAILED
                || s.status() == SampleStatus.INTERRUPTED);
        }
    }

    @Test
    void a_metric_can_run_inside_each_job_and_its_failures_fail_the_sample() throws IOException {
        var file = TestCampaigns.write(dir, "", "budget: 6\nretries: 0\n");
        // the metric: the mean amplitude's distance to 1.3, computed where the job runs; fails for gain >= 1.4
        java.nio.file.Files.writeString(dir.resolve("metric.sh"), """
            awk -F, 'NR>1{s+=$1;n++} END{m=s/n; if (m>=1.4) {print "too high" > "/dev/stderr"; exit 9}; d=m-1.3; print d*d}' events.csv
            """);
        replace(file, """
            metric:
              type: mean-std
              output: events.csv
              reference: reference.csv
              columns: [amplitude]""", "metric: {type: command, command: [sh, \"{{campaign_dir}}/metric.sh\"], where: job}");
        run(file, Overrides.none());
        try (var view = CampaignView.open(file, java.util.Optional.empty())) {
            var finished = view.samples().stream().filter(s -> s.status() == SampleStatus.FINISHED).toList();
            assertThat(finished).isNotEmpty().allMatch(s -> java.nio.file.Files.exists(Path.of(s.folder(), "metric-status")));
            var failed = view.samples().stream().filter(s -> s.status() == SampleStatus.FAILED).toList();
            assertThat(failed).isNotEmpty().allMatch(s -> s.error().equals(
                "metric: metric command 'sh' (run inside the job) failed with exit code 9:\ntoo high"));
        }
    }

    private static void replace(Path file, String from, String to) {
        try {
            var text = java.nio.file.Files.readString(file);
            assertThat(text).contains(from);
            java.nio.file.Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_cma_es_campaign_stopped_and_resumed_makes_the_same_samples_as_one_run_and_keeps_its_estimate() throws IOException {
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        java.nio.file.Files.createDirectories(one);
        java.nio.file.Files.createDirectories(two);
        var fileOne = TestCampaigns.write(one, "", "budget: 36\noptimizer: {type: cma-es}\n");
        var fileTwo = TestCampaigns.write(two, "", "budget: 36\noptimizer: {type: cma-es}\n");
        run(fileOne, Overrides.none());
        // the second campaign stops after 13 samples (mid-generation) and is resumed
        run(fileTwo, new Overrides(java.util.Optional.of(13), java.util.OptionalInt.empty(), java.util.OptionalLong.empty(),
            java.util.Optional.empty(), false));
        try (var c = Campaign.open(CampaignConfig.read(fileTwo), new Overrides(java.util.Optional.of(36),
            java.util.OptionalInt.empty(), java.util.OptionalLong.empty(), java.util.Optional.empty(), false), true)) {
            c.run(Progress.NONE, Clock.systemUTC());
        }
        try (var a = CampaignView.open(fileOne, java.util.Optional.empty());
             var b = CampaignView.open(fileTwo, java.util.Optional.empty())) {
            assertThat(b.samples()).hasSize(36);
            assertThat(b.samples().stream().map(s -> s.point()).toList())
                .isEqualTo(a.samples().stream().map(s -> s.point()).toList());
            assertThat(b.samples().stream().map(s -> s.score()).toList())
                .isEqualTo(a.samples().stream().map(s -> s.score()).toList());
            assertThat(a.journal().meta("estimate")).isPresent();
        }
    }
}
