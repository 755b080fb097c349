package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.autotune.execute.SlurmCluster;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autotune anchors} with a real simulator process: awk writes μ(x, y) = 42 + x + 1.2y + 0.5xy
 * into mu.txt and appends a line to runs.log, and a command metric (cat) reads μ back as the score.
 * The known answers are those of AnchorInterpolationTest.
 */
@Tag("slow")
class AnchorsCommandTest {
    @TempDir
    Path dir;

    private Path campaign(String anchors) throws Exception {
        Files.writeString(dir.resolve("mu.awk"), """
            BEGIN {
                printf "%.12g\\n", 42 + x + 1.2 * y + 0.5 * x * y > "mu.txt"
                print "run" >> runs
            }
            """);
        var file = dir.resolve("campaign.yaml");
        Files.writeString(file, """
            name: rate
            parameters:
              x: {kind: real, min: -1, max: 1, start: 0, step: 0.2}
              y: {kind: real, min: -1, max: 1, start: 0, step: 0.2}
            simulator:
              command: [awk, -v, "x={{x}}", -v, "y={{y}}", -v, "runs={{campaign_dir}}/runs.log", -f, "{{campaign_dir}}/mu.awk"]
              outputs: [mu.txt]
            metric: {type: command, command: [cat, "{{sample_dir}}/mu.txt"]}
            executor: {type: local, slots: 2}
            %s
            """.formatted(anchors));
        return file;
    }

    @Test
    void cross_anchors_interpolate_the_known_rate_and_a_second_run_reruns_nothing() throws Exception {
        var file = campaign("anchors: {mode: cross, parameters: {x: [-1, 0, 1], y: [-1, 0, 1]}}");
        var first = Cli.run(dir.resolve("log1"), "anchors", file.toString(), "--at", "x=0.5", "--at", "x=0.5,y=0.3");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stdout()).contains("anchors of campaign rate: cross over x, y, 5 samples")
            .contains("anchors: every anchor sample has finished").contains("  x=0, y=0: 42\n")
            .contains("wrote ").contains("anchors.json");
        assertThat(rate(first.stdout(), "x=0.5, y=0")).isCloseTo(42.5, within(1e-9));
        assertThat(rate(first.stdout(), "x=0.5, y=0.3")).isCloseTo(42.5 * 42.36 / 42, within(1e-6));   // 42.864286
        assertThat(Files.readString(dir.resolve("campaign.autotune/anchors.json"))).contains("\"rate\":42.0");
        assertThat(Files.readAllLines(dir.resolve("runs.log"))).hasSize(5);

