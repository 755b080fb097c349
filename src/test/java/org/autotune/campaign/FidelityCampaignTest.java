package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.assertj.core.groups.Tuple;
import org.autotune.cli.CliAccess;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign with a fidelity schedule, run as a real child process with the test simulator (which
 * writes as many events as the macro asks for): the first stage runs 100 events per sample, the
 * second 400; the best sample and the analysis come from the 400-event stage; a campaign stopped
 * in the middle and resumed with a larger budget keeps the samples of its first run as its journal
 * holds them and adds only new ones (compared with that journal, not with a second live run, so a
 * hiccup of a busy machine in one run cannot make two runs differ).
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
    void a_campaign_resumed_with_a_larger_budget_keeps_the_first_runs_samples_and_adds_only_new_ones()
        throws Exception {
        var file = TestCampaigns.write(dir, "", "budget: 40\n" + SCHEDULE);
        var folder = dir.resolve("c");
        var journal = folder.resolve(Journal.FILE_NAME);
        // stopped inside the second stage, then resumed
        var first = CliAccess.run(dir.resolve("log-first"), "run", file.toString(), "--dir", folder.toString(),
            "--budget", "20");
        assertThat(first.exitCode()).as(() -> first.stderr() + JournalListing.of(journal)).isZero();
        List<SampleRecord> before;
        try (var j = Journal.read(journal)) {
            before = j.samples();
        }
        var firstListing = "the first run's journal: " + JournalListing.of(journal);
        var ranBefore = TestCampaigns.invocations(dir);

        var resumed = CliAccess.run(dir.resolve("log-resume"), "resume", file.toString(), "--dir",
            folder.toString(), "--budget", "40");

        Supplier<String> listings = () -> firstListing + "after the resume: " + JournalListing.of(journal);
        assertThat(resumed.exitCode()).as(() -> resumed.stderr() + listings.get()).isZero();
        List<SampleRecord> after;
        try (var j = Journal.read(journal)) {
            after = j.samples();
        }
        // the samples of the first run are in the resumed journal as they were
        assertThat(after).extracting(SampleRecord::name).as(listings)
            .containsAll(before.stream().map(SampleRecord::name).toList());
        assertThat(sameNames(after, before)).extracting(FidelityCampaignTest::identity).as(listings)
            .containsExactlyElementsOf(before.stream().map(FidelityCampaignTest::identity).toList());
        assertThat(sameNames(after, before).stream().filter(s -> s.status() == SampleStatus.FINISHED))
            .extracting(SampleRecord::name, SampleRecord::score).as(listings)
            .containsExactlyElementsOf(before.stream().filter(s -> s.status() == SampleStatus.FINISHED)
                .map(s -> tuple(s.name(), s.score())).toList());
        // the resume added only new samples, up to the budget, on the same fidelity stages
        var added = after.stream().filter(s -> sameNames(before, List.of(s)).isEmpty()).toList();
        assertThat(added).as(listings).hasSize(40 - before.size())
            .allMatch(s -> before.stream().allMatch(b -> b.id() < s.id()), "newer than the first run's samples");
        assertThat(after).as(listings).hasSize(40);
        assertThat(after.stream().filter(s -> s.events() == 100).count()).as(listings).isEqualTo(16);
        // no sample folder ran twice: 20 ran in the first run, the resume ran exactly the new samples
        var counts = TestCampaigns.invocations(dir);
        assertThat(ranBefore).as(listings).hasSize(20);
        assertThat(counts.values()).as(() -> counts + "\n" + listings.get()).allMatch(n -> n == 1L);
        assertThat(counts.keySet().stream().filter(f -> !ranBefore.containsKey(f))).as(listings)
            .containsExactlyInAnyOrderElementsOf(added.stream().map(s -> normal(s.folder())).toList());
    }

    /** What makes a sample that sample: its name, key (simulator, point, seed, events), point and events. */
    private static Tuple identity(SampleRecord s) {
        return tuple(s.name(), s.key(), s.point(), s.events());
    }

    /** The samples of {@code samples} whose names are in {@code names}, in the order of {@code samples}. */
    private static List<SampleRecord> sameNames(List<SampleRecord> samples, List<SampleRecord> names) {
        return samples.stream().filter(s -> names.stream().anyMatch(n -> n.name().equals(s.name()))).toList();
    }

    private static String normal(String folder) {
        return Path.of(folder).toAbsolutePath().normalize().toString();
    }
}
