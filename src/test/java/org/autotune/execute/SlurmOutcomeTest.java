package org.autotune.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a SLURM job's end is read, without a cluster: the array-task wrapper script runs for real
 * under bash (as a compute node would run it, with SLURM_ARRAY_TASK_ID set), and the states SLURM
 * reports for jobs that died without a marker are classified as the sample's or the machines'.
 */
class SlurmOutcomeTest {
    @TempDir
    Path dir;

    @Test
    void a_program_missing_on_the_node_stops_without_retry_and_an_exit_code_is_the_samples()
        throws Exception {
        var missing = runWrapper("missing", dir.resolve("no-such-sim").toString());
        assertThat(missing.infrastructureFailure()).isTrue();
        assertThat(missing.retryable()).as("another try would meet the same missing program").isFalse();
        assertThat(missing.message())
            .startsWith("cannot start '" + dir.resolve("no-such-sim") + "' on the compute node (exit code 127: "
                + "autotune: cannot start '" + dir.resolve("no-such-sim") + "' on ")
            .contains(": no such program); check simulator.command");

        var plain = Files.writeString(dir.resolve("plain.sh"), "#!/bin/sh\necho hi\n");
        var denied = runWrapper("denied", plain.toString());
        assertThat(denied.retryable()).isFalse();
        assertThat(denied.message()).contains(": it is not an executable file); check simulator.command");

        var script = Files.writeString(dir.resolve("bad-interpreter.sh"), "#!/no/such/interpreter\necho hi\n");
        script.toFile().setExecutable(true);
        var interpreter = runWrapper("interpreter", script.toString());
        assertThat(interpreter.retryable()).isFalse();
        assertThat(interpreter.message()).startsWith("cannot start '" + script + "' on the compute node (exit code 127: ")
            .contains("No such file or directory").contains("the interpreter on a script's first line");

        var crash = runWrapper("crash", "sh", "-c", "echo boom >&2; exit 3");
        assertThat(crash.infrastructureFailure()).isFalse();
        assertThat(crash.status()).isEqualTo(JobOutcome.Status.FAILED);
        assertThat(crash.exitCode()).isEqualTo(3);
        assertThat(crash.stderrTail()).contains("boom");

        assertThat(runWrapper("ok", "true").succeeded()).isTrue();
    }

    @Test
    void node_failures_preemption_and_foreign_cancellation_are_retried_but_the_users_limits_fail_the_sample() {
        var task = task(job("died", "true"));
        for (var state : List.of("NODE_FAIL", "BOOT_FAIL", "PREEMPTED", "CANCELLED", "FAILED")) {
            var outcome = SlurmPoller.fromState(task, new Slurm.State(state, "0:9"));
            assertThat(outcome.infrastructureFailure()).as(state).isTrue();
            assertThat(outcome.message()).as(state).contains(state);
        }
        var timeout = SlurmPoller.fromState(task, new Slurm.State("TIMEOUT", ""));
        assertThat(timeout.status()).isEqualTo(JobOutcome.Status.TIMED_OUT);
        assertThat(timeout.infrastructureFailure()).isFalse();
        var memory = SlurmPoller.fromState(task, new Slurm.State("OUT_OF_MEMORY", "0:125"));
        assertThat(memory.infrastructureFailure()).isFalse();
        assertThat(memory.message()).contains("raise executor.memory");
    }

    @Tag("slow")
    @Test
    void a_queue_that_does_not_answer_is_an_error_not_an_empty_queue_whose_jobs_would_count_as_lost() {
        assumeThat(SlurmCluster.up()).as("without a cluster, squeue cannot answer").isFalse();
        assertThatThrownBy(() -> Slurm.squeue(List.of("123"))).isInstanceOf(IllegalStateException.class)
            // "cannot run squeue" without SLURM's programs; the controller's own words when it is not running
            .hasMessageStartingWith("squeue failed: ");
    }

    /** Runs the array-task wrapper for one job as SLURM would start it, and reads the outcome it left. */
    private JobOutcome runWrapper(String name, String... command) throws Exception {
        var job = job(name, command);
        var wrapper = SlurmWrapper.write(dir.resolve("slurm"));
        SlurmWrapper.prepare(job);
        var tasks = Files.writeString(dir.resolve(name + ".tasks"), job.folder().toAbsolutePath() + "\n");
        var builder = new ProcessBuilder("bash", wrapper.toString(), tasks.toString()).redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("SLURM_ARRAY_TASK_ID", "0");
        var process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        var outcome = SlurmPoller.fromMarker(task(job));
        assertThat(outcome).as("exit-status marker in " + job.folder()).isNotNull();
        return outcome;
    }

    private Job job(String name, String... command) {
        return new Job(1, dir.resolve(name), List.of(command), Map.of(), Duration.ofSeconds(30), List.of());
    }

    private static SlurmTask task(Job job) {
        var handle = new JobHandle(job, new CompletableFuture<>(), new CompletableFuture<>());
        return new SlurmTask(job, handle, System.nanoTime());
    }
}
