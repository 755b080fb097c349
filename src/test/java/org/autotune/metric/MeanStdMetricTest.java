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
        int repeats = 400;
        double sum = 0;
        for (int i = 0; i < repeats; i++) {
            // a fresh reference per repeat, so the repeats are independent draws of the score
            var repeat = dir.resolve("r" + i);
            MetricFixture.column(repeat.resolve("ref.csv"), "e", 400, MetricFixture.normal(rng, 10, 2));
            MetricFixture.column(repeat.resolve("s/out.csv"), "e", 200, MetricFixture.normal(rng, 10, 2));
            sum += MetricFixture.metric(repeat, YAML).score(MetricFixture.sample(repeat.resolve("s"))).value();
        }
        // When simulation and data agree, each of the two pulls (mean, std) is ~N(0, 1) and they are
        // independent for normal data, so the score is ~chi2 with 2 degrees of freedom: mean 2,
        // variance 4. The average of 400 independent repeats then has SE = 2 / sqrt(400) = 0.1, and
        // 4 SE = 0.4. A dropped pull would give 1; a dropped reference error (n_ref = 2 n_sim) would
        // inflate each pull^2 by 1.5 (score 3), a dropped simulation error by 3 (score 6).
        assertThat(sum / repeats).isCloseTo(2.0, within(0.4));
    }
}
