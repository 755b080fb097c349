package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.autotune.InputError;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resume is replay: a resume whose optimizer would propose something else stops and says where. */
class ReplayCheckTest {
    @TempDir
    Path dir;

    private Outcome run(Path file, int budget) {
        var overrides = new Overrides(Optional.of(budget), OptionalInt.empty(), OptionalLong.empty(),
            Optional.empty(), false);
        try (var campaign = Campaign.open(CampaignConfig.read(file), overrides, false)) {
            return campaign.run(Progress.NONE, Clock.systemUTC());
        }
    }

    @Test
    void an_unchanged_resume_replays_every_recorded_batch_and_goes_on() {
        var file = TestCampaigns.write(dir, "", "budget: 12");
        run(file, 12);
        var outcome = run(file, 20);
        assertThat(outcome.state()).isIn(Outcome.State.BUDGET_SPENT, Outcome.State.CONVERGED);
        assertThat(outcome.last().reused()).isGreaterThanOrEqualTo(12);
    }

    @Test
    void a_resume_whose_proposals_differ_stops_with_the_sample_where_the_replay_diverged() throws SQLException {
        var file = TestCampaigns.write(dir, "", "budget: 12");
        run(file, 12);
        var journalFile = dir.resolve("campaign.autotune").resolve(Journal.FILE_NAME);
        var before = samples(journalFile);
        // a journaled score changed behind the campaign's back: sample optimizer/2 becomes the best by far,
        // so coordinate descent moves there and every later proposal differs from the first run's
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + journalFile);
             var st = db.createStatement()) {
            st.executeUpdate("UPDATE samples SET score = -1000 WHERE origin = 'optimizer' AND ordinal = 2");
        }

        assertThatThrownBy(() -> run(file, 20))
            .isInstanceOf(InputError.class)
            .hasMessageContaining("replay diverged at sample optimizer/")
            .hasMessageContaining("where the first run proposed")
            .hasMessageContaining("a journaled score was changed")
            .hasMessageContaining("--force-new");
        // nothing journaled is lost, and no sample of the other campaign was mixed in
        var after = samples(journalFile);
        assertThat(after.size()).isEqualTo(before.size());
        assertThat(after.stream().map(SampleRecord::key)).containsExactlyElementsOf(
            before.stream().map(SampleRecord::key).toList());
    }

    private static List<SampleRecord> samples(Path journalFile) {
        try (var journal = Journal.read(journalFile)) {
            return journal.samples();
        }
    }
}
