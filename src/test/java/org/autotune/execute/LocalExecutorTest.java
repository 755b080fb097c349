package org.autotune.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local executor with real processes in real folders. */
class LocalExecutorTest {
    @TempDir
    Path dir;

    private Job job(String name, Duration timeout, List<String> outputs, String... command) {
        return new Job(1, dir.resolve(name), List.of(command), Map.of(), timeout, outputs);
    }

    private static JobOutcome await(JobHandle h) throws Exception {
        return h.outcome().get(60, TimeUnit.SECONDS);
    }

    @Test
    void a_successful_job_writes_its_output_files_and_stdout_in_its_folder() throws Exception {
        try (var ex = new LocalExecutor(2)) {
            var h = ex.submit(job("ok", Duration.ofSeconds(10), List.of("out.csv"), "sh", "-c",
                "echo hello; echo x > out.csv"));
            var o = await(h);
            assertThat(o.status()).isEqualTo(JobOutcome.Status.SUCCEEDED);
            assertThat(h.started().get()).startsWith("local:");
            assertThat(Files.readString(dir.resolve("ok/stdout.txt"))).isEqualTo("hello\n");
        }
    }

    @Test
    void a_failing_job_reports_its_exit_code_and_the_tail_of_its_stderr() throws Exception {
        try (var ex = new LocalExecutor(1)) {
            var o = await(ex.submit(job("fail", Duration.ofSeconds(10), List.of(), "sh", "-c",
                "for i in $(seq 1 50); do echo line $i >&2; done; exit 7")));
            assertThat(o.status()).isEqualTo(JobOutcome.Status.FAILED);
            assertThat(o.exitCode()).isEqualTo(7);
            assertThat(o.message()).isEqualTo("exit code 7");
            assertThat(o.stderrTail().lines()).hasSize(20).startsWith("line 31").endsWith("line 50");
        }
    }

    @Test
    void a_job_killed_by_a_signal_says_which() throws Exception {
        try (var ex = new LocalExecutor(1)) {
            var o = await(ex.submit(job("segv", Duration.ofSeconds(10), List.of(), "sh", "-c", "kill -SEGV $$")));
            assertThat(o.message()).isEqualTo("exit code 139 (killed by signal 11 SIGSEGV)");
        }
    }

