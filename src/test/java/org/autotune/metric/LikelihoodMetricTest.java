package org.autotune.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.autotune.score.ScoreType;

class LikelihoodMetricTest {
    @TempDir
    Path dir;

    private static final int M = 2000;   // reference events
    private static final int N = 20000;  // simulated events per sample

    @Test
    void a_known_histogram_gives_the_hand_computed_minus_log_likelihood() throws IOException {
        writeSmallSample("e\n0.2\n0.4\n0.6\n1.2\n");
        var metric = MetricFixture.metric(dir, "{type: likelihood, output: out.csv, reference: ref.csv, columns: [e],"
            + " bins: 2, range: [0, 2], floor: 0.5}");
        var score = metric.score(MetricFixture.sample(dir.resolve("s")));
        // p0 = (3 + 0.5) / ((4 + 2·0.5)·1) = 0.7, p1 = (1 + 0.5) / 5 = 0.3
        assertThat(score.value()).isCloseTo(-Math.log(0.7) - Math.log(0.3), within(1e-12));
        assertThat(metric.type()).isEqualTo(ScoreType.NEGATIVE_LOG_LIKELIHOOD);
        assertThat(score.standardError()).isPresent();
    }

    @Test
    void the_extended_term_adds_nu_minus_m_ln_nu() throws IOException {
        writeSmallSample("e\n0.2\n0.4\n0.6\n1.2\n");
        var metric = MetricFixture.metric(dir, "{type: likelihood, output: out.csv, reference: ref.csv, columns: [e],"
            + " bins: 2, range: [0, 2], extended: true, scale: 0.25}");
        var score = metric.score(MetricFixture.sample(dir.resolve("s")));
        double nu = 0.25 * 4;   // ν = 1, so ν − 2 ln ν = 1
        assertThat(score.components().get("extended")).isCloseTo(nu - 2 * Math.log(nu), within(1e-12));
        assertThat(score.value()).isCloseTo(-Math.log(0.7) - Math.log(0.3) + 1, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"histogram", "kernel"})
    void the_reference_mean_scores_lower_and_a_scan_finds_it(String density) {
        var rng = new SplittableRandom(2026);
        MetricFixture.column(dir.resolve("ref.csv"), "e", M, MetricFixture.normal(rng, 0, 1));
        var metric = MetricFixture.metric(dir, "{type: likelihood, output: out.csv, reference: ref.csv, columns: [e],"
            + " density: " + density + "}");
        int points = 11;
        double[] mu = new double[points];
        double[] score = new double[points];
        for (int i = 0; i < points; i++) {
            mu[i] = -0.5 + 0.1 * i;
            var folder = dir.resolve(density + i);
            MetricFixture.column(folder.resolve("out.csv"), "e", density.equals("kernel") ? N / 4 : N,
                MetricFixture.normal(rng, mu[i], 1));
            score[i] = metric.score(MetricFixture.sample(folder)).value();
        }
        // at the true mean (index 5) −ln L is lower than at ±0.5 by about M·0.5²/2 = 250
        assertThat(score[5]).isLessThan(score[0] - 100).isLessThan(score[10] - 100);
        double[] q = quadratic(mu, score);
        double minimum = -q[1] / (2 * q[2]);
        // the fitted minimum estimates the reference's mean (sd 1/√M) from simulations with their own
        // noise (≈ 1/√N per sample, averaged by the fit; bounded by 1/√(N/4) for the kernel's smaller
        // samples): 4 sd of the sum is 4·√(1/M + 4/N) = 0.10, ~1 in 16,000
        assertThat(minimum).isCloseTo(0.0, within(4 * Math.sqrt(1.0 / M + 4.0 / N)));
        // −ln L ≈ M (μ − x̄)²/2 for unit width: the curvature the NLL score type promises (20 % for the
        // smoothing by bins or kernels, and the simulations' noise)
        assertThat(q[2]).isCloseTo(M / 2.0, within(0.2 * M / 2));
    }

