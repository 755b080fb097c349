package org.autotune.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.autotune.YamlFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLURM executor against a real cluster, with and without accounting (sacct), including a job
 * that died without its completion marker and has aged out of squeue/scontrol (the test cluster
 * keeps finished jobs for MinJobAge = 10 s; real clusters default to 300 s).
 */
@Tag("slow")
class SlurmExecutorTest {
    @TempDir
    Path dir;

    @BeforeEach
    void cluster() {
        SlurmCluster.require();
    }

    private SlurmExecutor executor(String sacct) {
        var options = SlurmOptions.from(YamlFile.parse(dir.resolve("c.yaml"),
            "{type: slurm, poll: 1s, marker-wait: 3s, sacct: " + sacct + "}"));
        return new SlurmExecutor(options, 4, dir.resolve("slurm-" + sacct), "executor-test");
    }

    private Job job(String name, String script) {
        return new Job(1, dir.resolve(name), List.of("sh", "-c", script), Map.of(), Duration.ofSeconds(60), List.of());
    }

    @Test
    void arguments_and_environment_reach_the_job_unchanged() throws Exception {
        var tricky = List.of("sh", "-c", "printf '%s|' \"$@\" \"$G4_OPT\" > out.txt", "sh", "a b", "$(touch pwned)",
            "'q'");
        try (var ex = executor("auto")) {
            var job = new Job(1, dir.resolve("args"), tricky, Map.of("G4_OPT", "x; y $HOME"), Duration.ofSeconds(60),
                List.of("out.txt"));
            var outcome = ex.submit(job).outcome().get(120, TimeUnit.SECONDS);
            assertThat(outcome.status()).as(outcome.message()).isEqualTo(JobOutcome.Status.SUCCEEDED);
        }
        assertThat(Files.readString(dir.resolve("args/out.txt"))).isEqualTo("a b|$(touch pwned)|'q'|x; y $HOME|");
        assertThat(dir.resolve("args/pwned")).doesNotExist();
    }

    @Test
    void a_job_that_died_without_its_marker_and_aged_out_is_resolved_with_and_without_accounting() throws Exception {
        // the command kills the wrapper script (its parent is coreutils' timeout, whose parent is the
        // wrapper): SLURM records the task FAILED, and no exit-status marker is written
        var job = job("lost", "kill -9 $(awk '{print $4}' /proc/$PPID/stat)");
        String id;
        try (var first = executor("auto")) {
            var handle = first.submit(job);
            id = handle.started().get(60, TimeUnit.SECONDS);
            var outcome = handle.outcome().get(120, TimeUnit.SECONDS);
            assertThat(outcome.status()).isEqualTo(JobOutcome.Status.FAILED);
            assertThat(outcome.infrastructureFailure()).as("a lost job is no outcome of the sample").isTrue();
        }
        String slurmId = id.substring("slurm:".length());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (!SlurmCluster.forgotten(slurmId) && System.nanoTime() < deadline) {
            Thread.sleep(2000);
        }
        assumeThat(SlurmCluster.forgotten(slurmId)).as("the cluster still knows job " + slurmId
            + " after 150 s: start it with SLURM_LOCAL_MIN_JOB_AGE=10 (as scripts/test does)").isTrue();

        boolean accounting = Slurm.hasAccounting();
        if (accounting) {   // a coordinator restarting now learns the state from accounting
            try (var ex = executor("auto")) {
                var outcome = ex.attach(job, id).orElseThrow().outcome().get(60, TimeUnit.SECONDS);
                assertThat(outcome.status()).isEqualTo(JobOutcome.Status.FAILED);
                assertThat(outcome.message()).startsWith("SLURM state FAILED");
                assertThat(outcome.infrastructureFailure()).isTrue();
            }
        }
        try (var ex = executor("never")) {   // without accounting: the missing marker decides, after marker-wait
            var outcome = ex.attach(job, id).orElseThrow().outcome().get(60, TimeUnit.SECONDS);
            assertThat(outcome.status()).isEqualTo(JobOutcome.Status.FAILED);
            assertThat(outcome.message()).startsWith("job " + slurmId + " left the queue but its sample folder has no "
                + "exit-status marker after 3 s");
            assertThat(outcome.infrastructureFailure()).isTrue();
        }
    }

