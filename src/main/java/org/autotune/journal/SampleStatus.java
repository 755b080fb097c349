package org.autotune.journal;

/** Where a sample is in its life. FINISHED and FAILED are final: a resumed campaign never re-runs them. */
public enum SampleStatus {
    /** Journaled, not yet started. */
    PENDING,
    /** Its job is running (or queued on a cluster). */
    RUNNING,
    /** Scored. */
    FINISHED,
    /** Failed after all retries; the error text says why. */
    FAILED,
    /** Stopped by Ctrl-C, SIGTERM or a crash; a resumed campaign runs it again. */
    INTERRUPTED;

    public boolean done() {
        return this == FINISHED || this == FAILED;
    }
}
