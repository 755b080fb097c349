package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.autotune.cli.CliAccess;
import org.autotune.execute.SlurmCluster;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Campaigns on a real single-node SLURM cluster (slurmctld + slurmd started by scripts/slurm-start). */
@Tag("slow")
class SlurmCampaignTest {
    @TempDir
    Path dir;

    @BeforeEach
    void cluster() {
        SlurmCluster.require();
    }

    /** The test campaign with the given executor section. */
    private Path campaign(Path folder, String env, String executor, String extra) throws IOException {
        Files.createDirectories(folder);
        var file = TestCampaigns.write(folder, env, extra);
        var text = Files.readString(file);
        assertThat(text).contains("executor: {type: local, slots: 2}");
        Files.writeString(file, text.replace("executor: {type: local, slots: 2}", "executor: " + executor));
        return file;
    }

    private static Outcome run(Path file) {
        try (var c = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            return c.run(Progress.NONE, Clock.systemUTC());
        }
    }

    @Test
    void a_campaign_through_job_arrays_gives_the_same_samples_as_the_local_executor() throws IOException {
        String extra = "budget: 60\noptimizer: {type: coordinate-descent, refinements: 10}";
        var local = campaign(dir.resolve("local"), "", "{type: local, slots: 4}", extra);
        var slurm = campaign(dir.resolve("slurm"), "", "{type: slurm, slots: 4, poll: 2s}", extra);
        var a = run(local);
        var b = run(slurm);
        assertThat(b.state()).isEqualTo(a.state());
        try (var va = CampaignView.open(local, Optional.empty()); var vb = CampaignView.open(slurm, Optional.empty())) {
            assertThat(vb.samples()).hasSizeGreaterThanOrEqualTo(50).hasSameSizeAs(va.samples());
            for (int i = 0; i < va.samples().size(); i++) {
                var x = va.samples().get(i);
                var y = vb.samples().get(i);
                assertThat(y.point()).isEqualTo(x.point());
                assertThat(y.score()).isEqualTo(x.score());
                assertThat(y.jobId()).startsWith("slurm:");
            }
            assertThat(vb.best().orElseThrow().id()).isEqualTo(va.best().orElseThrow().id());
        }
    }

    @Test
    void crashes_timeouts_and_missing_outputs_on_the_cluster_are_retried_then_recorded() throws IOException {
        var file = campaign(dir, "    SIM_FAILURES: '1'", "{type: slurm, slots: 4, poll: 2s}", "budget: 16\nretries: 1");
        var text = Files.readString(file).replace("timeout: 20s", "timeout: 2s")
            .replace("start: 1.0, step: 0.2", "start: 1.0, step: 0.75").replace("start: 0.1, step: 1.5", "start: 0.1, step: 8");
        Files.writeString(file, text);
        var outcome = run(file);
        assertThat(outcome.state()).isIn(Outcome.State.CONVERGED, Outcome.State.BUDGET_SPENT);
        try (var view = CampaignView.open(file, Optional.empty())) {
            var failed = view.samples().stream().filter(s -> s.status() == SampleStatus.FAILED).toList();
            assertThat(failed).allMatch(s -> s.attempts() == 2);
            assertThat(failed).anyMatch(s -> s.error().startsWith("exit code 3") && s.error().contains("boom"));
            assertThat(failed).anyMatch(s -> s.error().startsWith("timed out after 2s"));
            assertThat(failed).anyMatch(s -> s.error().startsWith("exited 0 but wrote no events.csv"));
        }
    }

