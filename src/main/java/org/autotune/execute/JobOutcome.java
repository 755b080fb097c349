package org.autotune.execute;

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
}
