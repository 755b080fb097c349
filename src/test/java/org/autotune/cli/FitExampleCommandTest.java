package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitExampleCommandTest {
    @Test
    void fit_example_prints_best_values_correlations_and_a_profile_interval(@TempDir Path dir) {
        var r = Cli.run(dir, "fit-example", "--seed", "2");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout())
            .contains("peak on background: ", "seed 2", "converged: true")
            // two significant digits of σ, the value to the same place: s = 110 ± 19, peak_mean = 5.01 ± 0.10
            .containsPattern("s += +\\d+ ± [1-9]\\d\\n")
            .containsPattern("peak_mean \\[keV\\] += +\\d+\\.\\d\\d ± 0\\.\\d\\d\\n")
            .contains("correlation (s, b, peak_mean):")
            .containsPattern("profile 68.3% interval of s: \\[\\d+, \\d+\\] \\(-\\d+ / \\+\\d+\\)");
        assertThat(r.stderr()).isEmpty();
    }
}