    @Test
    void a_job_past_its_timeout_is_killed_with_its_children() throws Exception {
        try (var ex = new LocalExecutor(1)) {
            var o = await(ex.submit(job("hang", Duration.ofMillis(500), List.of(), "sh", "-c",
                "sleep 60 & echo $! > child.pid; wait")));
            assertThat(o.status()).isEqualTo(JobOutcome.Status.TIMED_OUT);
            assertThat(o.message()).startsWith("timed out after 500ms; killed");
            long child = Long.parseLong(Files.readString(dir.resolve("hang/child.pid")).trim());
            assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void a_missing_declared_output_fails_the_job_and_names_the_file() throws Exception {
        try (var ex = new LocalExecutor(1)) {
            var o = await(ex.submit(job("silent", Duration.ofSeconds(10), List.of("events.csv", "log.txt"),
                "sh", "-c", "echo hi > log.txt")));
            assertThat(o.status()).isEqualTo(JobOutcome.Status.MISSING_OUTPUT);
            assertThat(o.message()).startsWith("exited 0 but wrote no events.csv in ").doesNotContain("log.txt");
        }
    }

    @Test
    void a_program_that_does_not_exist_fails_with_a_message_naming_it() throws Exception {
        try (var ex = new LocalExecutor(1)) {
            var h = ex.submit(job("none", Duration.ofSeconds(10), List.of(), "./no-such-simulator", "run.mac"));
            var o = await(h);
            assertThat(o.status()).isEqualTo(JobOutcome.Status.FAILED);
            assertThat(o.message()).startsWith("cannot start './no-such-simulator': No such file or directory")
                .contains("(looked for " + dir.resolve("none").resolve("no-such-simulator") + ")")
                .endsWith("check simulator.command (the program must be on PATH or given with a path)");
            assertThat(h.started().get()).isEmpty();
        }
    }

    @Test
    void a_program_is_located_as_starting_it_would_find_it() throws Exception {
        var onPath = LocalExecutor.locate("sh", dir);
        assertThat(onPath.found()).isPresent();
        assertThat(onPath.looked()).isEqualTo("PATH");
        var missing = LocalExecutor.locate("no-such-simulator-anywhere", dir);
        assertThat(missing.found()).isEmpty();
        assertThat(missing.problem()).startsWith("the program 'no-such-simulator-anywhere' was not found on PATH (");
        var relative = LocalExecutor.locate("./sim", dir.resolve("samples/000001"));
        assertThat(relative.problem()).isEqualTo("the program './sim' does not exist (looked for "
            + dir.resolve("samples/000001/sim") + ")");
        Path script = Files.writeString(dir.resolve("sim"), "#!/bin/sh\n");
        assertThat(LocalExecutor.locate(script.toString(), dir).problem())
            .isEqualTo("the program '" + script + "' is not an executable file");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        assertThat(LocalExecutor.locate(script.toString(), dir).found()).contains(script);
    }

    @Test
    void a_program_that_cannot_start_is_an_infrastructure_failure_and_what_the_simulation_does_is_the_samples()
        throws Exception {
        Path notExecutable = Files.writeString(dir.resolve("sim.txt"), "not a program");
        try (var ex = new LocalExecutor(2)) {
            var missing = await(ex.submit(job("none", Duration.ofSeconds(10), List.of(), "./no-such-simulator")));
            var denied = await(ex.submit(job("denied", Duration.ofSeconds(10), List.of(), notExecutable.toString())));
            var crash = await(ex.submit(job("crash", Duration.ofSeconds(10), List.of(), "sh", "-c", "exit 3")));
            var slow = await(ex.submit(job("slow", Duration.ofMillis(300), List.of(), "sleep", "10")));
            var silent = await(ex.submit(job("silent", Duration.ofSeconds(10), List.of("out.csv"), "true")));
            var ok = await(ex.submit(job("ok", Duration.ofSeconds(10), List.of(), "true")));
            assertThat(List.of(missing, denied)).allMatch(JobOutcome::infrastructureFailure)
                .allMatch(o -> o.cause() == JobOutcome.Cause.NO_PROGRAM && !o.succeeded() && !o.retryable());
            assertThat(denied.message()).startsWith("cannot start '" + notExecutable + "': Permission denied");
            assertThat(List.of(crash, slow, silent, ok)).noneMatch(JobOutcome::infrastructureFailure)
                .allMatch(o -> o.cause() == JobOutcome.Cause.SAMPLE);
            assertThat(List.of(crash.status(), slow.status(), silent.status(), ok.status())).containsExactly(
                JobOutcome.Status.FAILED, JobOutcome.Status.TIMED_OUT, JobOutcome.Status.MISSING_OUTPUT,
                JobOutcome.Status.SUCCEEDED);
        }
    }

    @Test
    void arguments_reach_the_program_unchanged_because_no_shell_is_involved() throws Exception {
        var tricky = List.of("a b", "'quoted'", "\"double\"", "$(touch pwned)", "x; rm -rf /", "*", "$HOME");
        var command = new ArrayList<>(List.of("sh", "-c", "for a in \"$@\"; do printf '%s\\n' \"$a\"; done", "sh"));
        command.addAll(tricky);
        try (var ex = new LocalExecutor(1)) {
            var o = await(ex.submit(job("args", Duration.ofSeconds(10), List.of(), command.toArray(String[]::new))));
            assertThat(o.succeeded()).isTrue();
        }
        assertThat(Files.readAllLines(dir.resolve("args/stdout.txt"))).containsExactlyElementsOf(tricky);
        assertThat(dir.resolve("args/pwned")).doesNotExist();
    }

    @Test
    void never_more_jobs_run_at_once_than_there_are_slots() throws Exception {
        Path marks = Files.createDirectories(dir.resolve("marks"));
        // each job records the number of jobs running when it starts (files present in marks/)
        String script = "touch " + marks + "/$1; ls " + marks + " | wc -l > count; sleep 0.3; rm " + marks + "/$1";
        try (var ex = new LocalExecutor(2)) {
            var handles = new ArrayList<JobHandle>();
            for (int i = 0; i < 6; i++) {
                handles.add(ex.submit(job("c" + i, Duration.ofSeconds(20), List.of(), "sh", "-c", script, "sh",
                    "j" + i)));
            }
            for (var h : handles) {
                assertThat(await(h).succeeded()).isTrue();
            }
        }
        int max = 0;
        for (int i = 0; i < 6; i++) {
            max = Math.max(max, Integer.parseInt(Files.readString(dir.resolve("c" + i + "/count")).trim()));
        }
        assertThat(max).isEqualTo(2);
    }

    @Test
    void close_stops_running_jobs_and_cancels_queued_ones() throws Exception {
        var ex = new LocalExecutor(1);
        var running = ex.submit(job("r", Duration.ofSeconds(60), List.of(), "sh", "-c", "echo $$ > pid; sleep 60"));
        var queued = ex.submit(job("q", Duration.ofSeconds(60), List.of(), "sh", "-c", "touch ran"));
        running.started().get(10, TimeUnit.SECONDS);
        while (!Files.exists(dir.resolve("r/pid"))) {
            Thread.sleep(20);
        }
        long pid = Long.parseLong(Files.readString(dir.resolve("r/pid")).trim());
        ex.close();
        assertThat(await(running).status()).isEqualTo(JobOutcome.Status.CANCELLED);
        assertThat(await(queued).status()).isEqualTo(JobOutcome.Status.CANCELLED);
        assertThat(queued.started().get()).isEmpty();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(dir.resolve("q/ran")).doesNotExist();
    }

    /** A number unique to this test run, as an argument of sleep (whose command lines then find it). */
    private static String unique(int seconds) {
        return seconds + "." + (System.nanoTime() % 1_000_000_000L + 1_000_000_000L);
    }

    @Test
    void processes_a_job_leaves_running_are_ended_when_it_exits_even_those_in_a_session_of_their_own()
        throws Exception {
        String late = unique(2);
        String escaped = unique(30);
        try (var ex = new LocalExecutor(1)) {
            var o = await(ex.submit(job("bg", Duration.ofSeconds(20), List.of(), "sh", "-c",
                "( sleep " + late + "; echo late > late.txt ) & setsid sleep " + escaped + " & echo done")));
            assertThat(o.status()).isEqualTo(JobOutcome.Status.SUCCEEDED);
            assertThat(Leftovers.withArgument(late)).as("the background subshell").isEmpty();
            assertThat(Leftovers.withArgument(escaped)).as("the child in its own session").isEmpty();
        }
        Thread.sleep(3000);   // past the subshell's sleep: it would have written by now
        assertThat(dir.resolve("bg/late.txt")).doesNotExist();
    }

    @Test
    void close_ends_every_process_of_a_running_job_even_one_in_a_session_of_its_own() throws Exception {
        String escaped = unique(60);
        var ex = new LocalExecutor(1);
        var h = ex.submit(job("r", Duration.ofSeconds(60), List.of(), "sh", "-c",
            "( setsid sleep " + escaped + " & ); touch ready; sleep 60"));   // orphaned: no longer a descendant
        while (!Files.exists(dir.resolve("r/ready"))) {
            Thread.sleep(20);
        }
        assertThat(Leftovers.withArgument(escaped)).isNotEmpty();
        ex.close();
        assertThat(await(h).status()).isEqualTo(JobOutcome.Status.CANCELLED);
        assertThat(Leftovers.withArgument(escaped)).isEmpty();
    }

    @Test
    void attach_ends_what_an_earlier_coordinator_left_running_in_the_sample_folder() throws Exception {
        String child = unique(60);
        String escaped = unique(60);
        var j = job("orphan", Duration.ofSeconds(60), List.of(), "sh", "-c",
            "sleep " + child + " & setsid sleep " + escaped + " & touch ready; wait");
        try (var earlier = new LocalExecutor(1); var later = new LocalExecutor(1)) {
            var h = earlier.submit(j);   // stands for a coordinator that was killed: it never ends this job
            String id = h.started().get(10, TimeUnit.SECONDS);
            assertThat(id).matches("local:\\d+:\\d+");   // pid and start time
            while (!Files.exists(dir.resolve("orphan/ready"))) {
                Thread.sleep(20);
            }
            assertThat(later.attach(j, id)).isEmpty();   // the sample runs again, with nothing left of the old job
            assertThat(Leftovers.withArgument(child)).isEmpty();
            assertThat(Leftovers.withArgument(escaped)).isEmpty();
            assertThat(Leftovers.in(dir.resolve("orphan"))).isEmpty();
            assertThat(await(h).exitCode()).isEqualTo(143);   // the job ended by SIGTERM
        }
    }

    @Test
    void a_script_whose_interpreter_is_missing_cannot_start() throws Exception {
        Path script = Files.writeString(dir.resolve("sim"), "#!/no/such/interpreter\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        try (var ex = new LocalExecutor(1)) {
            var o = await(ex.submit(job("interp", Duration.ofSeconds(10), List.of(), script.toString())));
            assertThat(o.cause()).isEqualTo(JobOutcome.Cause.NO_PROGRAM);
            assertThat(o.message()).startsWith("cannot start '" + script + "': No such file or directory");
        }
    }

    @Test
    void the_job_environment_is_added_to_the_inherited_one() throws Exception {
        try (var ex = new LocalExecutor(1)) {
            var j = new Job(1, dir.resolve("env"), List.of("sh", "-c", "echo \"$G4SEED:$PATH\""),
                Map.of("G4SEED", "42"),
                Duration.ofSeconds(10), List.of());
            assertThat(await(ex.submit(j)).succeeded()).isTrue();
        }
        assertThat(Files.readString(dir.resolve("env/stdout.txt"))).startsWith("42:").contains("/bin");
    }
}
