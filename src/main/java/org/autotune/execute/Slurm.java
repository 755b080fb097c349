package org.autotune.execute;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The SLURM commands Autotune uses (sbatch, squeue, sacct, scancel), each run as an argument list
 * with a time limit, and their outputs parsed.
 */
final class Slurm {
    /** What a command printed and how it exited. */
    record Reply(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    /** A job's (or array task's) state as squeue or sacct report it, e.g. RUNNING, TIMEOUT, FAILED 2:0. */
    record State(String name, String exitCode) {
        boolean finished() {
            return !List.of("PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "REQUEUED", "RESIZING", "SUSPENDED",
                "STAGE_OUT", "SIGNALING", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD").contains(name);
        }
    }

    /** How long a SLURM command may take before it counts as no answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Slurm() {
    }

    /** Runs a SLURM command with the {@link #TIMEOUT}. */
    static Reply run(List<String> command) {
        return run(command, TIMEOUT);
    }

    /**
     * Runs a command and waits at most {@code timeout} for it. Its output goes to temporary files, not
     * pipes: a command that hangs (a controller that does not answer) must not hold up the reader, and
     * one that prints a lot must not block on a full pipe. A command past its time is stopped with its
     * children and answers exit code -1, which {@link #unreachable} counts as no answer from SLURM
     * (the caller tries again later).
     */
    static Reply run(List<String> command, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("autotune-slurm-", ".out");
            err = Files.createTempFile("autotune-slurm-", ".err");
            var p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.stop(p, Duration.ofSeconds(1));
                return new Reply(-1, "", command.get(0) + " did not answer within " + LocalExecutor.human(timeout)
                    + " (stopped it)");
            }
            return new Reply(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Reply(-1, "", "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while running " + command.get(0)));
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left in the temp folder harms nothing
        }
    }

    /** sbatch --parsable prints "123" or "123;cluster". */
    static String jobId(String parsable) {
        var first = parsable.strip().split(";")[0];
        if (!first.matches("\\d+")) {
            throw new IllegalArgumentException("sbatch printed '" + parsable.strip() + "' instead of a job id");
        }
        return first;
    }

    /** States of array tasks by id ({@code 123_4}); asks squeue for all states (finished ones too). */
    static Map<String, State> squeue(List<String> arrayIds) {
        var states = new HashMap<String, State>();
        if (arrayIds.isEmpty()) {
            return states;
        }
        var reply = run(List.of("squeue", "-h", "-r", "-t", "all", "-j", String.join(",", arrayIds), "-o", "%i|%T"));
        // "Invalid job id specified" (all ids aged out of the controller) answers nothing: not an error
        if (unreachable(reply)) {
            // a controller that does not answer knows nothing: that must not make running jobs lost
            throw new IllegalStateException("squeue failed: " + reply.err().strip());
        }
        return squeueStates(reply.out());
    }

    /** Parses {@code squeue -h -r -o %i|%T} output: one {@code 123_4|RUNNING} line per task. */
    static Map<String, State> squeueStates(String out) {
        var states = new HashMap<String, State>();
        for (var line : out.lines().toList()) {
            var f = line.strip().split("\\|");
            if (f.length == 2) {
                states.put(f[0], new State(f[1], ""));
            }
        }
        return states;
    }

    /** True when a command got no answer from SLURM at all (not run, timed out, controller unreachable). */
    static boolean unreachable(Reply reply) {
        var err = reply.err();
        return !reply.ok() && (reply.exit() < 0 || err.contains("Unable to contact") || err.contains("timed out")
            || err.contains("Connection refused"));
    }

    /** States from accounting, by id ({@code 123_4}); empty when sacct is unavailable. */
    static Map<String, State> sacct(List<String> arrayIds) {
        var states = new HashMap<String, State>();
        if (arrayIds.isEmpty()) {
            return states;
        }
        var reply = run(List.of("sacct", "-n", "-P", "-X", "-j", String.join(",", arrayIds),
            "-o", "JobID,State,ExitCode"));
        if (!reply.ok()) {
            return states;
        }
        return sacctStates(reply.out());
    }

    /** Parses {@code sacct -n -P -X -o JobID,State,ExitCode} output: {@code 123_4|FAILED|2:0} lines. */
    static Map<String, State> sacctStates(String out) {
        var states = new HashMap<String, State>();
        for (var line : out.lines().toList()) {
            var f = line.strip().split("\\|");
            if (f.length == 3) {
                states.put(f[0], new State(f[1].split(" ")[0], f[2]));   // "CANCELLED by 0" -> CANCELLED
            }
        }
        return states;
    }

    /** True when this cluster keeps accounting (sacct answers without error). */
    static boolean hasAccounting() {
        return run(List.of("sacct", "-n", "-X", "-S", "now", "-o", "JobID")).ok();
    }

    static Reply scancel(List<String> ids) {
        if (ids.isEmpty()) {
            return new Reply(0, "", "");
        }
        var command = new ArrayList<>(List.of("scancel"));
        command.addAll(ids);
        return run(command);
    }
}