    @Test
    void a_job_cancelled_from_outside_is_detected_and_retried() throws Exception {
        var once = dir.resolve("slept-once");
        var file = campaign(dir, "    SIM_SLEEP_ONCE: '" + once + "'", "{type: slurm, slots: 1, poll: 1s}",
            "budget: 1\nretries: 1");
        var outcome = new Outcome[1];
        var thread = new Thread(() -> outcome[0] = run(file));
        thread.start();
        String jobId = waitForRunningJob(file);
        while (!Files.exists(once)) {   // the simulator is in its long sleep
            Thread.sleep(100);
        }
        assertThat(SlurmCluster.scancel(jobId.substring("slurm:".length()))).isTrue();
        thread.join(120_000);
        assertThat(outcome[0].state()).isIn(Outcome.State.CONVERGED, Outcome.State.BUDGET_SPENT);
        try (var view = CampaignView.open(file, Optional.empty())) {
            var s = view.samples().get(0);
            assertThat(s.status()).isEqualTo(SampleStatus.FINISHED);
            // a job cancelled from outside says nothing about the sample: it is run again in a new job,
            // costs none of the sample's retries, and the journal says why
            assertThat(s.attempts()).isEqualTo(1);
            assertThat(s.jobId()).isNotEqualTo(jobId);
            assertThat(view.journal().transitions(s.id()))
                .anyMatch(t -> t.startsWith("PENDING retry after: infrastructure failure 1 of 5")
                    && t.contains("cancelled outside autotune (SLURM state CANCELLED"));
        }
    }

    @Test
    void a_simulator_missing_on_the_compute_node_stops_the_campaign_at_once_without_retries() throws IOException {
        var file = campaign(dir, "", "{type: slurm, slots: 2, poll: 1s}", "budget: 10");
        var missing = dir.resolve("no-such-sim");
        Files.writeString(file, Files.readString(file).replace("command: [sh, ", "command: [" + missing + ", "));
        var outcome = run(file);
        assertThat(outcome.state().spelling()).isEqualTo("infrastructure-failed");
        assertThat(outcome.message()).contains("could not start: cannot start '" + missing + "' on the compute node "
            + "(exit code 127: autotune: cannot start '" + missing + "' on ").contains(": no such program); check "
            + "simulator.command").doesNotContain("stderr.txt").doesNotContain("\n");
        try (var view = CampaignView.open(file, Optional.empty())) {
            assertThat(view.samples()).isNotEmpty().noneMatch(s -> s.status() == SampleStatus.FAILED)
                .anyMatch(s -> s.status() == SampleStatus.INTERRUPTED);
            assertThat(view.samples()).allMatch(s -> view.journal().transitions(s.id()).stream()
                .noneMatch(t -> t.contains("infrastructure failure")));
        }
    }

    @Test
    void resume_after_kill_reattaches_to_running_jobs_instead_of_resubmitting() throws Exception {
        var file = campaign(dir, "    SIM_SLEEP: '4'", "{type: slurm, slots: 4, poll: 1s}", "budget: 12");
        var process = CliAccess.start(dir.resolve("log-run"), "run", file.toString());
        var running = waitForRunning(file, 2);
        process.destroyForcibly().waitFor();   // SIGKILL: the jobs keep running on the cluster
        var resumed = CliAccess.run(dir.resolve("log-resume"), "resume", file.toString());
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        var counts = TestCampaigns.invocations(dir);
        try (var view = CampaignView.open(file, Optional.empty())) {
            for (var before : running.values()) {
                var after = view.journal().sample(before.id()).orElseThrow();
                assertThat(after.status()).isEqualTo(SampleStatus.FINISHED);
                assertThat(after.jobId()).as("sample %d keeps its job", before.id()).isEqualTo(before.jobId());
                assertThat(counts.get(Path.of(after.folder()).toAbsolutePath().normalize().toString())).isEqualTo(1L);
                assertThat(view.journal().transitions(before.id())).filteredOn(t -> t.startsWith("RUNNING"))
                    .allMatch(t -> t.contains(before.jobId()));
            }
        }
    }

