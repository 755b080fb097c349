package org.autotune.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.autotune.TextTail;

/**
 * Decides how followed SLURM jobs ended: first from each sample's completion marker, then from
 * squeue (jobs still known to the controller), then from sacct (where accounting exists). A job
 * that the queue no longer knows and that left no marker is given a grace period (the marker may
 * lag on a network filesystem) and then reported as lost.
 */
final class SlurmPoller {
    /** SLURM states that say why a job was stopped from outside the simulation. */
    private static final List<String> NAMED = List.of("CANCELLED", "TIMEOUT", "DEADLINE", "PREEMPTED",
        "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL");

    /** What a shell reports for a process killed by SIGTERM (128 + 15). */
    private static final int SIGTERM_EXIT = 128 + 15;

    private final Map<String, Long> missingSince = new HashMap<>();
    private final Duration markerWait;

    SlurmPoller(Duration markerWait) {
        this.markerWait = markerWait;
    }

    /**
     * Looks at every followed job once.
     *
     * @param active followed jobs by SLURM id ({@code 123_4})
     * @param finish called with the id and outcome of every job that ended
     * @return true when some job ended
     */
    boolean poll(Map<String, SlurmTask> active, boolean sacct, BiConsumer<String, JobOutcome> finish) {
        boolean changed = false;
        var open = new ArrayList<String>();
        for (var e : active.entrySet()) {
            var outcome = fromMarker(e.getValue());
            if (outcome != null && !terminated(outcome)) {
                finish.accept(e.getKey(), outcome);
                missingSince.remove(e.getKey());
                changed = true;
            } else {
                open.add(e.getKey());
            }
        }
        if (open.isEmpty()) {
            return changed;
        }
        var states = new HashMap<String, Slurm.State>();
        for (String array : arrays(open)) {   // one squeue per array: an aged-out id fails a whole call
            states.putAll(Slurm.squeue(List.of(array)));
        }
        var unknown = open.stream().filter(id -> !states.containsKey(id) || states.get(id).finished()).toList();
        if (sacct && !unknown.isEmpty()) {
            Slurm.sacct(List.copyOf(arrays(unknown))).forEach((id, s) -> {
                if (unknown.contains(id) && s.finished()) {
                    states.put(id, s);
                }
            });
        }
        for (String id : open) {
            changed |= decide(id, active.get(id), states.get(id), finish);
        }
        return changed;
    }

    private boolean decide(String id, SlurmTask task, Slurm.State state, BiConsumer<String, JobOutcome> finish) {
        if (state != null && !state.finished()) {
            missingSince.remove(id);
            return false;
        }
        var again = fromMarker(task);   // the job may have written its marker since the first look
        if (again != null && terminated(again)) {
            return decideTerminated(id, task, state, finish);
        }
        if (again != null) {
            finish.accept(id, again);
            missingSince.remove(id);
            return true;
        }
        if (state != null && !state.name().equals("COMPLETED")) {
            finish.accept(id, fromState(task, state));
            missingSince.remove(id);
            return true;
        }
        long first = missingSince.computeIfAbsent(id, k -> System.nanoTime());
        if (System.nanoTime() - first < markerWait.toNanos()) {
            return false;
        }
        missingSince.remove(id);
        // a lost job: the wrapper would have written the marker whatever the simulation did
        finish.accept(id, JobOutcome.infrastructure("job " + id + (state == null ? " left the queue" : " is COMPLETED")
            + " but its sample folder has no exit-status marker after " + markerWait.toSeconds() + " s (is "
            + task.job().folder() + " on a filesystem the compute nodes share?)",
            TextTail.of(task.job().stderr(), 20, 4000), task.elapsed()));
        return true;
    }