    @Test
    void without_accounting_squeue_and_markers_suffice_for_success_failure_and_cancellation() throws Exception {
        try (var ex = executor("never")) {
            var ok = ex.submit(job("ok", "echo fine"));
            var bad = ex.submit(job("bad", "echo broken >&2; exit 5"));
            var slow = ex.submit(job("slow", "sleep 60"));
            String slowId = slow.started().get(60, TimeUnit.SECONDS).substring("slurm:".length());
            assertThat(ok.outcome().get(120, TimeUnit.SECONDS).status()).isEqualTo(JobOutcome.Status.SUCCEEDED);
            var failed = bad.outcome().get(120, TimeUnit.SECONDS);
            assertThat(failed.exitCode()).isEqualTo(5);
            assertThat(failed.stderrTail()).isEqualTo("broken");
            assertThat(failed.infrastructureFailure()).isFalse();
            assertThat(SlurmCluster.scancel(slowId)).isTrue();
            var cancelled = slow.outcome().get(120, TimeUnit.SECONDS);
            assertThat(cancelled.status()).isEqualTo(JobOutcome.Status.FAILED);
            assertThat(cancelled.message()).startsWith("cancelled outside autotune (SLURM state CANCELLED");
            assertThat(cancelled.infrastructureFailure()).isTrue();
        }
    }

    @Test
    void a_sigterm_exit_status_waits_for_slurm_to_say_who_sent_it() throws Exception {
        // the race once seen on CI, made deterministic: the sample folder holds exit status 143 (as the
        // wrapper writes it when scancel's SIGTERM arrives first) while squeue still reports the job
        // running; the state SLURM reports afterwards decides, not the marker
        try (var ex = executor("never")) {
            var handle = ex.submit(job("term", "echo 143 > exit-status; sleep 60"));
            String id = handle.started().get(60, TimeUnit.SECONDS).substring("slurm:".length());
            var marker = dir.resolve("term/exit-status");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(marker) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(marker).exists();
            Thread.sleep(4000);   // at poll: 1s, several looks at the marker and the running job
            assertThat(handle.outcome()).as("exit 143 alone decides nothing").isNotDone();
            assertThat(SlurmCluster.scancel(id)).isTrue();
            var cancelled = handle.outcome().get(120, TimeUnit.SECONDS);
            assertThat(cancelled.message()).startsWith("cancelled outside autotune (SLURM state CANCELLED");
            assertThat(cancelled.infrastructureFailure()).isTrue();
        }
    }

    @Test
    void a_sigterm_slurm_does_not_explain_is_retried_not_counted_against_the_sample() throws Exception {
        try (var ex = executor("never")) {
            var outcome = ex.submit(job("self", "kill -TERM $$")).outcome().get(120, TimeUnit.SECONDS);
            assertThat(outcome.message()).startsWith("terminated by SIGTERM outside autotune (exit code 143, "
                + "SLURM state FAILED");
            assertThat(outcome.infrastructureFailure()).isTrue();
            assertThat(outcome.retryable()).isTrue();
        }
    }

    @Test
    void a_job_stopped_at_the_slurm_time_limit_is_a_timeout() throws Exception {
        // executor.time 1 minute, sample timeout 10 minutes: SLURM, not the wrapper, stops the job
        // (it enforces limits about every 30 s, so this takes 60 to 100 s)
        var options = SlurmOptions.from(YamlFile.parse(dir.resolve("c.yaml"), "{type: slurm, poll: 2s, time: 1m}"));
        try (var ex = new SlurmExecutor(options, 1, dir.resolve("slurm-time"), "executor-test")) {
            var job = new Job(1, dir.resolve("long"), List.of("sleep", "600"), Map.of(), Duration.ofMinutes(10),
                List.of());
            var outcome = ex.submit(job).outcome().get(240, TimeUnit.SECONDS);
            assertThat(outcome.status()).isEqualTo(JobOutcome.Status.TIMED_OUT);
            assertThat(outcome.message()).isEqualTo("SLURM stopped the job at its time limit (state TIMEOUT); "
                + "raise executor.time");
        }
    }

    @Test
    void attach_refuses_ids_of_other_executors() {
        try (var ex = executor("never")) {
            assertThat(ex.attach(job("x", "true"), "local:1234")).isEqualTo(Optional.empty());
        }
    }
}
