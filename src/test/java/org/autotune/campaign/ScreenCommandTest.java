package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.autotune.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autotune screen} on a real process: an awk program writes events x = 3a + b + e and
 * y = 0.3c + f (fixed noise patterns); d does not enter. The screen must rank a first and d last,
 * journal its samples in its own folder and leave the campaign's folder alone.
 */
class ScreenCommandTest {
    @TempDir
    Path dir;

    @Test
    void ranks_the_parameters_by_effect_and_keeps_its_samples_apart_from_the_campaign() throws Exception {
        Files.writeString(dir.resolve("sim.awk"), """
            BEGIN {
                print "x,y" > "events.csv"
                for (k = 0; k < n; k++)
                    printf "%.12g,%.12g\\n", 3 * a + b + (k % 10 - 4.5) / 3, 0.3 * c + ((7 * k) % 10 - 4.5) / 3 > "events.csv"
            }
            """);
        var ref = new StringBuilder("x,y\n");
        for (int k = 0; k < 500; k++) {
            ref.append(2.0 + (k % 10 - 4.5) / 3).append(',').append(0.15 + ((7 * k) % 10 - 4.5) / 3).append('\n');
        }
        Files.writeString(dir.resolve("ref.csv"), ref);
        var file = dir.resolve("screen.yaml");
        Files.writeString(file, """
            parameters:
              a: {kind: real, min: 0, max: 1, step: 0.1}
              b: {kind: real, min: 0, max: 1, step: 0.1}
              c: {kind: real, min: 0, max: 1, step: 0.1}
              d: {kind: real, min: 0, max: 1, step: 0.1}
            simulator:
              command: [awk, -v, "a={{a}}", -v, "b={{b}}", -v, "c={{c}}", -v, "n={{events}}", -f, "{{campaign_dir}}/sim.awk"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: ref.csv, columns: [x, y]}
            executor: {type: local, slots: 2}
            events: 40
            seed: 11
            """);
        var r = LocalMinimumCheckTest.autotune("screen", file.toString(), "--trajectories", "6");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("every screening sample has finished").doesNotContain("scan sample");
        var rows = r.out().lines().filter(l -> l.matches("^[1-4] .*")).toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).contains(" a ");
        assertThat(rows.get(3)).contains(" d ").contains("within noise: a candidate to fix");
        assertThat(Files.readString(dir.resolve("screen.screen/screen.json"))).contains("\"mu_star\"");
        // trajectories can share grid points: each distinct point runs once
        long distinct = org.autotune.analysis.Screening.design(4, 6, 11).stream().map(java.util.Arrays::toString)
            .distinct().count();
        try (var j = Journal.read(dir.resolve("screen.screen/journal.sqlite"))) {
            assertThat(j.samples()).hasSize((int) distinct).allMatch(s -> s.origin().equals("screen"));
        }
        assertThat(Files.exists(dir.resolve("screen.autotune"))).isFalse();
        // running it again reuses every sample
        var again = LocalMinimumCheckTest.autotune("screen", file.toString(), "--trajectories", "6");
        assertThat(again.code()).isZero();
        try (var j = Journal.read(dir.resolve("screen.screen/journal.sqlite"))) {
            assertThat(j.samples()).hasSize((int) distinct);
        }
    }
}
