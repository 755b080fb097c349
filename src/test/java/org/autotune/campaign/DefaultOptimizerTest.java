package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the default optimizer ({@code auto}) runs for the campaigns users write. */
class DefaultOptimizerTest {
    @TempDir
    Path dir;

    private static String runs(Path campaignFile) {
        var parts = Components.assemble(CampaignConfig.read(campaignFile));
        try (var optimizer = parts.optimizer(4)) {
            return optimizer.getClass().getSimpleName();
        }
    }

    @Test
    void the_toy_dmc_campaign_whose_metric_has_observables_runs_the_surrogate() throws Exception {
        // the example names its optimizer; without that line the default must choose the same
        var copy = dir.resolve("toy-dmc");
        try (var files = Files.walk(Path.of("examples/toy-dmc"))) {
            for (var f : files.toList()) {
                var to = copy.resolve(Path.of("examples/toy-dmc").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        var file = copy.resolve("campaign.yaml");
        Files.writeString(file, Files.readString(file).replaceAll("(?m)^optimizer:\\n  type: surrogate.*\\n", ""));
        assertThat(Files.readString(file)).doesNotContain("type: surrogate");
        // its metric is a sum of mean-std and optimal-filter parts: the surrogate models each observable
        assertThat(runs(file)).isEqualTo("Surrogate");
        // validate says so
        assertThat(Campaign.check(CampaignConfig.read(file))).isEqualTo("auto: surrogate (the metric has observables)");
    }

    @Test
    void a_campaign_whose_metric_prints_one_number_runs_the_bobyqa_and_bayesian_phases() throws Exception {
        var file = dir.resolve("one-number.yaml");
        Files.writeString(file, """
            parameters:
              a: {kind: real, min: 0, max: 2, start: 0.5, step: 0.2}
              b: {kind: log, min: 0.1, max: 10, start: 1, step: 1.5}
            simulator:
              command: [sh, -c, "echo 1 > score.txt"]
              outputs: [score.txt]
            metric: {type: command, command: [cat, score.txt]}
            budget: 10
            """);
        assertThat(runs(file)).isEqualTo("Auto");
        assertThat(Campaign.check(CampaignConfig.read(file)))
            .isEqualTo("auto: BOBYQA and Bayesian phases (one number per sample, exact)");
        Files.writeString(file, Files.readString(file) + "seeds: fresh\n");
        assertThat(Campaign.check(CampaignConfig.read(file)))
            .isEqualTo("auto: Bayesian optimisation in shrinking boxes (one number per sample, noisy)");
        Files.writeString(file, Files.readString(file).replace("  b: {kind: log, min: 0.1, max: 10, start: 1, step: 1.5}",
            "  b: {kind: integer, min: 1, max: 9, start: 3, step: 1}"));
        assertThat(runs(file)).isEqualTo("CoordinateDescent");
        assertThat(Campaign.check(CampaignConfig.read(file)))
            .isEqualTo("auto: coordinate-descent (integer or choice parameters)");
    }
}
