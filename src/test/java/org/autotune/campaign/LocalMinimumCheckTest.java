package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.autotune.cli.Main;
import org.autotune.journal.DesignRecord;
import org.autotune.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autotune check} on a real process with a known local minimum: an awk program writes events
 * x = h(a) + e with the double well h(a) = (a² − 4)² + a (wells near a = −2, the deeper, and a = +2),
 * y = b/10 + f, with fixed noise patterns e, f. The data are at the bottom of the deeper well, so
 * coordinate descent started at a = 2.5 stops in the other one.
 */
class LocalMinimumCheckTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run autotune(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    static double h(double a) {
        return Math.pow(a * a - 4, 2) + a;
    }

    /** The deeper well's bottom, h'(a) = 4a(a² − 4) + 1 = 0 near a = −2, by bisection. */
    static double aMin() {
        double lo = -2.2;
        double hi = -1.9;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (4 * mid * (mid * mid - 4) + 1 < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private Path campaign(String formula, double xRef, String start) throws Exception {
        Files.writeString(dir.resolve("well.awk"), """
            BEGIN {
                print "x,y" > "events.csv"
                for (k = 0; k < n; k++)
                    printf "%.12g,%.12g\\n", FORMULA + (k % 10 - 4.5) / 3, b / 10 + ((7 * k) % 10 - 4.5) / 3 > "events.csv"
            }
            """.replace("FORMULA", formula));
        var ref = new StringBuilder("x,y\n");
        for (int k = 0; k < 1000; k++) {
            ref.append(xRef + (k % 10 - 4.5) / 3).append(',').append(0.1 + ((7 * k) % 10 - 4.5) / 3).append('\n');
        }
        Files.writeString(dir.resolve("ref.csv"), ref);
        var file = dir.resolve("well.yaml");
        Files.writeString(file, """
            name: well
            parameters:
              a: {kind: real, min: -3, max: 3, start: START, step: 0.25}
              b: {kind: real, min: 0, max: 2, start: 1.0, step: 0.25}
            simulator:
              command: [awk, -v, "a={{a}}", -v, "b={{b}}", -v, "n={{events}}", -f, "{{campaign_dir}}/well.awk"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: ref.csv, columns: [x, y]}
            optimizer: {type: coordinate-descent}
            executor: {type: local, slots: 2}
            events: 40
            budget: 60
            seed: 5
            """.replace("START", start));
        return file;
    }

    @Test
    void a_minimum_in_the_shallower_well_is_caught_and_the_restart_file_reaches_the_deeper_one() throws Exception {
        var file = campaign("(a * a - 4) ^ 2 + a", h(aMin()), "2.5");
        assertThat(autotune("run", file.toString()).code()).isZero();
        double stuck;
        try (var j = Journal.read(dir.resolve("well.autotune/journal.sqlite"))) {
            var best = j.best().orElseThrow();
            assertThat(best.point().get("a")).as("coordinate descent stays in the shallower well").isGreaterThan(1);
            stuck = best.score().getAsDouble();
        }
        var check = autotune("check", file.toString(), "--points", "32");
        assertThat(check.code()).as(check.out() + check.err()).isEqualTo(4);
        assertThat(check.out()).contains("beat the minimum beyond noise: it is a local minimum")
            .contains("autotune run ").contains("well.restart.yaml");
        try (var j = Journal.read(dir.resolve("well.autotune/journal.sqlite"))) {
            assertThat(j.samples().stream().filter(s -> s.origin().equals("check-1"))).hasSize(32);
            assertThat(j.design(DesignRecord.Kind.CHECK, 1).orElseThrow().state()).isEqualTo(DesignRecord.State.DONE);
        }
        // the restart campaign starts in the deeper well and ends below the stuck minimum
        var restart = dir.resolve("well.restart.yaml");
        var config = CampaignConfig.read(restart);
        assertThat(config.space().start().get("a")).isLessThan(0);
        assertThat(config.name()).isEqualTo("well-restart");
        assertThat(autotune("run", restart.toString()).code()).isZero();
        try (var j = Journal.read(dir.resolve("well.restart.autotune/journal.sqlite"))) {
            var best = j.best().orElseThrow();
            assertThat(best.point().get("a")).isLessThan(-1.5);
            assertThat(best.score().getAsDouble()).isLessThan(stuck / 10);
        }
        // a second check continues the Sobol sequence: new points, none of the first check's again
        assertThat(autotune("check", file.toString(), "--points", "8").code()).isIn(0, 4);
        try (var j = Journal.read(dir.resolve("well.autotune/journal.sqlite"))) {
            var first = j.samples().stream().filter(s -> s.origin().equals("check-1")).map(s -> s.point()).toList();
            var second = j.samples().stream().filter(s -> s.origin().equals("check-2")).map(s -> s.point()).toList();
            assertThat(second).hasSize(8).doesNotContainAnyElementsOf(first);
        }
    }

    @Test
    void a_global_minimum_passes_the_check() throws Exception {
        var file = campaign("a", 1.0, "2.5");   // x = a: one minimum, at a = 1
        assertThat(autotune("run", file.toString()).code()).isZero();
        var check = autotune("check", file.toString(), "--points", "16");
        assertThat(check.code()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("no point beats the minimum by more than the noise")
            .contains("every check sample has finished").doesNotContain("scan sample");
        assertThat(Files.exists(dir.resolve("well.restart.yaml"))).isFalse();
    }

    @Test
    void check_refuses_a_campaign_that_never_ran_and_bad_options() throws Exception {
        var file = campaign("a", 1.0, "2.5");
        assertThat(autotune("check", file.toString()).err()).contains("this campaign has not been run yet");
        var bad = autotune("check", file.toString(), "--points", "1");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--points: 1 is outside the allowed range [2, 1000000]");
    }
}
