package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.assertj.core.data.Percentage;
import org.autotune.InputError;
import org.autotune.journal.Revisions;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Iterating on a campaign without losing the samples already paid for: real simulator processes
 * (the test simulator appends its sample folder to invocations.log, so every run is counted), a
 * real SQLite journal, and the campaign file edited between runs as a user would.
 */
class IterateCampaignTest {
    @TempDir
    Path dir;

    /** The campaign file with the settings the tests edit; the rest as in {@link TestCampaigns}. */
    private static String text(String gainMax, int budget, String optimizer, String metric) {
        return """
            name: iterate
            parameters:
              gain: {kind: real, min: 0.5, max: %s, start: 1.0, step: 0.2}
              noise: {kind: log, min: 0.05, max: 1.0, start: 0.1, step: 1.5}
            simulator:
              templates: [sim.mac.template]
              command: [sh, "{{campaign_dir}}/sim.sh", sim.mac, "{{campaign_dir}}/invocations.log"]
              outputs: [events.csv]
              timeout: 20s
            metric: %s
            executor: {type: local, slots: 2}
            events: 400
            seed: 11
            budget: %d
            optimizer: %s
            """.formatted(gainMax, metric, budget, optimizer);
    }

    private static final String MEAN_STD =
        "{type: mean-std, output: events.csv, reference: reference.csv, columns: [amplitude]}";

    private static String weighted(double weight) {
        return "{sum: [{name: shape, weight: " + weight + ", metric: " + MEAN_STD + "}]}";
    }

    private Path campaign(Path folder, String text) throws IOException {
        Files.createDirectories(folder);
        TestCampaigns.write(folder, "", "");
        var file = folder.resolve("campaign.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static Campaign open(Path file, Optional<Path> dir) {
        return Campaign.open(CampaignConfig.read(file), new Overrides(Optional.empty(), OptionalInt.empty(),
            OptionalLong.empty(), dir, false), false);
    }

    private static Outcome run(Path file, Optional<Path> dir) {
        try (var c = open(file, dir)) {
            return c.run(Progress.NONE, Clock.systemUTC());
        }
    }

    private static List<SampleRecord> samples(Path file) {
        try (var view = CampaignView.open(file, Optional.empty())) {
            return view.samples();
        }
    }

    @Test
    void editing_comments_budget_range_optimizer_and_metric_weights_reruns_no_finished_sample() throws IOException {
        var cd = "{type: coordinate-descent}";
        var file = campaign(dir, text("2.0", 12, cd, weighted(1)));
        run(file, Optional.empty());
        var before = samples(file);
        assertThat(before).hasSize(12).allMatch(s -> s.status() == SampleStatus.FINISHED);

        // a comment, a larger budget, a wider range, another optimizer setting and a re-weighted metric
        Files.writeString(file, "# second try: wider gain, finer steps\n"
            + text("2.5", 20, "{type: coordinate-descent, shrink: 0.4}", weighted(2)));
        String note;
        try (var c = open(file, Optional.empty())) {
            note = c.revisionNote();
            c.run(Progress.NONE, Clock.systemUTC());
        }
        assertThat(note).contains("revision 2").contains("parameters, metric, optimizer, budget edited")
            .contains("new phase at optimizer/13").contains("re-scored 12 finished samples");
        var counts = TestCampaigns.invocations(dir);
        for (var s : before) {
            assertThat(counts.get(Path.of(s.folder()).toAbsolutePath().normalize().toString()))
                .as("simulator runs in " + s.folder()).isEqualTo(1L);
        }
        var after = samples(file);
        assertThat(after).hasSize(20);   // the budget is the campaign's: 8 more samples
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20);
        try (var view = CampaignView.open(file, Optional.empty())) {
            var revisions = Revisions.all(view.journal());
            assertThat(revisions).hasSize(2);
            assertThat(revisions.get(1).optimizerFrom()).isEqualTo(13);
            assertThat(revisions.get(1).rescored()).isEqualTo(12);
        }
    }

    /** The new phase's optimizer: one without a model, and one that learns the earlier phase's samples. */
    @ParameterizedTest
    @ValueSource(strings = {"{type: coordinate-descent, shrink: 0.4}", "{type: bayesian}", "{type: surrogate}"})
    void a_resume_after_an_edit_proposes_what_an_uninterrupted_run_proposes(String next) throws IOException {
        var cd = "{type: coordinate-descent}";
        var edited = text("2.5", 24, next, MEAN_STD);
        var whole = campaign(dir.resolve("whole"), text("2.0", 10, cd, MEAN_STD));
        var split = campaign(dir.resolve("split"), text("2.0", 10, cd, MEAN_STD));
        run(whole, Optional.empty());
        run(split, Optional.empty());
        Files.writeString(whole, edited);
        Files.writeString(split, edited);
        run(whole, Optional.empty());
        try (var c = Campaign.open(CampaignConfig.read(split), new Overrides(Optional.of(16), OptionalInt.empty(),
            OptionalLong.empty(), Optional.empty(), false), false)) {
            c.run(Progress.NONE, Clock.systemUTC());   // stopped part-way through the new phase
        }
        assertThat(samples(split)).hasSize(16);
        try (var c = Campaign.open(CampaignConfig.read(split), new Overrides(Optional.of(24), OptionalInt.empty(),
            OptionalLong.empty(), Optional.empty(), false), false)) {
            c.run(Progress.NONE, Clock.systemUTC());   // resumed: replays the new phase, then goes on
        }
        assertThat(points(samples(split))).isEqualTo(points(samples(whole)));
        assertThat(TestCampaigns.invocations(dir.resolve("split")).values()).allMatch(n -> n == 1L);
    }

