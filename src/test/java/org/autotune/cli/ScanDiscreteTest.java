package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan} on a campaign with an integer parameter (real CLI, real processes): the integer one
 * is held at the best sample's value and tried at its neighbouring integers, the real ones are
 * scanned and analysed at the held value. The score is an exact bowl, (x − 0.5)² + (y + 0.2)² +
 * 0.1 (n − 2)², so the analysis finds its minimum exactly and a neighbour of n = 2 scores exactly
 * 0.1 more than the held value at the same x, y.
 */
class ScanDiscreteTest {
    @TempDir
    Path dir;

    @Tag("slow")
    @Test
    void scan_holds_the_integer_parameter_tries_its_neighbours_and_analyses_the_real_ones() throws Exception {
        var file = MixedBowl.write(dir, 4);
        var run = Cli.runIn(dir, "run", file.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        var scan = Cli.runIn(dir, "scan", file.toString());
        assertThat(scan.exitCode()).as(scan.stderr()).isZero();
        // 9 line points over (x, y), n = 1 and n = 3, and 13 points of the full design
        assertThat(scan.stdout()).as(scan.stdout())
            .contains("scan 1: 24 points; every scan sample has finished")
            .contains("held at the best sample's values: n = 2 (integer and choice parameters; the scan and its "
                + "analysis vary x, y)")
            .contains("region: scan 1, the continuous parameters at the combination the scan held (n = 2)")
            .containsPattern("(?m)^  x +0\\.5")
            .containsPattern("(?m)^  y +-0\\.2")
            .doesNotContainPattern("(?m)^  n {2,}")
            .doesNotContain("scored lower than the held value");
        var m = Pattern.compile("n at its neighbouring integers, the rest at the best point: score 1: (\\S+); "
            + "2 \\(held\\): (\\S+); 3: (\\S+)").matcher(scan.stdout());
        assertThat(m.find()).as(scan.stdout()).isTrue();
        double held = Double.parseDouble(m.group(2));
        // the awk program prints 12 significant digits and the CLI 6: the difference is 0.1 to 1e-5
        assertThat(Double.parseDouble(m.group(1)) - held).isCloseTo(0.1, within(1e-5));
        assertThat(Double.parseDouble(m.group(3)) - held).isCloseTo(0.1, within(1e-5));
        // a grid over the real pair, n held at 2; a grid over n is refused
        var grid = Cli.runIn(dir, "scan", file.toString(), "--grid", "x,y", "--grid-points", "3");
        assertThat(grid.exitCode()).as(grid.stderr()).isZero();
        assertThat(grid.stdout()).as(grid.stdout()).contains("grid 1: every grid sample has finished",
            "score over x (columns) and y (rows):");
        var discrete = Cli.runIn(dir, "scan", file.toString(), "--grid", "n,x");
        assertThat(discrete.exitCode()).isEqualTo(2);
        assertThat(discrete.stderr()).contains("--grid: no real or log parameter 'n' in this campaign; fix: use two "
            + "of x, y");
        var report = Cli.runIn(dir, "report", file.toString());
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        Path page;
        try (var files = Files.walk(dir)) {
            page = files.filter(f -> f.getFileName().toString().equals("report.html")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(page))
            .contains("region: scan 1, the continuous parameters at the best combination of the others (n = 2)")
            .contains("Scan 1 (n = 2 held): for each real and log parameter");
    }
}