    /**
     * A marker saying SIGTERM (exit 143) is not decisive on its own: SLURM sends SIGTERM when a job
     * is cancelled, preempted or reaches its time limit, and the wrapper may write the marker before
     * squeue reports why. So the job's SLURM state decides; only when SLURM names no cause (the job
     * ended FAILED or COMPLETED, or left the queue and no state came within the marker wait) is it
     * reported as a SIGTERM from outside autotune: an infrastructure failure, retried.
     */
    private boolean decideTerminated(String id, SlurmTask task, Slurm.State state,
                                     BiConsumer<String, JobOutcome> finish) {
        if (state != null && NAMED.contains(state.name())) {
            finish.accept(id, fromState(task, state));
            missingSince.remove(id);
            return true;
        }
        if (state == null) {   // squeue no longer knows it; without accounting wait as for a lagging marker
            long first = missingSince.computeIfAbsent(id, k -> System.nanoTime());
            if (System.nanoTime() - first < markerWait.toNanos()) {
                return false;
            }
        }
        missingSince.remove(id);
        finish.accept(id, JobOutcome.infrastructure("terminated by SIGTERM outside autotune (exit code 143"
            + (state == null ? ", the job left the queue" : ", SLURM state " + state.name())
            + ", no cancellation, preemption or time limit named by SLURM); retried. If it keeps happening, "
            + "ask the cluster's admins what sends SIGTERM to jobs", TextTail.of(task.job().stderr(), 20, 4000),
            task.elapsed()));
        return true;
    }

    /** True for the marker of a job killed by SIGTERM (exit code 128 + 15). */
    static boolean terminated(JobOutcome marker) {
        return marker.cause() == JobOutcome.Cause.SAMPLE && marker.exitCode() == SIGTERM_EXIT;
    }

    /** The outcome recorded by the job's wrapper, or null when it has not written one yet. */
    static JobOutcome fromMarker(SlurmTask task) {
        var job = task.job();
        var marker = job.folder().resolve("exit-status");
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        int exit;
        try {
            exit = Integer.parseInt(Files.readString(marker).strip());
        } catch (IOException | NumberFormatException e) {
            return null;   // being written; the next look reads it
        }
        var tail = TextTail.of(job.stderr(), 20, 4000);
        if (exit == SlurmWrapper.TIMED_OUT) {
            return JobOutcome.timedOut(job, tail, task.elapsed());
        }
        if (exit == SlurmWrapper.CANNOT_START || exit == SlurmWrapper.NOT_EXECUTABLE) {
            // deterministic: another try on the same nodes meets the same, so the campaign stops at once
            String said = lastLine(tail);
            return JobOutcome.noProgram("cannot start '" + job.command().get(0) + "' on the compute node (exit code "
                + exit + (said.isEmpty() ? ": it, or a program it runs, was not found or is not executable there"
                : ": " + said) + "); check simulator.command (the program must be reachable and executable "
                + "from the compute nodes, and so must the interpreter on a script's first line)", task.elapsed());
        }
        if (exit != 0) {
            return new JobOutcome(JobOutcome.Status.FAILED, exit, ExitCodes.describe(exit), tail, task.elapsed());
        }
        return JobOutcome.exitedZero(job, tail, task.elapsed());
    }

    /**
     * A job that ended without writing its marker: killed by SLURM or from outside. Only the limits
     * the user set for the sample (time, memory) make this the simulation's own outcome; otherwise
     * the wrapper itself died (node failure, preemption, cancellation by someone else) and the
     * sample deserves another try.
     */
    static JobOutcome fromState(SlurmTask task, Slurm.State state) {
        var tail = TextTail.of(task.job().stderr(), 20, 4000);
        var exit = state.exitCode().isEmpty() ? "" : ", exit code " + state.exitCode();
        return switch (state.name()) {
            case "TIMEOUT", "DEADLINE" -> new JobOutcome(JobOutcome.Status.TIMED_OUT, -1,
                "SLURM stopped the job at its time limit (state " + state.name() + "); raise executor.time", tail,
                task.elapsed());
            case "OUT_OF_MEMORY" -> new JobOutcome(JobOutcome.Status.FAILED, -1,
                "out of memory (SLURM state OUT_OF_MEMORY); raise executor.memory", tail, task.elapsed());
            case "CANCELLED" -> JobOutcome.infrastructure(
                "cancelled outside autotune (SLURM state CANCELLED" + exit + ")", tail, task.elapsed());
            case "NODE_FAIL", "BOOT_FAIL" -> JobOutcome.infrastructure("the compute node failed (SLURM state "
                + state.name() + exit + "); if it keeps happening, ask the cluster's admins or set "
                + "executor.partition", tail, task.elapsed());
            default -> JobOutcome.infrastructure("SLURM state " + state.name() + exit, tail, task.elapsed());
        };
    }

    private static String lastLine(String text) {
        var lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

    private static LinkedHashSet<String> arrays(List<String> ids) {
        var arrays = new LinkedHashSet<String>();
        for (String id : ids) {
            arrays.add(id.substring(0, id.indexOf('_')));
        }
        return arrays;
    }
}
