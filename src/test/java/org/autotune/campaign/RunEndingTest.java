package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The words a run ends with say why it ended: budget spent, converged, or the optimizer's own limit. */
class RunEndingTest {
    @TempDir
    Path dir;

    private Outcome run(String extra) {
        var file = TestCampaigns.write(dir, "", extra);
        try (var campaign = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            return campaign.run(Progress.NONE, Clock.systemUTC());
        }
    }

    @Test
    void a_run_cut_short_by_its_budget_says_budget_spent_not_converged() {
        var outcome = run("budget: 6");
        assertThat(outcome.state()).isEqualTo(Outcome.State.BUDGET_SPENT);
        assertThat(outcome.message()).startsWith("the budget of 6 samples is spent before the optimizer converged; ");
    }

    @Test
    void a_descent_that_stops_improving_at_its_finest_step_says_converged() {
        var outcome = run("budget: 150");
        assertThat(outcome.state()).isEqualTo(Outcome.State.CONVERGED);
        assertThat(outcome.last().done()).isLessThan(150);
        assertThat(outcome.message()).startsWith("the optimizer converged");
    }

    @Test
    void an_optimizer_at_its_own_generation_limit_says_budget_spent_and_names_the_limit() {
        var outcome = run("budget: 100\noptimizer: {type: cma-es, population: 4, generations: 2}");
        assertThat(outcome.state()).isEqualTo(Outcome.State.BUDGET_SPENT);
        assertThat(outcome.last().done()).isEqualTo(8);
        assertThat(outcome.message()).startsWith("the optimizer stopped at a limit of its own after 8 of the 100 "
            + "samples, without converging");
    }
}