    @Test
    void two_campaigns_in_separate_processes_keep_their_own_samples() throws Exception {
        var a = campaign(dir.resolve("a"), "", "{type: slurm, slots: 3, poll: 1s}", "budget: 9");
        var b = campaign(dir.resolve("b"), "", "{type: slurm, slots: 3, poll: 1s}", "budget: 9");
        Files.writeString(b, Files.readString(b).replace("seed: 11", "seed: 12"));
        var pa = CliAccess.start(dir.resolve("log-a"), "run", a.toString());
        var pb = CliAccess.start(dir.resolve("log-b"), "run", b.toString());
        assertThat(pa.waitFor()).isZero();
        assertThat(pb.waitFor()).isZero();
        for (var file : new Path[] {a, b}) {
            var own = file.getParent();
            var invocations = TestCampaigns.invocations(own);
            try (var view = CampaignView.open(file, Optional.empty())) {
                assertThat(view.samples()).hasSize(9).allMatch(s -> Path.of(s.folder()).startsWith(own));
                assertThat(invocations.keySet()).allMatch(f -> Path.of(f).startsWith(own)).hasSize(9);
            }
        }
    }

    @Test
    void two_campaigns_in_one_process_share_the_cluster_and_keep_their_own_samples() throws Exception {
        var a = campaign(dir.resolve("a"), "", "{type: slurm, slots: 6, poll: 1s}", "budget: 9");
        var b = campaign(dir.resolve("b"), "", "{type: slurm, slots: 6, poll: 1s}", "budget: 9");
        Files.writeString(b, Files.readString(b).replace("seed: 11", "seed: 12"));
        var r = CliAccess.run(dir.resolve("log"), "run", a.toString(), b.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("== e2e").contains("3 slots");
        for (var file : new Path[] {a, b}) {
            var own = file.getParent();
            try (var view = CampaignView.open(file, Optional.empty())) {
                assertThat(view.samples()).hasSize(9).allMatch(s -> Path.of(s.folder()).startsWith(own))
                    .allMatch(s -> s.status() == SampleStatus.FINISHED && s.jobId().startsWith("slurm:"));
                assertThat(TestCampaigns.invocations(own).keySet()).allMatch(f -> Path.of(f).startsWith(own)).hasSize(9);
            }
        }
    }

    @Test
    void a_heavy_metric_runs_inside_the_job_on_the_cluster() throws IOException {
        var file = campaign(dir, "", "{type: slurm, slots: 4, poll: 1s}", "budget: 5");
        Files.writeString(dir.resolve("metric.sh"), "echo \"${SLURM_JOB_ID:-none}\" > ran-in\necho 1.5\n");
        var text = Files.readString(file).replaceAll("(?s)metric:.*?columns: \\[amplitude\\]",
            "metric: {type: command, command: [sh, \"{{campaign_dir}}/metric.sh\"], where: job}");
        Files.writeString(file, text);
        run(file);
        try (var view = CampaignView.open(file, Optional.empty())) {
            assertThat(view.samples()).isNotEmpty().allMatch(s -> s.status() == SampleStatus.FINISHED
                && s.score().getAsDouble() == 1.5);
            for (var s : view.samples()) {
                assertThat(Files.readString(Path.of(s.folder(), "ran-in")).strip()).matches("\\d+");
            }
        }
    }

    private static String waitForRunningJob(Path file) throws InterruptedException {
        return waitForRunning(file, 1).values().iterator().next().jobId();
    }

    /** Waits until n samples are RUNNING with a job id; returns them by id. */
    private static Map<Long, SampleRecord> waitForRunning(Path file, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (var view = CampaignView.open(file, Optional.empty())) {
                var running = new HashMap<Long, SampleRecord>();
                view.samples().stream().filter(s -> s.status() == SampleStatus.RUNNING && s.jobId().startsWith("slurm:"))
                    .forEach(s -> running.put(s.id(), s));
                if (running.size() >= n) {
                    return running;
                }
            } catch (RuntimeException notYet) {
                // no journal yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + n + " running SLURM jobs within 90 s");
    }
}
