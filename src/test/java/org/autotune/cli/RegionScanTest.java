package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.autotune.journal.Journal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * After {@code scan}, a campaign whose metric exposes observables gets the region the data allow
 * (real processes): a detector whose events measure x = a·b and y = c, so a and b are degenerate
 * (only their product is measured) and c is fixed. The scan runs journaled validation samples
 * drawn from the region, names the degenerate pair, and its 95 % intervals contain the truth;
 * {@code analyze} prints the same region from the journal.
 */
class RegionScanTest {
    @TempDir
    Path dir;

    private static final String DETECTOR = """
        BEGIN {
            srand(seed)
            print "x,y" > "events.csv"
            for (i = 0; i < n; i++) {
                u = rand(); v = rand(); g1 = sqrt(-2 * log(1 - u)) * cos(6.283185307 * v)
                u = rand(); v = rand(); g2 = sqrt(-2 * log(1 - u)) * cos(6.283185307 * v)
                printf "%.6f,%.6f\\n", a * b + 0.2 * g1, c + 0.2 * g2 > "events.csv"
            }
        }
        """;

    @Tag("slow")
    @Test
    void scan_maps_the_region_the_data_allow_names_the_degenerate_pair_and_covers_the_truth() throws Exception {
        Files.writeString(dir.resolve("detector.awk"), DETECTOR);
        var reference = new ProcessBuilder("awk", "-v", "a=1.0", "-v", "b=0.8", "-v", "c=0.6", "-v", "n=4000",
            "-v", "seed=99", "-f", "detector.awk").directory(dir.toFile()).inheritIO().start();
        assertThat(reference.waitFor()).isZero();
        Files.move(dir.resolve("events.csv"), dir.resolve("reference.csv"));
        var file = dir.resolve("product.yaml");
        Files.writeString(file, """
            parameters:
              a: {kind: real, min: 0.4, max: 2, start: 1.5, step: 0.1}
              b: {kind: real, min: 0.4, max: 2, start: 1.2, step: 0.1}
              c: {kind: real, min: 0, max: 2, start: 1.0, step: 0.1}
            simulator:
              command: [awk, -v, "a={{a}}", -v, "b={{b}}", -v, "c={{c}}", -v, "n={{events}}", -v, "seed={{seed}}",
                        -f, "{{campaign_dir}}/detector.awk"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: reference.csv, columns: [x, y]}
            executor: {type: local, slots: 2}
            budget: 60
            events: 400
            seed: 5
            """);
        var run = Cli.runIn(dir, "run", file.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        var scan = Cli.runIn(dir, "scan", file.toString());
        assertThat(scan.exitCode()).as(scan.stderr()).isZero();
        assertThat(scan.stdout()).as(scan.stdout()).contains("region the data allow", "\nvalidated: ",
            "the data fix c and 1 combination of the rest; a, b move together");
        try (var journal = Journal.open(dir.resolve("product.autotune").resolve(Journal.FILE_NAME))) {
            assertThat(journal.samples().stream().filter(s -> s.origin().equals("region-1")).count())
                .as("the first wave's validation samples, journaled").isEqualTo(9);
        }
        var analyze = Cli.runIn(dir, "analyze", file.toString());
        assertThat(analyze.exitCode()).as(analyze.stderr()).isZero();
        assertThat(analyze.stdout()).contains("region the data allow", "a, b move together",
            "note: every sample ran with one seed (common random numbers)",
            "note: the quadratic below describes the score near the best point only");
        var json = JsonMapper.builder().build().readTree(dir.resolve("product.autotune").resolve("analysis.json")
            .toFile());
        var intervals = json.get("region_allowed").get("intervals_95_68_median_68_95");
        assertThat(intervals).as(json.toString()).isNotNull();
        double[] truth = {1.0, 0.8, 0.6};
        String[] names = {"a", "b", "c"};
        for (int i = 0; i < 3; i++) {
            var v = intervals.get(names[i]);
            assertThat(truth[i]).as(names[i] + " in its 95% interval " + v).isBetween(v.get(0).asDouble(),
                v.get(4).asDouble());
        }
        // the valley: the product is measured, a alone is not
        var a = intervals.get("a");
        assertThat(a.get(4).asDouble() - a.get(0).asDouble()).as("a's 95% interval " + a).isGreaterThan(0.3);
        // a second scan around the same best sample (its lines are all in the journal already) runs too
        var again = Cli.runIn(dir, "scan", file.toString());
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout()).contains("scan 2: ");
    }
}