    @Test
    void the_analytic_standard_error_matches_the_spread_over_simulation_seeds() {
        var rng = new SplittableRandom(11);
        MetricFixture.column(dir.resolve("ref.csv"), "e", 500, MetricFixture.normal(rng, 0, 1));
        var metric = MetricFixture.metric(dir, "{type: likelihood, output: out.csv, reference: ref.csv, columns: [e]}");
        int repeats = 60;
        double sum = 0;
        double sumSquares = 0;
        double errors = 0;
        for (int i = 0; i < repeats; i++) {
            var folder = dir.resolve("r" + i);
            MetricFixture.column(folder.resolve("out.csv"), "e", 5000, MetricFixture.normal(rng, 0, 1));
            var score = metric.score(MetricFixture.sample(folder));
            sum += score.value();
            sumSquares += score.value() * score.value();
            errors += score.standardError().orElseThrow();
        }
        double mean = sum / repeats;
        double sd = Math.sqrt((sumSquares - repeats * mean * mean) / (repeats - 1));
        // a sample sd from 60 values has relative sd 1/√118 = 9 %: 4 sd = 37 %
        assertThat(sd / (errors / repeats)).isBetween(0.63, 1.37);
    }

    @Test
    void bootstrap_gives_the_same_error_for_the_same_seed() {
        var rng = new SplittableRandom(5);
        MetricFixture.column(dir.resolve("ref.csv"), "e", 200, MetricFixture.normal(rng, 0, 1));
        MetricFixture.column(dir.resolve("s/out.csv"), "e", 1000, MetricFixture.normal(rng, 0, 1));
        var metric = MetricFixture.metric(dir, "{type: likelihood, output: out.csv, reference: ref.csv, columns: [e],"
            + " density: kernel, bootstrap: 10}");
        var a = metric.score(MetricFixture.sample(dir.resolve("s")));
        var b = metric.score(MetricFixture.sample(dir.resolve("s")));
        assertThat(a.standardError().orElseThrow()).isPositive().isEqualTo(b.standardError().orElseThrow());
    }

    @Test
    void bad_options_name_the_key_and_the_fix() throws IOException {
        Files.writeString(dir.resolve("ref.csv"), "e\n0.1\n1.9\n");
        String base = "type: likelihood, output: out.csv, reference: ref.csv";
        assertThat(error("{" + base + "}")).contains(": columns: ").contains("no columns")
            .contains("fix: list the CSV columns");
        assertThat(error("{" + base + ", columns: [x]}")).contains(": reference: ").contains("fix: name a column");
        assertThat(error("{" + base + ", columns: [e], floor: -1}")).contains(": floor: ")
            .contains("must be a positive number");
        assertThat(error("{" + base + ", columns: [e], bandwidth: 2}")).contains(": bandwidth: ")
            .contains("fix: remove it, or use density: kernel");
        assertThat(error("{" + base + ", columns: [e], density: kernel, bins: 10}")).contains(": bins: ")
            .contains("histogram setting");
        assertThat(error("{" + base + ", columns: [e], range: [0.5, 1]}")).contains(": range: ")
            .contains("reference events lie outside").contains("fix: widen the range");
        assertThat(error("{" + base + ", columns: [e], scale: 2}")).contains(": scale: ")
            .contains("fix: add extended: true");
        assertThat(error("{" + base + ", columns: [e], density: histgram}")).contains(": density: ")
            .contains("did you mean 'histogram'?");
        assertThat(error("{type: likelihood, output: out.csv, reference: nope.csv, columns: [e]}"))
            .contains(": reference: ").contains("fix: check the path");
    }

    @Test
    void too_few_simulated_events_fail_the_sample_with_the_file_named() throws IOException {
        writeSmallSample("e\n0.2\n");
        var metric = MetricFixture.metric(dir, "{type: likelihood, output: out.csv, reference: ref.csv, columns: [e]}");
        assertThatThrownBy(() -> metric.score(MetricFixture.sample(dir.resolve("s"))))
            .isInstanceOf(MetricException.class).hasMessageContaining("out.csv").hasMessageContaining("at least 2");
    }

    /** The two-event reference ref.csv (0.1, 1.9) and a sample folder s whose out.csv holds {@code simulated}. */
    private void writeSmallSample(String simulated) throws IOException {
        Files.writeString(dir.resolve("ref.csv"), "e\n0.1\n1.9\n");
        Files.createDirectories(dir.resolve("s"));
        Files.writeString(dir.resolve("s/out.csv"), simulated);
    }

    private String error(String yaml) {
        return MetricFixture.error(dir, yaml);
    }

    /** Least-squares {c0, c1, c2} of c0 + c1 x + c2 x². */
    private static double[] quadratic(double[] x, double[] y) {
        var a = new double[x.length][3];
        for (int i = 0; i < x.length; i++) {
            a[i] = new double[] {1, x[i], x[i] * x[i]};
        }
        var qr = new org.hipparchus.linear.QRDecomposition(new org.hipparchus.linear.Array2DRowRealMatrix(a));
        return qr.getSolver().solve(new org.hipparchus.linear.ArrayRealVector(y)).toArray();
    }
}
