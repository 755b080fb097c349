package org.autotune.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.autotune.data.Table;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The toy detector Monte Carlo (examples/toy-dmc, run as a real process) responds to each of its
 * eight parameters the way the physics in its README says: one parameter changed from the truth,
 * everything else and the seed kept, and the mean of one feature over the 10.37 keV events moves
 * in the expected direction by more than four standard errors.
 */
@Tag("slow")
class ToyDmcPhysicsTest {
    private static final Path PROGRAM = Path.of("examples/toy-dmc/toy-dmc").toAbsolutePath();

    static final Map<String, String> TRUTH = new LinkedHashMap<>();

    static {
        TRUTH.put("/dmc/phonon/PhononAbsQET", "0.3");
        TRUTH.put("/dmc/phonon/TESsubgapAbs", "0.02");
        TRUTH.put("/dmc/tes/Tc", "62 mK");
        TRUTH.put("/dmc/tes/Tw", "1.2 mK");
        TRUTH.put("/dmc/tes/Tsubst", "30 mK");
        TRUTH.put("/dmc/tes/W_gamma", "90 J/K2/m3");
        TRUTH.put("/dmc/tes/W_sigma", "0.2e9 W/K5/m3");
        TRUTH.put("/dmc/tes/L", "200 nH");
    }

    /** command, changed value, feature, expected sign of the change of its mean. */
    static Stream<Arguments> responses() {
        return Stream.of(
            Arguments.of("/dmc/phonon/PhononAbsQET", "0.6", "rise_time_us", -1),   // faster phonon collection
            Arguments.of("/dmc/phonon/PhononAbsQET", "0.6", "amplitude", +1),      // more energy reaches the TES
            Arguments.of("/dmc/phonon/TESsubgapAbs", "0.1", "amplitude", +1),      // direct absorption, efficiency 1
            Arguments.of("/dmc/phonon/TESsubgapAbs", "0.1", "rise_time_us", -1),
            Arguments.of("/dmc/tes/Tc", "70 mK", "fall_time_us", -1),              // tau0 = C/G falls as 1/Tc^3
            Arguments.of("/dmc/tes/Tw", "2.0 mK", "fall_time_us", +1),             // wider transition, weaker feedback
            Arguments.of("/dmc/tes/Tw", "2.0 mK", "amplitude", -1),
            Arguments.of("/dmc/tes/Tsubst", "50 mK", "fall_time_us", +1),          // less bias power, weaker feedback
            Arguments.of("/dmc/tes/W_gamma", "135 J/K2/m3", "fall_time_us", +1),   // more heat capacity
            Arguments.of("/dmc/tes/W_sigma", "0.3e9 W/K5/m3", "fall_time_us", -1), // stronger coupling
            Arguments.of("/dmc/tes/L", "2000 nH", "rise_time_us", +1));            // slower electrical rise
    }

    @ParameterizedTest(name = "{0} = {1} moves mean {2} by sign {3}")
    @MethodSource("responses")
    void each_parameter_moves_its_observable_in_the_expected_direction(String command, String value, String feature,
                                                                     int sign, @TempDir Path dir) throws Exception {
        var truth = line(simulate(dir.resolve("truth"), TRUTH), feature);
        var changed = new LinkedHashMap<>(TRUTH);
        changed.put(command, value);
        var moved = line(simulate(dir.resolve("changed"), changed), feature);
        double difference = moved.mean - truth.mean;
        // the two runs share the seed, so their noise is correlated; treating them as independent
        // overestimates the error, which only makes the 4-SE test stricter
        double se = Math.hypot(truth.se, moved.se);
        assertThat(Math.signum(difference)).as("direction of %s: %s -> %s", feature, truth.mean, moved.mean)
            .isEqualTo((double) sign);
        assertThat(Math.abs(difference)).as("size of the change of %s relative to 4 SE", feature).isGreaterThan(4 * se);
    }

    private record Mean(double mean, double se) {
    }

    /** Mean and standard error of a feature over the 10.37 keV events. */
    private static Mean line(Path features, String feature) {
        var table = Table.read(features, java.util.List.of("energy_kev", feature));
        var e = table.column("energy_kev");
        var x = table.column(feature);
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (e[i] == 10.37) {
                sum += x[i];
                sq += x[i] * x[i];
                n++;
            }
        }
        double mean = sum / n;
        return new Mean(mean, Math.sqrt((sq / n - mean * mean) / (n - 1)));
    }

    private static Path simulate(Path dir, Map<String, String> values) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        var macro = new StringBuilder();
        values.forEach((k, v) -> macro.append(k).append(' ').append(v).append('\n'));
        macro.append("/dmc/run/events 300\n/dmc/run/traces 0\n/random/setSeeds 5 1\n");
        Files.writeString(dir.resolve("run.mac"), macro);
        var p = new ProcessBuilder(PROGRAM.toString(), "run.mac").directory(dir.toFile())
            .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("log.txt"))).isZero();
        return dir.resolve("features.csv");
    }

    /**
     * The built-in feature metrics work on the simulator's features file: the binned χ² of the
     * amplitude spectrum (both calibration lines, 300 events against the 3000 reference events) is
     * consistent with its degrees of freedom at the truth (within 5 standard deviations of a χ² with
     * that many bins) and far above it with the wrong phonon absorption.
     */
    @org.junit.jupiter.api.Test
    void chi2_histogram_and_mean_std_work_on_the_features_file(@TempDir Path dir) throws Exception {
        Path reference = Path.of("examples/toy-dmc/reference/features.csv").toAbsolutePath();
        var yaml = "{type: chi2-histogram, output: features.csv, reference: '" + reference + "', column: amplitude,"
            + " bins: 30}";
        var metric = org.autotune.metric.Metrics.create(org.autotune.YamlFile.parse(dir.resolve("c.yaml"), yaml), dir);
        simulate(dir.resolve("truth"), TRUTH);
        var wrong = new LinkedHashMap<>(TRUTH);
        wrong.put("/dmc/phonon/PhononAbsQET", "0.6");
        simulate(dir.resolve("wrong"), wrong);
        var atTruth = metric.score(new org.autotune.metric.SampleOutputs(dir.resolve("truth"), 1, 1, 300));
        var atWrong = metric.score(new org.autotune.metric.SampleOutputs(dir.resolve("wrong"), 2, 1, 300));
        double ndf = atTruth.components().getOrDefault("ndf", 30.0);
        assertThat(atTruth.value()).isLessThan(ndf + 5 * Math.sqrt(2 * ndf));
        assertThat(atWrong.value()).isGreaterThan(ndf + 10 * Math.sqrt(2 * ndf));
        var meanStd = org.autotune.metric.Metrics.create(org.autotune.YamlFile.parse(dir.resolve("c.yaml"),
            "{type: mean-std, output: features.csv, reference: '" + reference + "', columns: [rise_time_us, fall_time_us]}"),
            dir);
        // four pulls of order one at the truth: their squares sum to a chi2 with 4 dof (below 4 + 5 sqrt(8))
        assertThat(meanStd.score(new org.autotune.metric.SampleOutputs(dir.resolve("truth"), 1, 1, 300)).value())
            .isLessThan(4 + 5 * Math.sqrt(8));
    }
}
