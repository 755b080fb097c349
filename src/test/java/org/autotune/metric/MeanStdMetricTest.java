package org.autotune.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.autotune.score.Observable;

class MeanStdMetricTest {
    @TempDir
    Path dir;

    private static final String YAML = "{type: mean-std, output: out.csv, reference: ref.csv, columns: [e]}";

    @Test
    void identical_simulation_and_data_score_zero() throws Exception {
        Files.writeString(dir.resolve("ref.csv"), "e\n1\n2\n3\n4\n");
        Files.createDirectories(dir.resolve("s"));
        Files.writeString(dir.resolve("s/out.csv"), "e\n4\n3\n2\n1\n");
        var score = MetricFixture.metric(dir, YAML).score(MetricFixture.sample(dir.resolve("s")));
        assertThat(score.value()).isZero();
        assertThat(score.observables()).extracting(Observable::name).containsExactly("e.mean", "e.std");
    }

    @Test
    void a_shifted_mean_gives_the_pull_computed_by_hand() throws Exception {
        Files.writeString(dir.resolve("ref.csv"), "e\n1\n2\n3\n4\n");
        Files.createDirectories(dir.resolve("s"));
        Files.writeString(dir.resolve("s/out.csv"), "e\n2\n3\n4\n5\n");
        var score = MetricFixture.metric(dir, YAML).score(MetricFixture.sample(dir.resolve("s")));
        // means 3.5 vs 2.5, both s^2 = 5/3 with n = 4: pull = 1 / sqrt(2 * 5/12)
        double pull = 1 / Math.sqrt(2 * (5.0 / 3) / 4);
        assertThat(score.components().get("e.mean")).isCloseTo(pull, within(1e-12));
        assertThat(score.components().get("e.std")).isCloseTo(0, within(1e-12));
        assertThat(score.value()).isCloseTo(pull * pull, within(1e-12));
    }

    @Test
    void samples_from_the_data_distribution_score_about_two_per_column() {
        var rng = new SplittableRandom(12345);
        MetricFixture.column(dir.resolve("ref.csv"), "e", 2000, MetricFixture.normal(rng, 10, 2));
        var metric = MetricFixture.metric(dir, YAML);
        int repeats = 400;
        double sum = 0;
        for (int i = 0; i < repeats; i++) {
            var folder = dir.resolve("s" + i);
            MetricFixture.column(folder.resolve("out.csv"), "e", 200, MetricFixture.normal(rng, 10, 2));
            sum += metric.score(MetricFixture.sample(folder)).value();
        }
        // one reference draw is shared by all repeats, so the repeats are correlated through it: each
        // pull is d = a_i + b with Var(b)/Var(d) = (1/2000)/(1/200 + 1/2000) = 1/11 for the mean term.
        // The average of d^2 over repeats then has expectation 1 (per term, 2 terms) and a spread
        // dominated by b: sd(b^2) = sqrt(2)/11 per term -> sd(mean score) ~ 2*sqrt(2)/11 + sqrt(2*2/400) = 0.36.
        // 4 sd = 1.45
        assertThat(sum / repeats).isCloseTo(2.0, within(1.45));
    }
}
