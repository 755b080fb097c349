package org.autotune.campaign;

import org.autotune.scan.Scans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.autotune.journal.DesignRecord;
import org.autotune.journal.Journal;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan} on a simulator with a known answer: an awk program (a real process) writes events
 * x = a + b + e, y = a − b/2 + f with fixed noise patterns e, f (sd known exactly); c does
 * nothing. The mean-std score is then exactly quadratic in (a, b), with its minimum at the truth
 * and the least-squares covariance (Jᵀ V⁻¹ J)⁻¹, and flat in c.
 */
class ScanTest {
    @TempDir
    Path dir;

    static final double A = 1.5;
    static final double B = 2.0;
    static final int N = 40;
    static final int N_REF = 1000;

    /** Noise pattern value of event k: (k mod 10 − 4.5) / 3, and a shuffled copy for y. */
    static double e(int k) {
        return (k % 10 - 4.5) / 3;
    }

    static double f(int k) {
        return ((7 * k) % 10 - 4.5) / 3;
    }

    private Path campaign() throws Exception {
        Files.writeString(dir.resolve("lin.awk"), """
            BEGIN {
                print "x,y" > "events.csv"
                for (k = 0; k < n; k++)
                    printf "%.12g,%.12g\\n", a + b + (k % 10 - 4.5) / 3, a - 0.5 * b + ((7 * k) % 10 - 4.5) / 3 > "events.csv"
            }
            """);
        var ref = new StringBuilder("x,y\n");
        for (int k = 0; k < N_REF; k++) {
            ref.append(A + B + e(k)).append(',').append(A - 0.5 * B + f(k)).append('\n');
        }
        Files.writeString(dir.resolve("ref.csv"), ref);
        var file = dir.resolve("campaign.yaml");
        Files.writeString(file, """
            name: lin
            parameters:
              a: {kind: real, min: 0, max: 4, start: 1.2, step: 0.2}
              b: {kind: real, min: 0, max: 4, start: 2.4, step: 0.2}
              c: {kind: real, min: 0, max: 4, start: 2.0, step: 0.2}
            simulator:
              command: [awk, -v, "a={{a}}", -v, "b={{b}}", -v, "n={{events}}", -f, "{{campaign_dir}}/lin.awk"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: ref.csv, columns: [x, y]}
            optimizer: {type: coordinate-descent}
            executor: {type: local, slots: 2}
            events: 40
            budget: 40
            seed: 5
            """);
        return file;
    }

    /** Runs the campaign, then one scan. */
    private static Scans.ScanOutcome runAndScan(Path file) {
        try (var c = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            c.run(Progress.NONE, Clock.systemUTC());
            return Scans.run(c, Progress.NONE, Clock.systemUTC(), 1);
        }
    }

    private static double sd(java.util.function.IntToDoubleFunction g, int n) {
        double m = 0;
        for (int k = 0; k < n; k++) {
            m += g.applyAsDouble(k) / n;
        }
        double ss = 0;
        for (int k = 0; k < n; k++) {
            ss += Math.pow(g.applyAsDouble(k) - m, 2);
        }
        return Math.sqrt(ss / (n - 1));
    }

