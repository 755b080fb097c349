package org.autotune.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How Autotune reads what sbatch, squeue and sacct print. The replies are written here as the
 * commands print them with the options Autotune passes, so these tests need no cluster.
 */
class SlurmRepliesTest {
    @TempDir
    Path dir;

    @Test
    void sbatch_parsable_reply_gives_the_job_id_with_or_without_the_cluster_name() {
        assertThat(Slurm.jobId("81734\n")).isEqualTo("81734");
        assertThat(Slurm.jobId("81734;cluster-a\n")).isEqualTo("81734");
    }

    @Test
    void an_sbatch_reply_without_a_job_id_is_an_error_quoting_it() {
        assertThatThrownBy(() -> Slurm.jobId("sbatch: error: Batch job submission failed: Invalid account\n"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("sbatch printed 'sbatch: error: Batch job submission failed: Invalid account' "
                + "instead of a job id");
        assertThatThrownBy(() -> Slurm.jobId("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void squeue_reply_gives_the_state_of_each_array_task() {
        var states = Slurm.squeueStates("81734_0|RUNNING\n81734_1|PENDING\n  81734_2|COMPLETING  \n");
        assertThat(states).containsOnlyKeys("81734_0", "81734_1", "81734_2");
        assertThat(states.get("81734_0")).isEqualTo(new Slurm.State("RUNNING", ""));
        assertThat(states.get("81734_2").name()).isEqualTo("COMPLETING");
        assertThat(states.values()).noneMatch(Slurm.State::finished);
    }

    @Test
    void an_empty_or_unexpected_squeue_reply_knows_no_task() {
        // squeue answers nothing when every id has aged out of the controller
        assertThat(Slurm.squeueStates("")).isEmpty();
        assertThat(Slurm.squeueStates("slurm_load_jobs error: Invalid job id specified\n")).isEmpty();
    }

    @Test
    void sacct_reply_gives_state_and_exit_code_and_drops_who_cancelled() {
        var states = Slurm.sacctStates("""
            81734_0|COMPLETED|0:0
            81734_1|FAILED|2:0
            81734_2|CANCELLED by 1000|0:15
            81734_3|TIMEOUT|0:0
            81734_4|OUT_OF_MEMORY|0:125
            81734_5|RUNNING|0:0
            """);
        assertThat(states.get("81734_1")).isEqualTo(new Slurm.State("FAILED", "2:0"));
        assertThat(states.get("81734_2")).isEqualTo(new Slurm.State("CANCELLED", "0:15"));
        assertThat(states.get("81734_4").name()).isEqualTo("OUT_OF_MEMORY");
        assertThat(states).allSatisfy((id, state) ->
            assertThat(state.finished()).as(id).isEqualTo(!state.name().equals("RUNNING")));
    }

    @Test
    void sacct_lines_of_another_shape_are_ignored() {
        assertThat(Slurm.sacctStates("81734_0|COMPLETED\n\nJobID|State|ExitCode|Extra\n")).isEmpty();
    }

    @Test
    void a_task_that_died_without_its_marker_is_explained_by_its_slurm_state() {
        var job = new Job(1, dir, List.of("true"), Map.of(), Duration.ofSeconds(60), List.of());
        var handle = new JobHandle(job, new CompletableFuture<>(), new CompletableFuture<>());
        var task = new SlurmTask(job, handle, System.nanoTime());
        assertThat(SlurmPoller.fromState(task, new Slurm.State("TIMEOUT", "0:0")))
            .satisfies(o -> assertThat(o.status()).isEqualTo(JobOutcome.Status.TIMED_OUT))
            .satisfies(o -> assertThat(o.message()).contains("raise executor.time"));
        assertThat(SlurmPoller.fromState(task, new Slurm.State("OUT_OF_MEMORY", "0:125")).message())
            .contains("raise executor.memory");
        assertThat(SlurmPoller.fromState(task, new Slurm.State("CANCELLED", "0:15")).message())
            .isEqualTo("cancelled outside autotune (SLURM state CANCELLED, exit code 0:15)");
        assertThat(SlurmPoller.fromState(task, new Slurm.State("NODE_FAIL", "")))
            .satisfies(o -> assertThat(o.infrastructureFailure()).isTrue())
            .satisfies(o -> assertThat(o.message()).isEqualTo("the compute node failed (SLURM state NODE_FAIL); if it "
                + "keeps happening, ask the cluster's admins or set executor.partition"));
    }
}
