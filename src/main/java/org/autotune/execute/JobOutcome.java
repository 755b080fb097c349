package org.autotune.execute;

import java.nio.file.Files;
import java.time.Duration;

/**
 * How a job ended. {@code status} says whether it succeeded; for failures {@code message} says
 * what happened in one line and {@code stderrTail} holds the last lines the job wrote to stderr.
 * {@code cause} says whose outcome a failure is: the simulation's own, or the machinery's that
 * should have run it (see {@link Cause}).
 */
public record JobOutcome(Status status, Cause cause, int exitCode, String message, String stderrTail,
                         Duration elapsed) {

    /** Ways a job ends. Only {@link #SUCCEEDED} leads to scoring. */
    public enum Status { SUCCEEDED, FAILED, TIMED_OUT, MISSING_OUTPUT, CANCELLED }

    /**
     * Whose outcome a job's end is. Only the simulation itself can fail a sample: an infrastructure
     * failure says nothing about the point, so telling it to the optimizer would change every later
     * proposal and make a resume replay a different campaign.
     */
    public enum Cause {
        /**
         * The simulation ran and ended this way: it succeeded, exited non-zero, was stopped at the
         * time limit the user set, or left no outputs.
         */
        SAMPLE,
        /**
         * The job did not get to run to an end of its own: the program could not be started (no
         * fork), the executor refused the job, a cluster node failed or the job was lost. Worth
         * another try; never a result for the optimizer.
         */
        INFRASTRUCTURE,
        /**
         * The program does not exist or may not be executed. Another try would meet the same, so the
         * campaign stops at once (the sample is left to run after the fix); never a result for the
         * optimizer either.
         */
        NO_PROGRAM
    }

    public JobOutcome {
        message = message == null ? "" : message;
        stderrTail = stderrTail == null ? "" : stderrTail;
        if (cause != Cause.SAMPLE && (status == Status.SUCCEEDED || status == Status.CANCELLED)) {
            throw new IllegalArgumentException("a " + status + " job cannot be an infrastructure failure");
        }
    }

    /** An outcome of the simulation itself. */
    public JobOutcome(Status status, int exitCode, String message, String stderrTail, Duration elapsed) {
        this(status, Cause.SAMPLE, exitCode, message, stderrTail, elapsed);
    }

    /** A job that could not run to an end of its own; {@code message} says why and what to check. */
    public static JobOutcome infrastructure(String message, String stderrTail, Duration elapsed) {
        return new JobOutcome(Status.FAILED, Cause.INFRASTRUCTURE, -1, message, stderrTail, elapsed);
    }

    /** A program that cannot be started because it is missing or not executable; {@code message} says which. */
    public static JobOutcome noProgram(String message, Duration elapsed) {
        return new JobOutcome(Status.FAILED, Cause.NO_PROGRAM, -1, message, "", elapsed);
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    /**
     * True when the job failed for reasons outside the simulation: tell no one; retry it unless
     * {@link #retryable()} says another try cannot help.
     */
    public boolean infrastructureFailure() {
        return cause != Cause.SAMPLE;
    }

    /** False for an infrastructure failure that another try would meet again (a missing program). */
    public boolean retryable() {
        return cause != Cause.NO_PROGRAM;
    }

    /**
     * How a job that exited 0 ended: SUCCEEDED, or MISSING_OUTPUT naming the declared outputs it
     * did not write.
     */
    static JobOutcome exitedZero(Job job, String stderrTail, Duration elapsed) {
        var missing = job.outputs().stream().filter(o -> !Files.exists(job.folder().resolve(o))).toList();
        if (missing.isEmpty()) {
            return new JobOutcome(Status.SUCCEEDED, 0, "", "", elapsed);
        }
        return new JobOutcome(Status.MISSING_OUTPUT, 0, "exited 0 but wrote no " + String.join(", ", missing)
            + " in " + job.folder(), stderrTail, elapsed);
    }

    /** A job stopped at the sample's own time limit ({@code simulator.timeout}). */
    static JobOutcome timedOut(Job job, String stderrTail, Duration elapsed) {
        return new JobOutcome(Status.TIMED_OUT, -1, "timed out after " + LocalExecutor.human(job.timeout())
            + "; killed (raise simulator.timeout if the simulation needs longer)", stderrTail, elapsed);
    }
}
