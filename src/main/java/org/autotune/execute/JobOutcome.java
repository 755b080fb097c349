package org.autotune.execute;

import java.nio.file.Files;
import java.time.Duration;

/**
 * How a job ended. {@code status} says whether it succeeded; for failures {@code message} says
 * what happened in one line and {@code stderrTail} holds the last lines the job wrote to stderr.
 */
public record JobOutcome(Status status, int exitCode, String message, String stderrTail,
                         Duration elapsed) {

    /** Ways a job ends. Only {@link #SUCCEEDED} leads to scoring. */
    public enum Status { SUCCEEDED, FAILED, TIMED_OUT, MISSING_OUTPUT, CANCELLED }

    public JobOutcome {
        message = message == null ? "" : message;
        stderrTail = stderrTail == null ? "" : stderrTail;
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
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
