package org.autotune.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.autotune.score.Observable;

class HistogramChiSquareMetricTest {
    @TempDir
    Path dir;

    private static final String YAML =
        "{type: chi2-histogram, output: out.csv, reference: ref.csv, column: e, bins: 20, range: [0, 20]}";

    @Test
    void samples_of_the_data_distribution_average_a_chi2_of_ndf_whatever_the_totals() {
        var rng = new SplittableRandom(777);
        double sum = 0;
        double ndf = 0;
        int repeats = 300;
        for (int i = 0; i < repeats; i++) {
            // fresh reference each repeat: independent chi2 values; N = 300 simulated vs M = 3000 reference
            MetricFixture.column(dir.resolve("ref.csv"), "e", 3000, MetricFixture.normal(rng, 10, 3));
            var metric = MetricFixture.metric(dir, YAML);
            var folder = dir.resolve("s" + i);
            MetricFixture.column(folder.resolve("out.csv"), "e", 300, MetricFixture.normal(rng, 10, 3));
            var score = metric.score(MetricFixture.sample(folder));
            sum += score.value();
            ndf += score.components().get("ndf");
        }
        double meanNdf = ndf / repeats;
        // chi2 with ~19 ndf has sd sqrt(2*19) = 6.2; the mean of 300 has sd 0.36; 4 sd = 1.4
        assertThat(sum / repeats).isCloseTo(meanNdf, within(1.45));
    }

    @Test
    void a_shifted_distribution_gives_a_large_chi2_and_a_tiny_p_value() {
        var rng = new SplittableRandom(3);
        MetricFixture.column(dir.resolve("ref.csv"), "e", 3000, MetricFixture.normal(rng, 10, 3));
        MetricFixture.column(dir.resolve("s/out.csv"), "e", 1000, MetricFixture.normal(rng, 11.5, 3));
        var score = MetricFixture.metric(dir, YAML).score(MetricFixture.sample(dir.resolve("s")));
        assertThat(score.value()).isGreaterThan(100);
        assertThat(score.components().get("p_value")).isLessThan(1e-6);
    }

    @Test
    void each_bin_is_an_observable_with_its_statistical_errors() {
        var rng = new SplittableRandom(5);
        MetricFixture.column(dir.resolve("ref.csv"), "e", 1000, MetricFixture.normal(rng, 10, 3));
        MetricFixture.column(dir.resolve("s/out.csv"), "e", 100, MetricFixture.normal(rng, 10, 3));
        var score = MetricFixture.metric(dir, YAML).score(MetricFixture.sample(dir.resolve("s")));
        assertThat(score.observables()).hasSize(20);
        var o = score.observables().get(10);
        assertThat(o.name()).isEqualTo("e[10]");
        assertThat(o.simulatedError()).isCloseTo(Math.sqrt(o.simulated() * 100) / 100, within(1e-12));
        double total = score.observables().stream().mapToDouble(Observable::simulated).sum();
        assertThat(total).isCloseTo(1.0 - score.components().get("underflow") - score.components().get("overflow"),
            within(1e-9));
    }
}
