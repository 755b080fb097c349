package org.autotune.examples;

import org.autotune.scan.Scans;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.autotune.analysis.LocalAnalysis;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignConfig;
import org.autotune.campaign.Overrides;
import org.autotune.campaign.Progress;
import org.autotune.space.Point;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closure: the toy-DMC campaign (examples/toy-dmc/campaign.yaml: the documented off-truth start,
 * the default optimizer, 40 events per sample, seed 3) with a budget of {@value #BUDGET} samples,
 * then {@code scan}. Every parameter the analysis calls well constrained is within three of its
 * standard deviations of the truth (in unit-cube coordinates, where the analysis is linear), and
 * the analysis names the poorly constrained ones, among them the designed degeneracy (W_gamma and
 * W_sigma enter the fall time through their ratio). Real processes throughout; about 5 minutes.
 */
@Tag("slow")
class ToyDmcClosureTest {
    static final int BUDGET = 400;

    @TempDir
    Path dir;

    @Test
    void tuning_from_the_documented_start_recovers_the_well_constrained_parameters_and_names_the_others()
        throws IOException {
        ToyDmcFiles.copyExample(dir);
        var config = CampaignConfig.read(dir.resolve("campaign.yaml"));
        LocalAnalysis analysis;
        try (var c = Campaign.open(config, new Overrides(Optional.of(BUDGET), OptionalInt.empty(), OptionalLong.empty(),
            Optional.empty(), false), false)) {
            c.run(Progress.NONE, Clock.systemUTC());
            analysis = Scans.run(c, Progress.NONE, Clock.systemUTC(), 1).analysis().orElseThrow();
        }
        var report = String.join("\n", analysis.describe());
        var constraints = analysis.constraints().orElseThrow(() -> new AssertionError(report));
        var space = config.space();
        var truth = space.toUnit(new Point(space.names(), space.names().stream().mapToDouble(ToyDmcFiles.TRUTH::get).toArray()));
        int checked = 0;
        for (int i = 0; i < space.dimension(); i++) {
            var e = constraints.estimates().get(i);
            if (!e.poor()) {
                double u = space.parameter(i).toUnit(e.value());
                assertThat(Math.abs(u - truth[i])).as(e.name() + "\n" + report).isLessThanOrEqualTo(3 * e.unitSigma());
                checked++;
            }
        }
        assertThat(checked).as(report).isGreaterThanOrEqualTo(2);
        assertThat(constraints.poorlyConstrained()).as(report).containsAnyOf("W_gamma", "W_sigma");
    }
}
