package org.autotune.metric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.autotune.YamlFile;

/** Writes CSV files and builds metrics from YAML text, for metric tests. */
final class MetricFixture {
    private MetricFixture() {
    }

    static Metric metric(Path dir, String yaml) {
        return Metrics.create(YamlFile.parse(dir.resolve("campaign.yaml"), yaml), dir);
    }

    /** A one-column CSV of n draws. */
    /** The message of the campaign-file error that building this metric gives (fails when there is none). */
    static String error(Path dir, String yaml) {
        try {
            metric(dir, yaml);
        } catch (org.autotune.InputError e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + yaml);
    }

    static void column(Path file, String name, int n, DoubleSupplier draw) {
        var sb = new StringBuilder(name).append('\n');
        for (int i = 0; i < n; i++) {
            sb.append(draw.getAsDouble()).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DoubleSupplier normal(SplittableRandom rng, double mean, double sd) {
        return () -> mean + sd * rng.nextGaussian();
    }

    static SampleOutputs sample(Path folder) {
        return new SampleOutputs(folder, 1, 7, 100);
    }
}
