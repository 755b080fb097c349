package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.autotune.cli.CliAccess;
import org.autotune.journal.SampleStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running campaign's folder and journal: never moved from under it, and missed at once when deleted. */
class RunningFolderTest {
    @TempDir
    Path dir;

    @Tag("slow")
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

    @Tag("slow")
    @Test
    void a_second_process_is_refused_even_after_the_lock_file_was_deleted() throws Exception {
        var file = TestCampaigns.write(dir, "    SIM_SLEEP: '1'", "budget: 30");   // runs for 15 s or more
        var campaignDir = dir.resolve("campaign.autotune");
        var running = CliAccess.start(dir.resolve("log-run"), "run", file.toString());
        TestCampaigns.waitFor(campaignDir, SampleStatus.FINISHED, 1);
        Files.delete(campaignDir.resolve("lock"));
        for (var command : new String[] {"resume", "run"}) {
            var second = CliAccess.run(dir.resolve("log-second-" + command), command, file.toString());
            assertThat(second.exitCode()).as(second.stderr()).isEqualTo(2);
            assertThat(second.stderr().strip()).doesNotContain("\n")
                .contains("campaign folder " + campaignDir + " is in use by another autotune process (pid "
                    + running.pid() + ")");
        }
        assertThat(running.isAlive()).as("the first process ran all along").isTrue();
        assertThat(running.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(running.exitValue()).isZero();
        assertThat(TestCampaigns.invocations(dir).values()).as("simulator runs per sample folder")
            .isNotEmpty().containsOnly(1L);
        // once it has ended, the campaign is free again
        var again = CliAccess.run(dir.resolve("log-again"), "resume", file.toString(), "--budget", "31");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
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
