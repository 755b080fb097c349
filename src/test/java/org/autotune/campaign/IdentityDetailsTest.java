package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.autotune.design.CostTerms;
import org.autotune.journal.SampleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finer points of a campaign's identity, with real simulator processes (each run is counted in
 * invocations.log) and a real journal: the reference data are not part of it but their edit is
 * noticed and re-scores the stored outputs; a simulator key written with its default value is no
 * edit of it; a cost campaign's re-score keeps the budget term.
 */
class IdentityDetailsTest {
    @TempDir
    Path dir;

    private static final String COST = """
        cost:
          expression: "10*gain"
          budget: 12
        """;

    private Path campaign(String simulatorExtra, String extra) throws IOException {
        TestCampaigns.write(dir, "", "");
        var file = dir.resolve("campaign.yaml");
        Files.writeString(file, """
            name: identity
            parameters:
              gain: {kind: real, min: 0.5, max: 2.0, start: 1.0, step: 0.2}
              noise: {kind: log, min: 0.05, max: 1.0, start: 0.1, step: 1.5}
            simulator:
            %s  templates: [sim.mac.template]
              command: [sh, "{{campaign_dir}}/sim.sh", sim.mac, "{{campaign_dir}}/invocations.log"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: reference.csv, columns: [amplitude]}
            executor: {type: local, slots: 2}
            events: 400
            seed: 11
            budget: 10
            optimizer: {type: coordinate-descent}
            %s""".formatted(simulatorExtra, extra));
        return file;
    }

    /** Opens the campaign as run/resume do, runs it, and returns what opening said about the file. */
    private static String run(Path file) {
        try (var c = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            String note = c.revisionNote();
            c.run(Progress.NONE, Clock.systemUTC());
            return note;
        }
    }

    private static Map<Long, SampleRecord> samples(Path file) {
        try (var view = CampaignView.open(file, Optional.empty())) {
            return view.samples().stream().collect(Collectors.toMap(SampleRecord::id, s -> s));
        }
    }

    private long simulated() throws IOException {
        return TestCampaigns.invocations(dir).values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void editing_the_reference_data_alone_rescores_the_stored_outputs_and_runs_none() throws IOException {
        var file = campaign("", "");
        run(file);
        var before = samples(file);
        var data = dir.resolve("reference.csv");
        String original = Files.readString(data);
        // the same data shifted by 0.1: every sample's mean-std score changes
        var shifted = new StringBuilder("amplitude\n");
        original.lines().skip(1).forEach(l -> shifted.append(Double.parseDouble(l) + 0.1).append('\n'));
        Files.writeString(data, shifted);

        String note = run(file);
        assertThat(note).contains("revision 2 of the campaign file (reference data reference.csv edited)",
            "re-scored 10 finished samples", "ran none");
        assertThat(simulated()).as("simulator runs").isEqualTo(10);
        var after = samples(file);
        assertThat(after).hasSize(10);
        after.values().forEach(s -> assertThat(s.score().getAsDouble()).as(s.name())
            .isNotEqualTo(before.get(s.id()).score().getAsDouble()));

        // the original data back: the original scores, to rounding, and still nothing simulated
        Files.writeString(data, original);
        assertThat(run(file)).contains("revision 3", "reference data reference.csv edited",
            "re-scored 10 finished samples");
        assertThat(simulated()).isEqualTo(10);
        samples(file).values().forEach(s -> assertThat(s.score().getAsDouble()).as(s.name())
            .isCloseTo(before.get(s.id()).score().getAsDouble(), within(1e-9)));
        assertThat(run(file)).as("unchanged data: nothing to say").isEmpty();
    }

    @Test
    void writing_simulator_keys_with_their_default_values_continues_the_campaign() throws IOException {
        var file = campaign("", "");
        run(file);
        Files.writeString(file, Files.readString(file).replace("simulator:\n", """
            simulator:
              type: command
              environment: {}
            """));
        String note = run(file);
        assertThat(note).contains("revision 2 of the campaign file (simulator edited): the campaign continues");
        assertThat(simulated()).isEqualTo(10);
    }

    @Test
    void writing_the_default_optimizer_out_starts_no_new_phase() throws IOException {
        var file = campaign("", "");
        Files.writeString(file, Files.readString(file).replace("optimizer: {type: coordinate-descent}\n", ""));
        run(file);
        Files.writeString(file, Files.readString(file) + "optimizer: {type: auto}\n");
        String note = run(file);
        assertThat(note).contains("revision 2 of the campaign file (optimizer edited): the campaign continues")
            .doesNotContain("new phase");
        Files.writeString(file, Files.readString(file).replace("optimizer: {type: auto}", "optimizer: {type: bobyqa}"));
        assertThat(run(file)).contains("revision 3").contains("new phase");
    }

    @Test
    void a_cost_campaigns_rescore_keeps_the_cost_and_budget_terms() throws IOException {
        var file = campaign("", COST);
        run(file);
        var before = samples(file);
        assertThat(before.values()).allMatch(s -> s.components().containsKey(CostTerms.BUDGET));
        // re-weight the metric: every metric value triples, the cost and its budget term stay
        Files.writeString(file, Files.readString(file).replace(
            "metric: {type: mean-std, output: events.csv, reference: reference.csv, columns: [amplitude]}",
            "metric: {sum: [{name: shape, weight: 3, metric: {type: mean-std, output: events.csv, "
                + "reference: reference.csv, columns: [amplitude]}}]}"));
        assertThat(run(file)).contains("re-scored 10 finished samples");
        assertThat(simulated()).isEqualTo(10);
        for (var s : samples(file).values()) {
            var old = before.get(s.id()).components();
            var now = s.components();
            assertThat(now.get(CostTerms.COST)).as(s.name()).isEqualTo(old.get(CostTerms.COST));
            assertThat(now.get(CostTerms.BUDGET)).as(s.name()).isCloseTo(old.get(CostTerms.BUDGET), within(1e-12));
            assertThat(now.get(CostTerms.METRIC)).as(s.name()).isCloseTo(3 * old.get(CostTerms.METRIC),
                within(1e-9 * Math.abs(old.get(CostTerms.METRIC))));
            assertThat(s.score().getAsDouble()).as(s.name())
                .isCloseTo(now.get(CostTerms.METRIC) + now.get(CostTerms.BUDGET), within(1e-9));
        }
    }

    @Test
    void progress_of_a_new_phase_counts_what_is_left_of_the_budget() throws IOException {
        var file = campaign("", "");
        run(file);
        // a wider range and 6 more samples: a new phase, with 6 of the campaign's 16 left for it
        Files.writeString(file, Files.readString(file).replace("max: 2.0,", "max: 2.5,")
            .replace("budget: 10", "budget: 16"));
        var last = new ArrayList<Progress.Snapshot>();
        try (var c = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            assertThat(c.revisionNote()).contains("new phase at optimizer/11");
            c.run(new Progress() {
                @Override
                public void update(Progress.Snapshot snapshot) {
                    last.add(snapshot);
                }

                @Override
                public void end(Progress.Snapshot snapshot) {
                    last.add(snapshot);
                }
            }, Clock.systemUTC());
        }
        var end = last.get(last.size() - 1);
        assertThat(end.budget()).as("the phase's budget").isEqualTo(6);
        assertThat(end.spent()).as("the phase's new samples").isEqualTo(samples(file).size() - 10).isBetween(1, 6);
    }
}
