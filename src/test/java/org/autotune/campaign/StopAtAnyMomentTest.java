package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.autotune.cli.CliAccess;
import org.autotune.execute.Leftovers;
import org.autotune.journal.SampleStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM (as from kill, or a cluster ending the coordinator's job) at any moment of a running
 * campaign, as a real child process: it exits 143 without an internal error, leaves no simulator
 * running and no sample RUNNING or PENDING in the journal, and a resume finishes the campaign
 * without running a finished sample again.
 */
class StopAtAnyMomentTest {
    @TempDir
    Path dir;

    @Test
    void sigterm_as_the_first_sample_starts_stops_cleanly_and_resume_finishes() throws Exception {
        stopAndResume(0);
    }

    /** The same, again and again (the moment of the signal differs each time), and mid-wave. */
    @Tag("slow")
    @ParameterizedTest
    @ValueSource(ints = {0, 0, 0, 3, 5})
    void sigterm_at_any_moment_stops_cleanly_and_resume_finishes(int finished) throws Exception {
        stopAndResume(finished);
    }

    /** Sends SIGTERM once {@code finished} samples finished (0: as soon as the first sample folder appears). */
    private void stopAndResume(int finished) throws Exception {
        var file = TestCampaigns.write(dir, "    SIM_SLEEP: '0.3'", "budget: 10");
        Path folder = dir.resolve("campaign.autotune");
        var process = CliAccess.start(dir.resolve("log-run"), "run", file.toString());
        if (finished == 0) {
            while (!hasSampleFolder(folder) && process.isAlive()) {
                Thread.sleep(2);
            }
        } else {
            TestCampaigns.waitFor(folder, SampleStatus.FINISHED, finished);
        }
        process.destroy();   // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        var err = Files.readString(dir.resolve("log-run").resolve("stderr.txt"));
        assertThat(process.exitValue()).as(err).isEqualTo(143);
        assertThat(err).doesNotContain("executor is closed").doesNotContain("Exception").doesNotContain("\tat ");
        var left = Leftovers.in(folder);
        assertThat(left).as(Leftovers.describe(left)).isEmpty();
        Set<String> done;
        try (var view = CampaignView.open(folder, Optional.empty())) {
            assertThat(view.samples()).noneMatch(s -> s.status() == SampleStatus.RUNNING
                || s.status() == SampleStatus.PENDING);
            done = view.samples().stream().filter(s -> s.status() == SampleStatus.FINISHED)
                .map(s -> Path.of(s.folder()).toAbsolutePath().normalize().toString()).collect(Collectors.toSet());
        }

        var resumed = CliAccess.run(dir.resolve("log-resume"), "resume", file.toString());
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        Map<String, Long> runs = TestCampaigns.invocations(dir);
        for (var d : done) {
            assertThat(runs.get(d)).as("simulator runs in " + d + ", finished before the stop").isEqualTo(1L);
        }
        assertThat(runs.values()).as("an interrupted sample runs once more, no other twice").allMatch(n -> n <= 2);
        try (var view = CampaignView.open(folder, Optional.empty())) {
            assertThat(view.samples()).isNotEmpty().allMatch(s -> s.status() == SampleStatus.FINISHED);
        }
    }

    private static boolean hasSampleFolder(Path folder) throws Exception {
        var samples = folder.resolve("samples");
        if (!Files.isDirectory(samples)) {
            return false;
        }
        try (var list = Files.list(samples)) {
            return list.findAny().isPresent();
        }
    }
}
