package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.autotune.journal.Journal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The region the data allow on a campaign with a choice parameter (real processes): the detector
 * of {@code RegionScanTest} (x = a·b and y = c measured) with a choice {@code shift} whose value
 * {@code plus} doubles y's spread (0.4 instead of the data's 0.2, which no real parameter can undo,
 * while a shifted mean could be undone by c), so the best combination is {@code none}. The scan holds
 * it there, and the region is mapped over a, b, c at that value only: every validation sample has it,
 * and the degenerate pair is still named.
 */
class RegionHeldScanTest {
    @TempDir
    Path dir;

    private static final String DETECTOR = """
        BEGIN {
            srand(seed)
            print "x,y" > "events.csv"
            for (i = 0; i < n; i++) {
                u = rand(); v = rand(); g1 = sqrt(-2 * log(1 - u)) * cos(6.283185307 * v)
                u = rand(); v = rand(); g2 = sqrt(-2 * log(1 - u)) * cos(6.283185307 * v)
                printf "%.6f,%.6f\\n", a * b + 0.2 * g1, c + (shift == "plus" ? 0.4 : 0.2) * g2 > "events.csv"
            }
        }
        """;

    @Tag("slow")
    @Test
    void scan_maps_the_region_over_the_real_parameters_with_the_choice_held() throws Exception {
        Files.writeString(dir.resolve("detector.awk"), DETECTOR);
        var reference = new ProcessBuilder("awk", "-v", "a=1.0", "-v", "b=0.8", "-v", "c=0.6", "-v", "shift=none",
            "-v", "n=4000", "-v", "seed=99", "-f", "detector.awk").directory(dir.toFile()).inheritIO().start();
        assertThat(reference.waitFor()).isZero();
        Files.move(dir.resolve("events.csv"), dir.resolve("reference.csv"));
        var file = dir.resolve("shifted.yaml");
        Files.writeString(file, """
            parameters:
              a: {kind: real, min: 0.4, max: 2, start: 1.5, step: 0.1}
              b: {kind: real, min: 0.4, max: 2, start: 1.2, step: 0.1}
              c: {kind: real, min: 0, max: 2, start: 1.0, step: 0.1}
              shift: {kind: choice, choices: [plus, none], start: plus}
            simulator:
              command: [awk, -v, "a={{a}}", -v, "b={{b}}", -v, "c={{c}}", -v, "shift={{shift}}", -v, "n={{events}}",
                        -v, "seed={{seed}}", -f, "{{campaign_dir}}/detector.awk"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: reference.csv, columns: [x, y]}
            executor: {type: local, slots: 2}
            budget: 80
            events: 400
            seed: 5
            """);
        var run = Cli.runIn(dir, "run", file.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        var scan = Cli.runIn(dir, "scan", file.toString());
        assertThat(scan.exitCode()).as(scan.stderr()).isZero();
        assertThat(scan.stdout()).as(scan.stdout())
            .contains("held at the best sample's values: shift = none")
            .contains("region the data allow: mapped over a, b, c with shift = none held (as in the scan)")
            .contains("a, b move together");
        try (var journal = Journal.open(dir.resolve("shifted.autotune").resolve(Journal.FILE_NAME))) {
            var region = journal.samples().stream().filter(s -> s.origin().startsWith("region-")).toList();
            assertThat(region).as("the validation samples, journaled").isNotEmpty()
                .allMatch(s -> s.point().get("shift") == 1.0);
        }
    }
}
