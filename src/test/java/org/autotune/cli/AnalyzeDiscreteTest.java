package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} on a campaign with an integer parameter analyses the real ones at the best
 * sample's value of it, from the samples with that value (real CLI, real processes).
 */
class AnalyzeDiscreteTest {
    @TempDir
    Path dir;

    @Test
    void analyze_takes_the_real_parameters_at_the_best_combination_of_the_discrete_ones() throws Exception {
        var file = MixedBowl.write(dir, 3);
        var run = Cli.runIn(dir, "run", file.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        var analyze = Cli.runIn(dir, "analyze", file.toString());
        assertThat(analyze.exitCode()).as(analyze.stderr()).isZero();
        assertThat(analyze.stdout()).as(analyze.stdout())
            .contains("region: the continuous parameters at the best combination of the others (n = 2)")
            .containsPattern("(?m)^  x +0\\.5")
            .containsPattern("(?m)^  y +-0\\.2")
            .doesNotContainPattern("(?m)^  n ");
    }
}
