package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.autotune.journal.Journal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} and {@code check} on a campaign with an integer parameter (real CLI, real
 * processes): they take the real parameters at the best sample's value of it, or at the value given
 * with {@code --at}, from the samples with that value. The score is the exact bowl of
 * {@link MixedBowl}: the best sample at n = 3 scores exactly 0.1 (its x, y at the bowl's minimum).
 */
class AnalyzeDiscreteTest {
    @TempDir
    Path dir;

    @Test
    void analyze_takes_the_real_parameters_at_the_best_combination_of_the_discrete_ones() throws Exception {
        var file = MixedBowl.write(dir, 3);
        var run = Cli.runIn(dir, "run", file.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        var analyze = Cli.runIn(dir, "analyze", file.toString());
        assertThat(analyze.exitCode()).as(analyze.stderr()).isZero();
        assertThat(analyze.stdout()).as(analyze.stdout())
            .contains("region: the continuous parameters at the best combination of the others (n = 2)")
            .containsPattern("(?m)^  x +0\\.5")
            .containsPattern("(?m)^  y +-0\\.2")
            .doesNotContainPattern("(?m)^  n ");
        // at another value of n: its own best sample (0.1 above the minimum) and its own samples
        var at = Cli.runIn(dir, "analyze", file.toString(), "--at", "n=3");
        assertThat(at.exitCode()).as(at.stderr()).isZero();
        assertThat(at.stdout()).as(at.stdout())
            .containsPattern("(?m)^best sample \\S+: score 0\\.100000$")
            .contains("region: the continuous parameters at the combination given with --at (n = 3)");
        var unknown = Cli.inProcess("analyze", file.toString(), "--at", "m=3");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr().strip()).isEqualTo(file + ": --at: no parameter 'm' in this campaign; fix: name "
            + "integer or choice parameters: n");
        var outside = Cli.inProcess("analyze", file.toString(), "--at", "n=4");
        assertThat(outside.exitCode()).isEqualTo(2);
        assertThat(outside.stderr().strip()).isEqualTo(file + ": --at: n = 4 is not an integer from 1 to 3; fix: use "
            + "a value in that range");
        var real = Cli.inProcess("analyze", file.toString(), "--at", "x=0.5");
        assertThat(real.exitCode()).isEqualTo(2);
        assertThat(real.stderr()).contains("--at: 'x' is a real or log parameter");
    }

    @Tag("slow")
    @Test
    void check_and_scan_hold_the_integer_parameter_at_the_best_or_the_given_value() throws Exception {
        var file = MixedBowl.write(dir, 3);
        var run = Cli.runIn(dir, "run", file.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        var check = Cli.runIn(dir, "check", file.toString(), "--points", "8");
        assertThat(check.exitCode()).as(check.stderr()).isZero();
        assertThat(check.stdout()).as(check.stdout())
            .contains("held at the best sample's values: n = 2 (integer and choice parameters; the check varies x, y)")
            .contains("no point beats the minimum");
        var m = Pattern.compile("(?m)^minimum: sample \\S+, score (\\S+)$").matcher(check.stdout());
        assertThat(m.find()).as(check.stdout()).isTrue();
        // the best sample at n = 2, not the one at n = 3 (0.1) nor a check sample
        assertThat(Double.parseDouble(m.group(1))).isLessThan(0.05);
        var at = Cli.runIn(dir, "check", file.toString(), "--points", "8", "--at", "n=3");
        assertThat(at.exitCode()).as(at.stderr()).isZero();
        assertThat(at.stdout()).as(at.stdout())
            .contains("held at the combination given with --at: n = 3")
            .containsPattern("(?m)^minimum: sample \\S+, score 0\\.100000$");
        // a scan at n = 3: held there, its real parameters analysed from the samples with n = 3
        var scan = Cli.runIn(dir, "scan", file.toString(), "--at", "n=3");
        assertThat(scan.exitCode()).as(scan.stderr()).isZero();
        assertThat(scan.stdout()).as(scan.stdout())
            .contains("held at the combination given with --at: n = 3 (integer and choice parameters; the scan and "
                + "its analysis vary x, y)")
            .contains("region: scan 1, the continuous parameters at the combination the scan held (n = 3)")
            .containsPattern("(?m)^  x +0\\.5")
            .containsPattern("(?m)^  y +-0\\.2");
        try (var journal = Journal.open(dir.resolve("mixed.autotune").resolve(Journal.FILE_NAME))) {
            var samples = journal.samples();
            assertThat(samples.stream().filter(s -> s.origin().equals("scan-1") && s.point().get("n") != 3.0))
                .as("only the neighbours n = 2 leave the held value").allMatch(s -> s.point().get("n") == 2.0);
            assertThat(samples.stream().filter(s -> s.origin().equals("check-1")))
                .hasSize(8).allMatch(s -> s.point().get("n") == 2.0);
            assertThat(samples.stream().filter(s -> s.origin().equals("check-2")))
                .hasSize(8).allMatch(s -> s.point().get("n") == 3.0);
        }
    }
}
