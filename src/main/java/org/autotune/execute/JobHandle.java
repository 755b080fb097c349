package org.autotune.execute;

import java.util.concurrent.CompletableFuture;

/**
 * A submitted job: the executor's id for it (e.g. {@code local:12345} for a process id), and the
 * outcome, completed by the executor when the job ends (never completed exceptionally: failures
 * are outcomes).
 */
public record JobHandle(Job job, String id, CompletableFuture<JobOutcome> outcome) {
}
