package org.autotune.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.autotune.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.autotune.score.Observable;

class SumMetricTest {
    @TempDir
    Path dir;

    private static final String SUM = """
        sum:
          - name: widths
            weight: 2
            metric: {type: mean-std, output: out.csv, reference: ref.csv, columns: [a]}
          - weight: 0.5
            metric: {type: mean-std, output: out.csv, reference: ref.csv, columns: [b]}
        """;

    @Test
    void the_sum_weights_its_parts_and_keeps_each_in_the_components() throws Exception {
        Files.writeString(dir.resolve("ref.csv"), "a,b\n1,10\n2,20\n3,30\n4,40\n");
        Files.createDirectories(dir.resolve("s"));
        Files.writeString(dir.resolve("s/out.csv"), "a,b\n2,10\n3,20\n4,30\n5,41\n");
        var sample = MetricFixture.sample(dir.resolve("s"));
        var a = MetricFixture.metric(dir, "{type: mean-std, output: out.csv, reference: ref.csv, columns: [a]}").score(sample);
        var b = MetricFixture.metric(dir, "{type: mean-std, output: out.csv, reference: ref.csv, columns: [b]}").score(sample);
        var sum = MetricFixture.metric(dir, SUM).score(sample);
        assertThat(sum.value()).isCloseTo(2 * a.value() + 0.5 * b.value(), within(1e-12));
        assertThat(sum.components()).containsEntry("widths", a.value()).containsEntry("mean-std", b.value())
            .containsEntry("widths.a.mean", a.components().get("a.mean"));
        assertThat(sum.standardError().getAsDouble()).isCloseTo(Math.hypot(2 * a.standardError().getAsDouble(),
            0.5 * b.standardError().getAsDouble()), within(1e-12));
        assertThat(sum.observables()).extracting(Observable::name).contains("widths:a.mean", "mean-std:b.std");
    }

    @Test
    void parts_need_positive_weights_and_distinct_names() throws Exception {
        Files.writeString(dir.resolve("ref.csv"), "a,b\n1,10\n2,20\n");
        var weight = catchThrowableOfType(InputError.class,
            () -> MetricFixture.metric(dir, SUM.replace("weight: 0.5", "weight: -1")));
        assertThat(weight.getMessage()).contains("sum.1.weight: weight -1.0 must be a positive number");
        var names = catchThrowableOfType(InputError.class,
            () -> MetricFixture.metric(dir, SUM.replace("- weight: 0.5", "- name: widths\n    weight: 0.5")));
        assertThat(names.getMessage()).contains("sum.1.name: two parts are called 'widths'");
    }
}
