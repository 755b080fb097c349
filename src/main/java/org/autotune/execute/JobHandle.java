package org.autotune.execute;

import java.util.concurrent.CompletableFuture;

/**
 * A submitted job. {@code started} completes with the executor's id for the job (e.g.
 * {@code local:12345:884422}: process id and start time) once it runs, or with the empty text if it
 * ended without starting. {@code outcome} completes when the job ends; it never completes
 * exceptionally: failures are outcomes.
 */
public record JobHandle(Job job, CompletableFuture<String> started, CompletableFuture<JobOutcome> outcome) {
}
