package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.autotune.cli.CliAccess;
import org.autotune.journal.SampleStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running campaign's folder and journal: never moved from under it, and missed at once when deleted. */
class RunningFolderTest {
    @TempDir
    Path dir;

    @Test
    void force_new_refuses_a_folder_in_use_and_moves_nothing() throws Exception {
        var file = TestCampaigns.write(dir, "    SIM_SLEEP: '0.3'", "budget: 40");
        var campaignDir = dir.resolve("campaign.autotune");
        var running = CliAccess.start(dir.resolve("log-run"), "run", file.toString());
        try {
            TestCampaigns.waitFor(campaignDir, SampleStatus.FINISHED, 2);
            var forced = CliAccess.run(dir.resolve("log-force"), "run", file.toString(), "--force-new");
            assertThat(forced.exitCode()).as(forced.stderr()).isEqualTo(2);
            assertThat(forced.stderr()).contains("is in use by another autotune process");
            // the running campaign keeps its folder: nothing was moved aside
            try (var folders = Files.list(dir)) {
                assertThat(folders.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("campaign.autotune-"));
            }
        } finally {
            running.destroy();
            running.waitFor();
        }
        // once it has stopped, --force-new moves the old folder aside and starts anew
        var forced = CliAccess.run(dir.resolve("log-force-2"), "run", file.toString(), "--force-new",
            "--budget", "2");
        assertThat(forced.exitCode()).as(forced.stderr()).isZero();
        try (var folders = Files.list(dir)) {
            assertThat(folders.map(p -> p.getFileName().toString()))
                .anyMatch(name -> name.startsWith("campaign.autotune-"));
        }
    }

    @Test
    void a_journal_deleted_while_the_campaign_runs_stops_it_with_one_line() throws Exception {
        var file = TestCampaigns.write(dir, "    SIM_SLEEP: '0.2'", "budget: 40");
        var campaignDir = dir.resolve("campaign.autotune");
        var running = CliAccess.start(dir.resolve("log-run"), "run", file.toString());
        TestCampaigns.waitFor(campaignDir, SampleStatus.FINISHED, 2);
        for (var name : new String[] {"journal.sqlite", "journal.sqlite-wal", "journal.sqlite-shm"}) {
            Files.deleteIfExists(campaignDir.resolve(name));
        }
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
        var err = Files.readString(dir.resolve("log-run").resolve("stderr.txt"));
        assertThat(running.exitValue()).as(err).isEqualTo(2);
        assertThat(err).contains("the journal was deleted or replaced while this campaign ran")
            .doesNotContain("Exception");
    }
}
