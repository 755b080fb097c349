package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quickstart campaign, as shipped, recovers the true detector response. */
class QuickstartTest {
    private static final Path CAMPAIGN = Path.of("examples/quickstart/campaign.yaml");

    @Test
    void quickstart_recovers_its_truth_within_the_statistical_tolerance(@TempDir Path dir) {
        var config = CampaignConfig.read(CAMPAIGN);
        Outcome outcome;
        var overrides = new Overrides(Optional.empty(), OptionalInt.empty(), OptionalLong.empty(), Optional.of(dir), false);
        try (var campaign = Campaign.open(config, overrides, false)) {
            outcome = campaign.run(Progress.NONE, Clock.systemUTC());
        }
        // the default optimizer (a surrogate of the observables) refines below the noise until the budget
        assertThat(outcome.state()).isEqualTo(Outcome.State.BUDGET_SPENT);
        var best = outcome.best().orElseThrow();
        // The score is a chi-square of the lines' means and widths; its minimum is >= 0, so a best score
        // <= 1 puts the best point within Delta chi2 = 1 of the minimum: within 1 sd in every parameter.
        assertThat(best.score().getAsDouble()).isLessThanOrEqualTo(1.0);
        // Truth (reference.mac): gain 1.2, offset 0.3, noise 0.08. Each line's mean is known to
        //   sigma_line * sqrt(1/4000 + 1/20000) with sigma_line = 0.08 * sqrt(E):
        //   s2 = 0.00196 (2 keV), s6 = 0.00339 (6 keV).
        // gain = (m6 - m2)/4            -> sd = sqrt(s2^2 + s6^2)/4              = 0.00098
        // offset = 1.5 m2 - 0.5 m6       -> sd = sqrt((1.5 s2)^2 + (0.5 s6)^2)   = 0.00339
        // noise from both widths: relative sd sqrt(1/8000 + 1/40000)/sqrt(2)     = 0.0087 -> 0.0007
        // Tolerance: 4 sd for the data's fluctuation (about 1 in 16,000 per parameter) plus 1 sd for the
        // optimizer's distance from the minimum (score <= 1, above): 5 sd.
        var point = best.point();
        assertThat(point.get("gain")).isCloseTo(1.2, within(5 * 0.00098));
        assertThat(point.get("offset")).isCloseTo(0.3, within(5 * 0.00339));
        assertThat(point.get("noise")).isCloseTo(0.08, within(5 * 0.0007));
    }
}
