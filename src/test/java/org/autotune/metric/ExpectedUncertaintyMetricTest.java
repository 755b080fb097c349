package org.autotune.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectedUncertaintyMetricTest {
    @TempDir
    Path dir;

    @Test
    void disjoint_signal_and_background_give_sigma_root_s_with_or_without_the_background_norm() {
        var rng = new SplittableRandom(1);
        // 400 signal events in [0, 1), 3000 background in [2, 3): no cell holds both
        MetricFixture.column(dir.resolve("s/sig.csv"), "x", 400, rng::nextDouble);
        MetricFixture.column(dir.resolve("s/bkg.csv"), "x", 3000, () -> 2 + rng.nextDouble());
        String base = "type: expected-uncertainty, signal: sig.csv, background: bkg.csv, columns: [x], bins: 6,"
            + " range: [0, 3], signal-scale: 0.25";
        var known = MetricFixture.metric(dir, "{" + base + "}").score(MetricFixture.sample(dir.resolve("s")));
        double s = 0.25 * 400;
        assertThat(known.value()).isCloseTo(Math.sqrt(s), within(1e-9));
        var profiled = MetricFixture.metric(dir, "{" + base + ", nuisances: [background-norm]}")
            .score(MetricFixture.sample(dir.resolve("s")));
        assertThat(profiled.value()).isCloseTo(Math.sqrt(s), within(1e-9));
        var relative = MetricFixture.metric(dir, "{" + base + ", value: relative}")
            .score(MetricFixture.sample(dir.resolve("s")));
        assertThat(relative.value()).isCloseTo(1 / Math.sqrt(s), within(1e-9));
    }

    @Test
    void one_cell_with_known_background_gives_the_counting_experiment_error() throws IOException {
        // s = 50, b = 200 in one cell: ν = 250, I = 1/250, σ_s = √(s + b)
        var sb = new StringBuilder("x,is_signal\n");
        for (int i = 0; i < 250; i++) {
            sb.append("0.5,").append(i < 50 ? 1 : 0).append('\n');
        }
        Files.createDirectories(dir.resolve("s"));
        Files.writeString(dir.resolve("s/events.csv"), sb);
        var score = MetricFixture.metric(dir, "{type: expected-uncertainty, output: events.csv, columns: [x],"
            + " bins: 1, range: [0, 1]}").score(MetricFixture.sample(dir.resolve("s")));
        assertThat(score.value()).isCloseTo(Math.sqrt(250), within(1e-9));
        assertThat(score.components()).containsEntry("s", 50.0).containsEntry("b", 200.0);
    }

    @Test
    void identical_shapes_with_the_background_norm_free_fail_the_sample_with_the_reason() {
        var rng = new SplittableRandom(2);
        // the same events as signal and as background: exactly proportional histograms
        MetricFixture.column(dir.resolve("s/sig.csv"), "x", 500, rng::nextDouble);
        try {
            Files.copy(dir.resolve("s/sig.csv"), dir.resolve("s/bkg.csv"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var metric = MetricFixture.metric(dir, "{type: expected-uncertainty, signal: sig.csv, background: bkg.csv,"
            + " columns: [x], bins: 10, range: [0, 1], nuisances: [background-norm]}");
        assertThatThrownBy(() -> metric.score(MetricFixture.sample(dir.resolve("s"))))
            .isInstanceOf(MetricException.class).hasMessageContaining("same shape")
            .hasMessageContaining("sigma_s diverges").hasMessageContaining("background-norm-uncertainty");
        // a 10 % constraint on b makes it finite again, and larger than with b known
        var constrained = MetricFixture.metric(dir, "{type: expected-uncertainty, signal: sig.csv,"
            + " background: bkg.csv, columns: [x], bins: 10, range: [0, 1], nuisances: [background-norm],"
            + " background-norm-uncertainty: 0.1}").score(MetricFixture.sample(dir.resolve("s")));
        // one effective cell: σ_s² = (s + b) + (δ b)² = 1000 + 2500
        assertThat(constrained.value()).isCloseTo(Math.sqrt(1000 + 2500), within(1e-6));
        assertThat(constrained.components().get("sigma_s_b_known")).isCloseTo(Math.sqrt(1000), within(1e-6));
    }

    @Test
    void better_separation_scores_lower_and_the_error_is_seeded() {
        var rng = new SplittableRandom(3);
        String yaml = "{type: expected-uncertainty, signal: sig.csv, background: bkg.csv, columns: [x], bins: 20,"
            + " range: [-5, 10], nuisances: [background-norm]}";
        double[] sigma = new double[2];
        double[] separation = {1, 3};
        for (int i = 0; i < 2; i++) {
            var folder = dir.resolve("d" + i);
            MetricFixture.column(folder.resolve("sig.csv"), "x", 2000, MetricFixture.normal(rng, separation[i], 1));
            MetricFixture.column(folder.resolve("bkg.csv"), "x", 20000, MetricFixture.normal(rng, 0, 1));
            var a = MetricFixture.metric(dir, yaml).score(MetricFixture.sample(folder));
            var b = MetricFixture.metric(dir, yaml).score(MetricFixture.sample(folder));
            assertThat(a.standardError().orElseThrow()).isPositive().isEqualTo(b.standardError().orElseThrow());
            sigma[i] = a.value();
        }
        assertThat(sigma[1]).isLessThan(sigma[0]);
    }

    @Test
    void bad_options_name_the_key_and_the_fix() {
        String files = "type: expected-uncertainty, signal: sig.csv, background: bkg.csv";
        assertThat(error("{" + files + ", range: [0, 1]}")).contains(": columns: ").contains("no observables");
        assertThat(error("{" + files + ", columns: [x]}")).contains(": range: ").contains("no range given");
        assertThat(error("{" + files + ", columns: [x], range: [1, 0]}")).contains("fix: swap them");
        assertThat(error("{" + files + ", columns: [x], range: [0, 1], nuisances: [signal-shape]}"))
            .contains(": nuisances: ").contains("unknown nuisance parameter 'signal-shape'");
        assertThat(error("{" + files + ", columns: [x], range: [0, 1], background-norm-uncertainty: 0.1}"))
            .contains("fix: add nuisances: [background-norm]");
        assertThat(error("{" + files + ", output: e.csv, columns: [x], range: [0, 1]}"))
            .contains("both output and signal/background");
        assertThat(error("{type: expected-uncertainty, columns: [x], range: [0, 1]}"))
            .contains("no simulated events named");
        assertThat(error("{" + files + ", columns: [x], range: [0, 1], signal-scale: 0}"))
            .contains(": signal-scale: ").contains("must be a positive number");
        assertThat(error("{" + files + ", columns: [x, y, z], bins: 200, range: [0, 1, 0, 1, 0, 1]}"))
            .contains(": bins: ").contains("more than 10^6 cells");
    }

    @Test
    void a_label_other_than_0_or_1_fails_the_sample() throws IOException {
        Files.createDirectories(dir.resolve("s"));
        Files.writeString(dir.resolve("s/events.csv"), "x,is_signal\n0.5,1\n0.6,2\n");
        var metric = MetricFixture.metric(dir, "{type: expected-uncertainty, output: events.csv, columns: [x],"
            + " range: [0, 1]}");
        assertThatThrownBy(() -> metric.score(MetricFixture.sample(dir.resolve("s"))))
            .isInstanceOf(MetricException.class).hasMessageContaining("row 2").hasMessageContaining("1 (signal) or 0");
    }

    private String error(String yaml) {
        return MetricFixture.error(dir, yaml);
    }
}
