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
        assertThat(outcome.state()).isEqualTo(Outcome.State.CONVERGED);
        var best = outcome.best().orElseThrow().point();
        // Truth (reference.mac): gain 1.2, offset 0.3, noise 0.08. Each line's mean is known to
        //   sigma_line * sqrt(1/4000 + 1/20000) with sigma_line = 0.08 * sqrt(E):
        //   s2 = 0.00196 (2 keV), s6 = 0.00339 (6 keV).
        // gain = (m6 - m2)/4            -> sd = sqrt(s2^2 + s6^2)/4              = 0.00098
        // offset = 1.5 m2 - 0.5 m6       -> sd = sqrt((1.5 s2)^2 + (0.5 s6)^2)   = 0.00339
        // noise from both widths: relative sd sqrt(1/8000 + 1/40000)/sqrt(2)     = 0.0087 -> 0.0007
        // Tolerance: 4 sd (about 1 in 16,000 per parameter) plus the final step of the descent
        // (0.1 / 2^6 = 0.0016 for gain and offset; a factor 1.5^(1/64), i.e. 0.63 %, for noise).
        assertThat(best.get("gain")).isCloseTo(1.2, within(4 * 0.00098 + 0.0016));
        assertThat(best.get("offset")).isCloseTo(0.3, within(4 * 0.00339 + 0.0016));
        assertThat(best.get("noise")).isCloseTo(0.08, within(4 * 0.0007 + 0.08 * 0.0063));
    }
}
