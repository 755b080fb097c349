package org.autotune.execute;

import java.util.Optional;

/**
 * Runs jobs, up to {@link #slots()} at a time.
 *
 * <p>Threading: {@link #submit} is called from the campaign's coordinator thread; outcomes are
 * completed from the executor's own threads. A job that cannot start (missing program, no
 * permission, no fork), is refused, or is lost with its node completes with a FAILED outcome whose
 * cause is {@link JobOutcome.Cause#INFRASTRUCTURE}; it does not throw. {@link #close()} stops every
 * job still running (the whole process tree) and returns when they have ended; a job submitted
 * after it (a campaign stopping while it submits) completes CANCELLED at once.
 */
public interface Executor extends AutoCloseable {
    /** How many jobs may run at once. */
    int slots();

    /** Starts the job (or queues it, when all slots are busy) and returns at once. */
    JobHandle submit(Job job);

    /**
     * Follows a job that was submitted before a restart of the coordinator, given the id it had
     * (as journaled, or empty), instead of submitting it again. Empty when this executor cannot, so
     * the sample runs again: then nothing of the old job may still run in the sample's folder (the
     * local executor ends what a coordinator killed with kill -9 left running there).
     */
    default Optional<JobHandle> attach(Job job, String id) {
        return Optional.empty();
    }

    /** Stops all running jobs; their outcomes complete as CANCELLED. */
    @Override
    void close();
}
