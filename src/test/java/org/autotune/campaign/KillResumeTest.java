package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import org.autotune.execute.Leftovers;
import org.autotune.journal.SampleStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a running campaign, then resume: the same best point as an uninterrupted run, and no
 * sample that had finished before the kill runs again. The campaign runs as a real child process.
 */
@Tag("slow")
class KillResumeTest {
    @TempDir
    Path dir;

    @Test
    void resume_after_kill_gives_the_same_best_point_and_reruns_no_finished_sample() throws Exception {
        var file = TestCampaigns.write(dir, "    SIM_SLEEP: '0.15'", "budget: 60");
        Path whole = dir.resolve("whole");
        Path killed = dir.resolve("killed");

        var reference = org.autotune.cli.CliAccess.run(dir.resolve("log-whole"), "run", file.toString(),
            "--dir", whole.toString());
        assertThat(reference.exitCode()).as(reference.stderr()).isZero();

        var process = org.autotune.cli.CliAccess.start(dir.resolve("log-killed"), "run", file.toString(),
            "--dir", killed.toString());
        TestCampaigns.waitFor(killed, SampleStatus.FINISHED, 10);
        process.destroyForcibly().waitFor();   // SIGKILL: no shutdown hook runs
        Thread.sleep(500);                      // let orphaned simulator processes finish writing

        var finishedBeforeKill = finishedFolders(killed);
        assertThat(finishedBeforeKill).hasSizeGreaterThanOrEqualTo(10);
        var resumed = org.autotune.cli.CliAccess.run(dir.resolve("log-resume"), "resume", file.toString(),
            "--dir", killed.toString());
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();

        var counts = TestCampaigns.invocations(dir);
        for (String folder : finishedBeforeKill) {
            assertThat(counts.get(folder)).as("simulator runs in " + folder).isEqualTo(1L);
        }
        try (var a = CampaignView.open(whole, Optional.empty()); var b = CampaignView.open(killed, Optional.empty())) {
            var bestA = a.best().orElseThrow();
            var bestB = b.best().orElseThrow();
            assertThat(bestB.point()).isEqualTo(bestA.point());
            assertThat(bestB.score()).isEqualTo(bestA.score());
            assertThat(b.samples()).hasSameSizeAs(a.samples());
            assertThat(b.journal().path()).isEqualTo(a.journal().path());
        }
    }


    private static java.util.Set<String> finishedFolders(Path campaignDir) {
        try (var view = CampaignView.open(campaignDir, Optional.empty())) {
            return view.samples().stream().filter(s -> s.status() == SampleStatus.FINISHED)
                .map(s -> Path.of(s.folder()).toAbsolutePath().normalize().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void resume_after_kill_ends_the_simulators_the_killed_coordinator_left_before_it_runs_their_samples()
        throws Exception {
        // the first sample to start sleeps 30 s: it still runs, orphaned, when its coordinator is killed
        var file = TestCampaigns.write(dir, "    SIM_SLEEP_ONCE: '" + dir.resolve("once") + "'\n    SIM_SLEEP: '0.1'",
            "budget: 8");
        Path folder = dir.resolve("orphans");
        var process = org.autotune.cli.CliAccess.start(dir.resolve("log-run"), "run", file.toString(),
            "--dir", folder.toString());
        while (!Files.exists(dir.resolve("once"))) {
            Thread.sleep(20);
        }
        TestCampaigns.waitFor(folder, SampleStatus.RUNNING, 1);
        process.destroyForcibly().waitFor();   // SIGKILL: the coordinator cannot end its simulators
        assertThat(Leftovers.in(folder)).as("the orphaned simulator").isNotEmpty();

        var resumed = org.autotune.cli.CliAccess.run(dir.resolve("log-resume"), "resume", file.toString(),
            "--dir", folder.toString());
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        var left = Leftovers.in(folder);
        assertThat(left).as(Leftovers.describe(left)).isEmpty();
        var log = Files.readString(folder.resolve("autotune.log"));
        assertThat(log).contains("leftover_processes=").contains("action=rerun").doesNotContain("action=attach");
        try (var view = CampaignView.open(folder, Optional.empty())) {
            assertThat(view.samples()).allMatch(s -> s.status() == SampleStatus.FINISHED);
        }
        // the orphan's sample ran twice: killed, then again
        assertThat(TestCampaigns.invocations(dir).values()).contains(2L).allMatch(n -> n <= 2);
    }

    @Test
    void sigterm_stops_the_simulators_and_leaves_a_consistent_journal() throws Exception {
        var file = TestCampaigns.write(dir, "    SIM_SLEEP: '30'", "budget: 10");
        Path folder = dir.resolve("term");
        var process = org.autotune.cli.CliAccess.start(dir.resolve("log-term"), "run", file.toString(),
            "--dir", folder.toString());
        TestCampaigns.waitFor(folder, SampleStatus.RUNNING, 2);
        var children = process.descendants().toList();
        assertThat(children).isNotEmpty();
        process.destroy();   // SIGTERM, as from kill, or scancel on a cluster node
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(143);   // 128 + SIGTERM
        for (var child : children) {
            assertThat(child.isAlive()).as("simulator process " + child.pid() + " still running").isFalse();
        }
        try (var view = CampaignView.open(folder, Optional.empty())) {
            assertThat(view.samples()).isNotEmpty()
                .allMatch(s -> s.status() == SampleStatus.INTERRUPTED);
            assertThat(view.state()).isEqualTo("interrupted");
        }
        assertThat(Files.readString(dir.resolve("log-term").resolve("stdout.txt")))
            .contains("interrupted: stopped; 'autotune resume");
    }
}