        var second = Cli.run(dir.resolve("log2"), "anchors", file.toString(), "--at", "x=0.5,y=0.3");
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(rate(second.stdout(), "x=0.5, y=0.3")).isCloseTo(42.864286, within(1e-6));
        assertThat(Files.readAllLines(dir.resolve("runs.log"))).as("simulator runs").hasSize(5);
        try (var journal = Journal.read(dir.resolve("campaign.autotune/journal.sqlite"))) {
            assertThat(journal.samples()).hasSize(5).allMatch(s -> s.status() == SampleStatus.FINISHED
                && s.origin().equals("anchors"));
        }
    }

    @Test
    void on_slurm_the_anchor_samples_run_as_array_tasks_and_give_the_same_rates() throws Exception {
        SlurmCluster.require();
        var file = campaign("anchors: {mode: grid, parameters: {x: [-1, 0, 1], y: [-1, 0, 1]}}");
        Files.writeString(file, Files.readString(file).replace("executor: {type: local, slots: 2}",
            "executor: {type: slurm, slots: 9, poll: 1s}"));
        var r = Cli.run(dir.resolve("log"), "anchors", file.toString(), "--at", "x=0.5,y=0.3", "--at", "x=-1,y=-1");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("rate at x=-1, y=-1: 40.3\n");
        assertThat(rate(r.stdout(), "x=0.5, y=0.3")).isCloseTo(42.935, within(1e-9));
        try (var journal = Journal.read(dir.resolve("campaign.autotune/journal.sqlite"))) {
            assertThat(journal.samples()).hasSize(9).allMatch(s -> s.status() == SampleStatus.FINISHED
                && s.jobId().startsWith("slurm:"));
        }
    }

    @Test
    void grid_anchors_interpolate_multilinearly_and_are_exact_at_an_anchor() throws Exception {
        var file = campaign("anchors: {mode: grid, parameters: {x: [-1, 0, 1], y: [-1, 0, 1]}}");
        var r = Cli.run(dir.resolve("log"), "anchors", file.toString(), "--at", "x=0.5,y=0.3", "--at", "x=-1,y=-1");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("grid over x, y, 9 samples").contains("rate at x=-1, y=-1: 40.3\n");
        assertThat(rate(r.stdout(), "x=0.5, y=0.3")).isCloseTo(42.935, within(1e-9));
        assertThat(Files.readAllLines(dir.resolve("runs.log"))).hasSize(9);
    }

    @Test
    void combined_anchors_grid_the_named_group_and_cross_the_rest() throws Exception {
        // x and y in one group (their grid is exact for the bilinear toy), the unused z on its own
        var file = campaign("anchors: {mode: combined, groups: [[x, y]], parameters: {x: [-1, 0, 1], y: [-1, 0, 1],"
            + " z: [0, 1]}}").toString();
        Files.writeString(Path.of(file), Files.readString(Path.of(file)).replace("parameters:\n",
            "parameters:\n  z: {kind: real, min: 0, max: 1, start: 0, step: 0.1}\n"));
        var r = Cli.run(dir.resolve("log"), "anchors", file, "--at", "x=0.5,y=0.3,z=0.7");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("combined over x, y, z, 10 samples");   // 1 + (9 − 1) + (2 − 1)
        assertThat(rate(r.stdout(), "x=0.5, y=0.3, z=0.7")).isCloseTo(42.935, within(1e-9));
        assertThat(Files.readString(dir.resolve("campaign.autotune/anchors.json")))
            .contains("\"groups\":[[\"x\",\"y\"],[\"z\"]]");
    }

    @Test
    void the_rate_can_be_a_column_mean_read_through_a_mean_std_observable() throws Exception {
        var file = campaign("anchors: {parameters: {x: [-1, 0, 1]}, rate: {observable: mu.mean}}");
        // two events μ − 1 and μ + 1 per sample: the column mean is μ
        Files.writeString(dir.resolve("mu.awk"), "BEGIN { m = 42 + x + 1.2 * y + 0.5 * x * y;"
            + " print \"mu\" > \"events.csv\"; print m - 1 > \"events.csv\"; print m + 1 > \"events.csv\" }\n");
        Files.writeString(dir.resolve("ref.csv"), "mu\n40\n44\n");
        Files.writeString(file, Files.readString(file).replace("outputs: [mu.txt]", "outputs: [events.csv]")
            .replace("metric: {type: command, command: [cat, \"{{sample_dir}}/mu.txt\"]}",
                "metric: {type: mean-std, output: events.csv, reference: ref.csv, columns: [mu]}"));
        var r = Cli.run(dir.resolve("log"), "anchors", file.toString(), "--at", "x=0.5");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("the rate is the observable mu.mean of each sample");
        assertThat(rate(r.stdout(), "x=0.5")).isCloseTo(42.5, within(1e-9));
    }

    @Test
    void a_failed_anchor_sample_stops_with_exit_3_and_says_where_to_look() throws Exception {
        var file = campaign("anchors: {parameters: {x: [-1, 0, 1]}}\nretries: 0");
        // the simulator fails at x = 1: no mu.txt, so the sample fails
        Files.writeString(dir.resolve("mu.awk"), "BEGIN { if (x == 1) exit 2; print 42 + x > \"mu.txt\" }\n");
        var r = Cli.run(dir.resolve("log"), "anchors", file.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).contains("the anchor sample at x=1 failed, so there is nothing to interpolate")
            .contains("--dir NEW_FOLDER");
    }

    @Test
    void bad_anchors_name_the_key_and_the_fix() throws Exception {
        var outside = Cli.run(dir.resolve("log1"), "anchors",
            campaign("anchors: {parameters: {x: [-1, 0, 2]}}").toString());
        assertThat(outside.exitCode()).isEqualTo(2);
        assertThat(outside.stderr()).contains("anchors.parameters.x: anchor 2 lies outside [-1.0, 1.0]")
            .contains("fix: choose anchors within the parameter's bounds");
        var nominal = Cli.run(dir.resolve("log2"), "anchors",
            campaign("anchors: {parameters: {x: [-1, 1]}}").toString());
        assertThat(nominal.stderr()).contains("the nominal value 0.0 of x is not one of its anchors")
            .contains("fix: add it to the anchors, or give nominal:");
        var unknown = Cli.run(dir.resolve("log3"), "anchors",
            campaign("anchors: {parameters: {x: [-1, 0, 1]}}").toString(), "--at", "z=1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("'z' is not an anchored parameter; fix: use x");
        var none = Cli.run(dir.resolve("log4"), "anchors", campaign("").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.stderr()).contains("no 'anchors:' section");
        var groups = Cli.run(dir.resolve("log5"), "anchors",
            campaign("anchors: {mode: grid, groups: [[x]], parameters: {x: [-1, 0, 1]}}").toString());
        assertThat(groups.stderr()).contains("groups only apply to mode: combined");
    }

    /** The number printed after "rate at POINT: ". */
    private static double rate(String stdout, String point) {
        var m = Pattern.compile("rate at " + Pattern.quote(point) + ": (\\S+)").matcher(stdout);
        assertThat(m.find()).as("'rate at " + point + "' in\n" + stdout).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
