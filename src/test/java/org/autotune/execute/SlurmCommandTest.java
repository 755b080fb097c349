package org.autotune.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How Autotune runs a SLURM command (sbatch, squeue, sacct, scancel): with a real time limit and
 * without blocking on its output. Real scripts stand in for the commands, so no cluster is needed.
 */
class SlurmCommandTest {
    @TempDir
    Path dir;

    @Test
    void a_command_that_hangs_is_stopped_at_its_time_limit_and_counts_as_no_answer() throws Exception {
        String marker = "4242.424" + ProcessHandle.current().pid();   // sleep's argument names its process
        var hung = script("hung-squeue", "echo partial\nsleep " + marker + " &\nwait\n");
        var reply = CompletableFuture.supplyAsync(() -> Slurm.run(List.of(hung.toString()), Duration.ofSeconds(1)))
            .get(30, TimeUnit.SECONDS);
        assertThat(reply.exit()).isEqualTo(-1);
        assertThat(reply.err()).isEqualTo(hung + " did not answer within 1s (stopped it)");
        assertThat(Slurm.unreachable(reply)).as("retried like an unreachable controller").isTrue();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker)))
            .as("the hung command's children").isEmpty();
    }

    @Test
    void a_command_that_prints_much_on_both_streams_is_read_whole() throws Exception {
        // 300 kB on stderr first: more than a pipe holds, so reading stdout first would wait forever
        var chatty = script("chatty", "head -c 300000 /dev/zero | tr '\\0' e >&2\n"
            + "head -c 300000 /dev/zero | tr '\\0' o\nexit 1\n");
        var reply = CompletableFuture.supplyAsync(() -> Slurm.run(List.of(chatty.toString()), Duration.ofSeconds(20)))
            .get(30, TimeUnit.SECONDS);
        assertThat(reply.exit()).isEqualTo(1);
        assertThat(reply.out()).hasSize(300_000);
        assertThat(reply.err()).hasSize(300_000);
    }

    private Path script(String name, String body) throws Exception {
        var file = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body);
        assertThat(file.toFile().setExecutable(true)).isTrue();
        return file;
    }
}
