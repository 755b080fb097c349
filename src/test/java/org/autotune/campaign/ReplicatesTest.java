package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.autotune.InputError;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.autotune.score.Observable;
import org.autotune.score.Score;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicatesTest {
    @TempDir
    Path dir;

    @Test
    void combining_averages_scores_and_observables_and_shrinks_their_errors() {
        var a = new Score(10, OptionalDouble.of(3), Map.of("x", 4.0), List.of(new Observable("m", 1.0, 0.3, 1.1, 0.1)));
        var b = new Score(14, OptionalDouble.of(4), Map.of("x", 6.0), List.of(new Observable("m", 2.0, 0.4, 1.1, 0.1)));
        var c = Replicates.combine(List.of(Optional.of(a), Optional.empty(), Optional.of(b))).orElseThrow();
        assertThat(c.value()).isEqualTo(12);
        assertThat(c.standardError().getAsDouble()).isCloseTo(5.0 / 2, within(1e-12));   // sqrt(9 + 16) / 2
        assertThat(c.components()).containsEntry("x", 5.0);
        var m = c.observables().get(0);
        assertThat(m.simulated()).isCloseTo(1.5, within(1e-12));
        assertThat(m.simulatedError()).isCloseTo(0.25, within(1e-12));
        assertThat(m.reference()).isEqualTo(1.1);
        // without errors: the replicates' spread
        var d = Replicates.combine(List.of(Optional.of(Score.of(1)), Optional.of(Score.of(3)))).orElseThrow();
        assertThat(d.standardError().getAsDouble()).isCloseTo(Math.sqrt(2.0 / 2), within(1e-12));
        assertThat(Replicates.combine(List.of(Optional.empty(), Optional.empty()))).isEmpty();
    }

    private Path campaign(String seeds, int replicates) throws Exception {
        // the simulator's events depend on its seed: replicates of a point differ
        Files.writeString(dir.resolve("noisy.awk"), """
            BEGIN {
                srand(seed)
                print "x" > "events.csv"
                for (k = 0; k < n; k++)
                    printf "%.12g\\n", a + rand() - 0.5 > "events.csv"
            }
            """);
        var ref = new StringBuilder("x\n");
        for (int k = 0; k < 400; k++) {
            ref.append(1.0 + (k % 10 - 4.5) / 10).append('\n');
        }
        Files.writeString(dir.resolve("ref.csv"), ref);
        var file = dir.resolve("rep.yaml");
        Files.writeString(file, """
            parameters:
              a: {kind: real, min: 0, max: 2, start: 0.5, step: 0.2}
            simulator:
              command: [awk, -v, "a={{a}}", -v, "seed={{seed}}", -v, "n={{events}}", -f, "{{campaign_dir}}/noisy.awk"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: ref.csv, columns: [x]}
            optimizer: {type: coordinate-descent}
            executor: {type: local, slots: 2}
            events: 20
            budget: 12
            seed: 4
            seeds: SEEDS
            replicates: REPS
            """.replace("SEEDS", seeds).replace("REPS", Integer.toString(replicates)));
        return file;
    }

    @Test
    void each_point_runs_as_replicates_with_their_own_seeds_and_resume_replays_them() throws Exception {
        var file = campaign("fresh", 3);
        try (var c = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            c.run(Progress.NONE, Clock.systemUTC());
        }
        List<SampleRecord> first;
        try (var j = Journal.read(dir.resolve("rep.autotune/journal.sqlite"))) {
            first = j.samples();
        }
        assertThat(first).hasSize(12);
        // consecutive triples share their point, every sample has its own seed
        var byPoint = first.stream().collect(Collectors.groupingBy(s -> s.point().get("a")));
        assertThat(byPoint.values()).allMatch(g -> g.size() % 3 == 0);
        assertThat(first.stream().map(SampleRecord::seed).distinct()).hasSize(12);
        for (int i = 0; i < 12; i += 3) {
            assertThat(first.get(i + 1).point()).isEqualTo(first.get(i).point());
            assertThat(first.get(i + 2).point()).isEqualTo(first.get(i).point());
        }
        // resuming with a larger budget replays the triples and continues with new ones
        try (var c = Campaign.open(CampaignConfig.read(file), new Overrides(Optional.of(18),
            java.util.OptionalInt.empty(), java.util.OptionalLong.empty(), Optional.empty(), false), true)) {
            c.run(Progress.NONE, Clock.systemUTC());
        }
        try (var j = Journal.read(dir.resolve("rep.autotune/journal.sqlite"))) {
            var all = j.samples();
            assertThat(all).hasSizeBetween(13, 18);
            assertThat(all.subList(0, 12)).usingRecursiveComparison().comparingOnlyFields("id", "key", "seed")
                .isEqualTo(first);
            assertThat(all.size() % 3).isZero();
        }
    }

    @Test
    void replicates_with_fixed_seeds_are_refused_with_the_fix() throws Exception {
        var file = campaign("fixed", 3);
        assertThatThrownBy(() -> CampaignConfig.read(file)).isInstanceOf(InputError.class)
            .hasMessageContaining("replicates").hasMessageContaining("seeds: fresh");
    }
}
