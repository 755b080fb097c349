package org.autotune.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.autotune.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code type: java}: a metric class compiled here (a real .class file) and loaded from the campaign's classpath. */
class JavaMetricTest {
    @TempDir
    Path dir;

    private void compile() throws Exception {
        var src = dir.resolve("src/demo/MeanDistance.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
            package demo;

            import java.nio.file.Path;
            import java.util.List;
            import java.util.Map;
            import org.autotune.data.Table;
            import org.autotune.metric.Metric;
            import org.autotune.metric.SampleOutputs;
            import org.autotune.score.Score;

            /** Squared distance of a column's mean from a target. */
            public class MeanDistance implements Metric {
                private final String column;
                private final double target;

                public MeanDistance(Map<String, Object> options, Path campaignDir) {
                    this.column = (String) options.get("column");
                    this.target = ((Number) options.get("target")).doubleValue();
                }

                @Override
                public Score score(SampleOutputs outputs) {
                    double[] x = Table.read(outputs.file("events.csv"), List.of(column)).column(column);
                    double m = java.util.Arrays.stream(x).average().orElseThrow();
                    return Score.of((m - target) * (m - target));
                }
            }
            """);
        var javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", dir.resolve("classes").toString(), "-cp",
            System.getProperty("java.class.path"), src.toString());
        assertThat(rc).isZero();
    }

    @Test
    void a_class_from_the_campaign_classpath_scores_samples_with_its_options() throws Exception {
        compile();
        Files.createDirectories(dir.resolve("s"));
        Files.writeString(dir.resolve("s/events.csv"), "e\n1\n2\n3\n");
        var metric = MetricFixture.metric(dir, "{type: java, class: demo.MeanDistance, classpath: [classes],"
            + " options: {column: e, target: 1.5}}");
        assertThat(metric.score(MetricFixture.sample(dir.resolve("s"))).value()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void mistakes_name_the_key_and_the_fix() throws Exception {
        compile();
        assertThatThrownBy(() -> MetricFixture.metric(dir, "{type: java, class: demo.Missing, classpath: [classes]}"))
            .isInstanceOf(InputError.class).hasMessageContaining(":1: class: class demo.Missing not found");
        assertThatThrownBy(() -> MetricFixture.metric(dir, "{type: java, class: java.lang.StringBuilder}"))
            .isInstanceOf(InputError.class).hasMessageContaining("does not implement org.autotune.metric.Metric");
        assertThatThrownBy(() -> MetricFixture.metric(dir, "{type: java, class: demo.MeanDistance, classpath: [nope]}"))
            .isInstanceOf(InputError.class).hasMessageContaining(":1: classpath: ").hasMessageContaining("nope not found");
        assertThatThrownBy(() -> MetricFixture.metric(dir, "{type: java, class: demo.MeanDistance, classpath: [classes],"
            + " options: {column: e}}"))
            .isInstanceOf(InputError.class).hasMessageContaining("demo.MeanDistance failed to start")
            .hasMessageContaining("NullPointerException");
    }
}