    private static List<String> points(List<SampleRecord> samples) {
        return samples.stream().map(s -> s.origin() + "/" + s.ordinal() + " " + s.point() + " " + s.seed()).toList();
    }

    @Test
    void changing_the_simulator_command_or_a_template_is_refused_naming_the_change() throws IOException {
        var file = campaign(dir, text("2.0", 3, "{type: coordinate-descent}", MEAN_STD));
        run(file, Optional.empty());
        Files.writeString(dir.resolve("sim.mac.template"), "/control/verbose 1\n", StandardOpenOption
            .APPEND);
        assertThatThrownBy(() -> open(file, Optional.empty()).close()).isInstanceOf(InputError.class)
            .hasMessageContaining("template sim.mac.template changed: line 5 added: \"/control/verbose 1\"")
            .hasMessageContaining("--force-new").hasMessageContaining("reuse: [");
        Files.writeString(dir.resolve("sim.mac.template"), Files.readString(dir.resolve("sim.mac.template"))
            .replace("/control/verbose 1\n", ""));
        Files.writeString(file, Files.readString(file).replace("[sh, ", "[sh, -e, "));
        assertThatThrownBy(() -> open(file, Optional.empty()).close()).isInstanceOf(InputError.class)
            .hasMessageContaining("simulator.command was [\"sh\",\"{{campaign_dir}}/sim.sh\"");
        assertThat(TestCampaigns.invocations(dir).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
    }

    @Test
    void a_changed_metric_rescores_the_stored_outputs_and_runs_none() throws IOException {
        var file = campaign(dir, text("2.0", 10, "{type: coordinate-descent}", weighted(1)));
        run(file, Optional.empty());
        Map<Long, Double> before = samples(file).stream()
            .collect(Collectors.toMap(SampleRecord::id, s -> s.score().getAsDouble()));
        Files.writeString(file, text("2.0", 10, "{type: coordinate-descent}", weighted(3)));
        String note;
        try (var c = open(file, Optional.empty())) {
            note = c.revisionNote();
            c.run(Progress.NONE, Clock.systemUTC());
        }
        assertThat(note).contains("re-scored 10 finished samples").contains("ran none");
        assertThat(TestCampaigns.invocations(dir).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10);
        var after = samples(file);
        assertThat(after).hasSize(10);
        for (var s : after) {   // the same outputs, weight 3 instead of 1: three times the score
            assertThat(s.score().getAsDouble()).isCloseTo(3 * before.get(s.id()),
                Percentage.withPercentage(1e-9));
        }
    }

    @Test
    void reuse_answers_matching_samples_from_another_campaigns_journal() throws IOException {
        var first = campaign(dir.resolve("first"), text("2.0", 150, "{type: coordinate-descent}", MEAN_STD));
        var outcome = run(first, Optional.empty());
        assertThat(outcome.state()).isEqualTo(Outcome.State.CONVERGED);
        int paid = samples(first).size();
        var second = campaign(dir.resolve("second"), text("2.0", 150, "{type: coordinate-descent}", MEAN_STD)
            + "reuse: [../first/campaign.yaml]\n");
        var again = run(second, Optional.empty());
        assertThat(again.state()).isEqualTo(Outcome.State.CONVERGED);
        assertThat(TestCampaigns.invocations(dir.resolve("second"))).isEmpty();
        var reused = samples(second);
        assertThat(reused).hasSize(paid).allMatch(s -> s.origin().equals(Reuse.ORIGIN)
            && s.folder().startsWith(dir.resolve("first").toString()));
        assertThat(again.best().orElseThrow().score()).isEqualTo(outcome.best().orElseThrow().score());
    }

    @Test
    void a_campaign_journaled_before_revisions_were_kept_continues_after_a_comment_edit() throws Exception {
        var file = campaign(dir, text("2.0", 8, "{type: coordinate-descent}", MEAN_STD));
        run(file, Optional.empty());
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("campaign.autotune/journal.sqlite"));
             var st = db.createStatement()) {
            st.execute("DROP TABLE revisions");   // as an older Autotune left it
        }
        Files.writeString(file, "# a note for the log book\n" + text("2.0", 10, "{type: coordinate-descent}", MEAN_STD));
        try (var c = open(file, Optional.empty())) {
            assertThat(c.revisionNote()).contains("revision 2 of the campaign file (budget edited): the campaign "
                + "continues").doesNotContain("new phase");
            c.run(Progress.NONE, Clock.systemUTC());
        }
        assertThat(samples(file)).hasSize(10);
        assertThat(TestCampaigns.invocations(dir).values()).hasSize(10).allMatch(n -> n == 1L);
    }
}
