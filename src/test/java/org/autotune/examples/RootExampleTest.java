package org.autotune.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.autotune.YamlFile;
import org.autotune.metric.Metrics;
import org.autotune.metric.SampleOutputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ROOT worked example (examples/root/root_metric.py) computes the same pulls as the built-in
 * mean-std metric. Reading ROOT itself needs uproot, which Debian does not package, so the ROOT
 * reading is not run here (documented in docs/metrics.md); the score arithmetic is, with numpy.
 */
class RootExampleTest {
    @TempDir
    Path dir;

    private static boolean numpy() {
        try {
            var p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void the_example_python_metric_gives_the_built_in_mean_std_pulls() throws Exception {
        assumeThat(numpy()).as("python3 with numpy is needed (apt-get install python3-numpy)").isTrue();
        var rng = new SplittableRandom(42);
        var columns = List.of("amplitude", "rise_time_us", "fall_time_us");
        write(dir.resolve("s/features.csv"), columns, 40, rng, 1.1);
        write(dir.resolve("ref.csv"), columns, 500, rng, 1.0);

        var metric = Metrics.create(YamlFile.parse(dir.resolve("campaign.yaml"),
            "{type: mean-std, output: features.csv, reference: ref.csv, columns: [amplitude, rise_time_us, fall_time_us]}"),
            dir);
        var builtIn = metric.score(new SampleOutputs(dir.resolve("s"), 1, 1, 40));

        String driver = String.join("\n",
            "import json, sys, numpy as np",
            "sys.path.insert(0, sys.argv[1])",
            "import root_metric",
            "def load(f):",
            "    a = np.genfromtxt(f, delimiter=',', names=True)",
            "    return {c: a[c] for c in a.dtype.names}",
            "p = root_metric.pulls(load(sys.argv[2]), load(sys.argv[3]))",
            "print(json.dumps({k: float(v) for k, v in p.items()}))");
        Path examples = Path.of("examples/root").toAbsolutePath();
        var process = new ProcessBuilder("python3", "-c", driver, examples.toString(),
            dir.resolve("s/features.csv").toString(), dir.resolve("ref.csv").toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        var python = JsonMapper.builder().build().readTree(out.strip());
        assertThat(python.propertyNames()).hasSize(6);
        for (String name : python.propertyNames()) {
            assertThat(python.get(name).asDouble()).as(name).isCloseTo(builtIn.components().get(name), within(1e-9));
        }
    }

    private static void write(Path file, List<String> columns, int rows, SplittableRandom rng, double scale) throws Exception {
        Files.createDirectories(file.getParent());
        var sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (int i = 0; i < rows; i++) {
            sb.append(scale * (5 + rng.nextGaussian())).append(',').append(scale * (20 + 3 * rng.nextGaussian()))
                .append(',').append(100 + 10 * scale * rng.nextGaussian()).append('\n');
        }
        Files.writeString(file, sb);
    }
}
