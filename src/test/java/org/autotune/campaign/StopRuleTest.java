package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;
import org.autotune.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Campaign-level stop rules: budget, failure rate, stagnation and wall time on the campaign's clock. */
class StopRuleTest {
    @TempDir
    Path dir;

    private Path sub(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    private static StopRule.Tally tally(int used, int failedInRow, int sinceBetter, Duration elapsed) {
        return new StopRule.Tally(used, failedInRow, sinceBetter, elapsed);
    }

    @Test
    void each_rule_stops_for_its_own_reason_only() {
        var t = tally(10, 4, 7, Duration.ofMinutes(59));
        assertThat(new StopRule.Budget(12).allowance(t)).isEqualTo(2);
        assertThat(new StopRule.Budget(8).allowance(t)).isZero();
        assertThat(StopRule.FailureRate.forSlots(2).check(t)).isEmpty();
        assertThat(StopRule.FailureRate.forSlots(4).check(tally(10, 5, 0, Duration.ZERO)))
            .contains(Outcome.State.TOO_MANY_FAILURES);
        assertThat(new StopRule.Stagnation(8).check(t)).isEmpty();
        assertThat(new StopRule.Stagnation(7).check(t)).contains(Outcome.State.STAGNATED);
        assertThat(new StopRule.WallTime(Duration.ofHours(1)).check(t)).isEmpty();
        assertThat(new StopRule.WallTime(Duration.ofHours(1)).check(tally(0, 0, 0, Duration.ofHours(1))))
            .contains(Outcome.State.WALL_TIME);
    }

    /** A clock that moves one minute each time it is read: the campaign's time, fixed by the test. */
    private static final class Ticking extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public synchronized Instant instant() {
            now = now.plus(Duration.ofMinutes(1));
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void a_campaign_with_a_wall_time_stops_on_its_clock_and_says_resume_continues() {
        var file = TestCampaigns.write(dir, "", "budget: 150\nstop: {wall-time: 10m}");
        try (var c = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            var outcome = c.run(Progress.NONE, new Ticking());
            assertThat(outcome.state()).isEqualTo(Outcome.State.WALL_TIME);
            assertThat(outcome.message()).contains("autotune resume");
            assertThat(c.journal().samples().size()).isLessThan(20);
            assertThat(c.journal().meta("state")).contains("wall-time");
        }
    }

    @Test
    void a_campaign_stops_when_its_best_score_stagnates() {
        var file = TestCampaigns.write(dir, "", "budget: 150\nstop: {stagnation: 3}");
        try (var c = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            var outcome = c.run(Progress.NONE, Clock.systemUTC());
            assertThat(outcome.state()).isIn(Outcome.State.STAGNATED, Outcome.State.CONVERGED);
            assertThat(outcome.last().done()).isLessThan(150);
        }
    }

    @Test
    void bad_stop_keys_name_the_file_line_key_and_fix() throws Exception {
        var unknown = TestCampaigns.write(sub("c1"), "", "stop: {stagnatoin: 3}");
        assertThat(catchThrowableOfType(InputError.class, () -> CampaignConfig.read(unknown)).getMessage())
            .contains("stop").contains("stagnatoin").contains("fix:");
        var zero = TestCampaigns.write(sub("c2"), "", "stop: {stagnation: 0}");
        assertThat(catchThrowableOfType(InputError.class, () -> CampaignConfig.read(zero)).getMessage())
            .contains("stop.stagnation").contains("fix:");
        var time = TestCampaigns.write(sub("c3"), "", "stop: {wall-time: soon}");
        assertThat(catchThrowableOfType(InputError.class, () -> CampaignConfig.read(time)).getMessage())
            .contains("stop.wall-time").contains("not a duration").contains("fix:");
        assertThat(CampaignConfig.read(TestCampaigns.write(sub("c4"), "", "stop: {stagnation: 5, wall-time: 2h}")).stop())
            .isEqualTo(new StopSettings(OptionalInt.of(5), Optional.of(Duration.ofHours(2))));
    }
}