    @Test
    void a_scan_finds_the_known_minimum_covariance_and_flat_parameter() throws Exception {
        var file = campaign();
        var scan = runAndScan(file);
        // the scan analyses its own region, not the optimizer's samples before it
        assertThat(scan.report().orElseThrow().describe()).contains("region: scan 1");
        var analysis = scan.analysis().orElseThrow();
        assertThat(analysis.problems()).isEmpty();
        var minimum = analysis.minimum().orElseThrow();
        assertThat(minimum.get("a")).isCloseTo(A, within(1e-6));
        assertThat(minimum.get("b")).isCloseTo(B, within(1e-6));

        // expected: cov = (J^T V^-1 J)^-1 with J = [[1, 1], [1, -1/2]], V = diag(v_x, v_y),
        // v = s_sim^2/n + s_ref^2/N (the mean-std pull's variance)
        double vx = Math.pow(sd(ScanTest::e, N), 2) / N + Math.pow(sd(ScanTest::e, N_REF), 2) / N_REF;
        double vy = Math.pow(sd(ScanTest::f, N), 2) / N + Math.pow(sd(ScanTest::f, N_REF), 2) / N_REF;
        var j = new Array2DRowRealMatrix(new double[][] {{1, 1}, {1, -0.5}});
        var vInv = MatrixUtils.createRealDiagonalMatrix(new double[] {1 / vx, 1 / vy});
        var cov = MatrixUtils.inverse(j.transpose().multiply(vInv).multiply(j));
        var est = analysis.constraints().orElseThrow().estimates();
        assertThat(est.get(0).sigma()).isCloseTo(Math.sqrt(cov.getEntry(0, 0)), within(1e-6));
        assertThat(est.get(1).sigma()).isCloseTo(Math.sqrt(cov.getEntry(1, 1)), within(1e-6));
        assertThat(analysis.constraints().orElseThrow().correlation()[0][1])
            .isCloseTo(cov.getEntry(0, 1) / Math.sqrt(cov.getEntry(0, 0) * cov.getEntry(1, 1)), within(1e-6));
        // c does nothing: flagged, its 1 sigma only limited by the range (half of it: 2), named in the report
        assertThat(est.get(2).sigma()).isCloseTo(2, within(1e-9));
        assertThat(est.get(2).rangeLimited()).isTrue();
        assertThat(est.get(0).rangeLimited()).isFalse();
        assertThat(analysis.constraints().orElseThrow().poorlyConstrained()).containsExactly("c");
        assertThat(String.join("\n", analysis.describe())).contains("poorly constrained: c").contains("+1.00 c");
    }

    @Test
    void an_interrupted_scan_resumes_with_the_same_points_and_a_finished_one_reruns_nothing() throws Exception {
        var file = campaign();
        var config = CampaignConfig.read(file);
        try (var c = Campaign.open(config, Overrides.none(), false)) {
            c.run(Progress.NONE, Clock.systemUTC());
            Scans.run(c, Progress.NONE, Clock.systemUTC(), 1);
        }
        int samples;
        try (var j = Journal.read(dir.resolve("campaign.autotune/journal.sqlite"))) {
            samples = j.samples().size();
            // the scan's centre is the optimizer's best sample: answered from it, not run again
            long distinct = j.samples().stream().map(s -> s.key()).distinct().count();
            assertThat(distinct).isEqualTo(samples);
            assertThat(j.design(DesignRecord.Kind.SCAN, 1).orElseThrow().state()).isEqualTo(DesignRecord.State.DONE);
        }
        // resuming the optimizer after the scan replays without complaint and runs nothing new
        try (var c = Campaign.open(config, new Overrides(Optional.empty(), OptionalInt.empty(), OptionalLong.empty(),
            Optional.empty(), false), true)) {
            c.run(Progress.NONE, Clock.systemUTC());
        }
        try (var j = Journal.read(dir.resolve("campaign.autotune/journal.sqlite"))) {
            assertThat(j.samples()).hasSize(samples);
        }
    }

