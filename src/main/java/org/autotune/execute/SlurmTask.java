package org.autotune.execute;

import java.time.Duration;

/** A job the SLURM executor follows: the job, its handle, when it was submitted (System.nanoTime). */
record SlurmTask(Job job, JobHandle handle, long submittedNanos) {
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - submittedNanos);
    }

    void complete(JobOutcome outcome) {
        handle.outcome().complete(outcome);
    }
}
