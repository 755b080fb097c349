package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.autotune.execute.LocalExecutor;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole campaigns (real processes, real journal) whose jobs meet infrastructure failures: the
 * optimizer never hears of them, so the campaign makes the same proposals as one that met none.
 */
@Tag("slow")
class InfrastructureFailureCampaignTest {
    @TempDir
    Path dir;

    @Test
    void a_sample_that_cannot_start_once_does_not_change_later_proposals() throws IOException {
        var clean = run(Files.createDirectories(dir.resolve("clean")), 0);
        var troubled = run(Files.createDirectories(dir.resolve("troubled")), 3);

        assertThat(troubled.samples()).hasSameSizeAs(clean.samples())
            .allMatch(s -> s.status() == SampleStatus.FINISHED);
        for (int i = 0; i < clean.samples().size(); i++) {
            var a = clean.samples().get(i);
            var b = troubled.samples().get(i);
            assertThat(b.point()).as("sample " + b.id()).isEqualTo(a.point());
            assertThat(b.score()).as("sample " + b.id()).isEqualTo(a.score());
        }
        assertThat(troubled.path()).isEqualTo(clean.path());
        assertThat(troubled.retried()).as("the injected failure was journaled and retried").hasSize(1);
        assertThat(troubled.retried().get(0).attempts()).isEqualTo(1);
    }

    @Test
    void a_simulator_that_does_not_exist_stops_the_campaign_at_once_with_one_line_and_fails_no_sample()
        throws IOException {
        var file = TestCampaigns.write(dir, "", "budget: 10");
        var text = Files.readString(file).replace("command: [sh, ", "command: [" + dir.resolve("no-such-sim") + ", ");
        Files.writeString(file, text);
        Outcome outcome;
        long t0 = System.nanoTime();
        try (var campaign = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            outcome = campaign.run(Progress.NONE, Clock.systemUTC());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("no back-off before stopping")
            .isLessThan(Duration.ofSeconds(10));
        assertThat(outcome.state().spelling()).isEqualTo("infrastructure-failed");
        assertThat(outcome.message()).contains("could not start: cannot start '" + dir.resolve("no-such-sim")
            + "': No such file or directory; ").contains("check simulator.command").doesNotContain("\n")
            .doesNotContain("stderr.txt");
        try (var view = CampaignView.open(file, Optional.empty())) {
            assertThat(view.samples()).isNotEmpty().noneMatch(s -> s.status() == SampleStatus.FAILED);
            assertThat(view.samples()).anyMatch(s -> s.status() == SampleStatus.INTERRUPTED);
            assertThat(view.samples()).allMatch(s -> view.journal().transitions(s.id()).stream()
                .noneMatch(t -> t.contains("infrastructure failure")));
        }
    }

    /** What a finished campaign journaled. */
    private record Journaled(List<SampleRecord> samples, List<String> path, List<SampleRecord> retried) {
    }

    /** Runs the test campaign in {@code where}; the {@code failing}-th job submitted (from 1) fails to start once. */
    private static Journaled run(Path where, int failing) {
        // no sample retries: a failure told as the sample's would fail it and change what follows
        var file = TestCampaigns.write(where, "", "budget: 24\nretries: 0\n");
        try (var campaign = Campaign.open(CampaignConfig.read(file), Overrides.none(), false);
             var executor = ForkFailures.nth(new LocalExecutor(2), failing)) {
            var outcome = campaign.run(Progress.NONE, Clock.systemUTC(), executor);
            assertThat(outcome.state()).isIn(Outcome.State.CONVERGED, Outcome.State.BUDGET_SPENT);
        }
        try (var view = CampaignView.open(file, Optional.empty())) {
            var samples = view.samples();
            var retried = samples.stream().filter(s -> view.journal().transitions(s.id()).stream()
                .anyMatch(t -> t.contains("infrastructure failure"))).toList();
            return new Journaled(samples, view.journal().path(), retried);
        }
    }
}