    @Test
    void analyze_writes_profile_intervals_eigentunes_and_pulls_and_records_them_in_the_journal() throws Exception {
        var file = campaign();
        var scan = runAndScan(file);
        var r = LocalMinimumCheckTest.autotune("analyze", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("region: scan 1").contains("profile intervals").contains("eigentunes")
            .contains("goodness of fit at the best sample").contains("written: ");
        var json = tools.jackson.databind.json.JsonMapper.builder().build()
            .readTree(dir.resolve("campaign.autotune/analysis.json").toFile());
        // the score is exactly quadratic and a, b are far from their bounds: profile = minimum +- covariance sigma
        var est = scan.analysis().orElseThrow().constraints().orElseThrow().estimates();
        var a = json.get("profile_intervals").get("a");
        assertThat(a.get("low").asDouble()).isCloseTo(A - est.get(0).sigma(), within(1e-6));
        assertThat(a.get("high").asDouble()).isCloseTo(A + est.get(0).sigma(), within(1e-6));
        // c does nothing: its profile reaches both ends of its range
        assertThat(json.get("profile_intervals").get("c").get("low_at_bound").asBoolean()).isTrue();
        assertThat(json.get("profile_intervals").get("c").get("high_at_bound").asBoolean()).isTrue();
        assertThat(json.get("eigentunes").size()).isEqualTo(6);
        // mean-std exposes mean and width of x and y: 4 observables, 3 parameters
        assertThat(json.get("goodness_of_fit").get("observables").asInt()).isEqualTo(4);
        assertThat(json.get("goodness_of_fit").get("ndf").asInt()).isEqualTo(1);
        try (var j = Journal.read(dir.resolve("campaign.autotune/journal.sqlite"))) {
            assertThat(j.meta("analysis").orElseThrow()).contains("eigentunes").contains("goodness_of_fit");
        }
        // --level 4 doubles the interval of a
        assertThat(LocalMinimumCheckTest.autotune("analyze", file.toString(), "--level", "4", "--output",
            dir.resolve("two.json").toString()).code()).isZero();
        var two = tools.jackson.databind.json.JsonMapper.builder().build().readTree(dir.resolve("two.json").toFile());
        assertThat(two.get("profile_intervals").get("a").get("high").asDouble())
            .isCloseTo(A + 2 * est.get(0).sigma(), within(1e-6));
    }

    @Test
    void a_grid_over_the_most_correlated_pair_spans_two_sigma_around_the_minimum() throws Exception {
        var file = campaign();
        var scan = runAndScan(file);
        var est = scan.analysis().orElseThrow().constraints().orElseThrow().estimates();
        var r = LocalMinimumCheckTest.autotune("scan", file.toString(), "--grid", "auto");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("score over a (columns) and b (rows)");
        try (var j = Journal.read(dir.resolve("campaign.autotune/journal.sqlite"))) {
            assertThat(j.samples().stream().filter(s -> s.origin().equals("grid-1"))).hasSize(25);
            var grid = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(j.design(DesignRecord.Kind.GRID, 1).orElseThrow().result().orElseThrow());
            assertThat(grid.get("x").asString()).isEqualTo("a");
            assertThat(grid.get("y").asString()).isEqualTo("b");
            // +-2 sigma around the fitted minimum (the truth), 5 points per axis
            assertThat(grid.get("xs").get(0).asDouble()).isCloseTo(A - 2 * est.get(0).sigma(), within(1e-6));
            assertThat(grid.get("ys").get(4).asDouble()).isCloseTo(B + 2 * est.get(1).sigma(), within(1e-6));
            // the score is exactly quadratic with its minimum at the truth: the centre is the grid's lowest point
            var scores = grid.get("scores");
            double centre = scores.get(2).get(2).asDouble();
            for (var row : scores) {
                for (var v : row) {
                    assertThat(v.asDouble()).isGreaterThanOrEqualTo(centre);
                }
            }
        }
        // a named pair, and the mistakes a user can make
        assertThat(LocalMinimumCheckTest.autotune("scan", file.toString(), "--grid", "a,c", "--grid-points", "3")
            .code()).isZero();
        var unknown = LocalMinimumCheckTest.autotune("scan", file.toString(), "--grid", "a,zz");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no parameter 'zz' in this campaign").contains("use two of a, b, c");
        var single = LocalMinimumCheckTest.autotune("scan", file.toString(), "--grid", "a");
        assertThat(single.code()).isEqualTo(2);
        assertThat(single.err()).contains("is not a pair of parameter names");
    }
}
