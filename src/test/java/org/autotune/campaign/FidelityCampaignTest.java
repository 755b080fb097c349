package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.autotune.cli.CliAccess;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign with a fidelity schedule, run as a real child process with the test simulator (which
 * writes as many events as the macro asks for): the first stage runs 100 events per sample, the
 * second 400; the best sample and the analysis come from the 400-event stage; a campaign stopped
 * in the middle and resumed with a larger budget replays to the same samples.
 */
@Tag("slow")
class FidelityCampaignTest {
    @TempDir
    Path dir;

    private static final String SCHEDULE = """
        fidelity:
          events: [100, 400]
          samples: [16]
        optimizer: {type: cma-es, population: 8}
        """;

    @Test
    void events_per_sample_rise_and_the_best_sample_comes_from_the_last_stage() throws Exception {
        var file = TestCampaigns.write(dir, "", "budget: 40\n" + SCHEDULE);
        var validate = CliAccess.run(dir.resolve("log-validate"), "validate", file.toString());
        assertThat(validate.stdout()).contains("budget 40 samples of 400 events")
            .contains("fidelity stages: 100 events for up to 16 samples, then 400 events for the rest; each box 0.5 as "
                + "wide as the one before");
        var run = CliAccess.run(dir.resolve("log"), "run", file.toString(), "--dir", dir.resolve("c").toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();

        var status = CliAccess.run(dir.resolve("log-status"), "status", file.toString(), "--dir",
            dir.resolve("c").toString());
        assertThat(status.stdout()).contains("events per sample: 100 (16 samples), 400 (24 samples) (the best is the "
            + "lowest score with 400 events)");
        var report = CliAccess.run(dir.resolve("log-report"), "report", file.toString(), "--dir",
            dir.resolve("c").toString(), "-o", dir.resolve("report.html").toString());
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<th>events</th>");
        try (var view = CampaignView.open(dir.resolve("c"), Optional.empty())) {
            var samples = view.samples();
            assertThat(samples).hasSize(40);
            assertThat(samples.subList(0, 16)).allMatch(s -> s.events() == 100);
            assertThat(samples.subList(16, 40)).allMatch(s -> s.events() == 400);
            for (var s : samples) {   // the simulator ran with each sample's events: real files of that length
                assertThat(Files.readAllLines(Path.of(s.folder()).resolve("events.csv"))).hasSize(s.events() + 1);
            }
            // mean-std scores grow with the events at a fixed bias: the best is the lowest of the
            // 400-event stage, not of all samples
            var best = view.best().orElseThrow();
            assertThat(best.events()).isEqualTo(400);
            double lowestAt400 = samples.stream().filter(s -> s.events() == 400 && s.status() == SampleStatus.FINISHED)
                .mapToDouble(s -> s.score().getAsDouble()).min().orElseThrow();
            assertThat(best.score().getAsDouble()).isEqualTo(lowestAt400);
            double lowestAt100 = samples.stream().filter(s -> s.events() == 100 && s.status() == SampleStatus.FINISHED)
                .mapToDouble(s -> s.score().getAsDouble()).min().orElseThrow();
            assertThat(lowestAt100).as("this campaign's 100-event stage has lower scores").isLessThan(lowestAt400);
            // the second stage searches a box half as wide around the first stage's estimate
            var gains = samples.subList(16, 40).stream().mapToDouble(s -> s.point().get("gain")).summaryStatistics();
            assertThat(gains.getMax() - gains.getMin()).isLessThanOrEqualTo(0.75 + 1e-12);
        }
    }

    @Test
    void a_campaign_resumed_with_a_larger_budget_replays_to_the_same_samples() throws Exception {
        var file = TestCampaigns.write(dir, "", "budget: 40\n" + SCHEDULE);
        var whole = CliAccess.run(dir.resolve("log-whole"), "run", file.toString(), "--dir",
            dir.resolve("whole").toString());
        assertThat(whole.exitCode()).as(whole.stderr()).isZero();
        // stopped inside the second stage, then resumed
        var first = CliAccess.run(dir.resolve("log-first"), "run", file.toString(), "--dir",
            dir.resolve("parts").toString(), "--budget", "20");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        var finishedBefore = TestCampaigns.invocations(dir).size();
        var resumed = CliAccess.run(dir.resolve("log-resume"), "resume", file.toString(), "--dir",
            dir.resolve("parts").toString(), "--budget", "40");
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();

        try (var a = CampaignView.open(dir.resolve("whole"), Optional.empty());
             var b = CampaignView.open(dir.resolve("parts"), Optional.empty())) {
            assertThat(keys(b.samples())).isEqualTo(keys(a.samples()));
            assertThat(b.best().orElseThrow().point()).isEqualTo(a.best().orElseThrow().point());
        }
        // every simulator folder ran once: 40 for the whole campaign, 20 + 20 for the resumed one
        var counts = TestCampaigns.invocations(dir);
        assertThat(counts.values()).allMatch(n -> n == 1L);
        assertThat(counts).hasSize(80);
        assertThat(finishedBefore).isEqualTo(60);
    }

    private static List<String> keys(List<SampleRecord> samples) {
        return samples.stream().map(s -> s.key() + "@" + s.events()).toList();
    }
}
