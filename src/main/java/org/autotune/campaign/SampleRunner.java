package org.autotune.campaign;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.autotune.Sample;
import org.autotune.execute.Executor;
import org.autotune.execute.Job;
import org.autotune.execute.JobHandle;
import org.autotune.execute.JobOutcome;
import org.autotune.journal.Journal;
import org.autotune.metric.Metric;
import org.autotune.metric.MetricException;
import org.autotune.metric.SampleOutputs;
import org.autotune.score.Score;
import org.autotune.simulate.Simulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sample to its end: prepare the job, submit it, journal its start, score its outputs,
 * retry a failed attempt up to the campaign's limit, and journal the final state. A failed sample
 * is data, not an exception: its future completes with an empty score.
 */
final class SampleRunner {
    private static final Logger log = LoggerFactory.getLogger(SampleRunner.class);

    private final Journal journal;
    private final Simulator simulator;
    private final Metric metric;
    private final Executor executor;
    private final ExecutorService scoring;
    private final Clock clock;
    private final int retries;
    private final AtomicInteger running;
    private final BooleanSupplier stopping;

    SampleRunner(Journal journal, Simulator simulator, Metric metric, Executor executor, ExecutorService scoring,
                 Clock clock, int retries, AtomicInteger running, BooleanSupplier stopping) {
        this.journal = journal;
        this.simulator = simulator;
        this.metric = metric;
        this.executor = executor;
        this.scoring = scoring;
        this.clock = clock;
        this.retries = retries;
        this.running = running;
        this.stopping = stopping;
    }

    /** Starts attempt {@code attempt} of the sample; completes {@code result} when it is final. */
    void submit(Sample sample, int attempt, CompletableFuture<Optional<Score>> result) {
        follow(sample, attempt, executor.submit(withMetric(simulator.prepare(sample), sample)), result);
    }

    /**
     * Follows the job a sample had before a restart ({@code jobId} as journaled); when the executor
     * cannot, runs the sample again.
     */
    void attach(Sample sample, int attempt, String jobId, CompletableFuture<Optional<Score>> result) {
        executor.attach(withMetric(simulator.job(sample), sample), jobId).ifPresentOrElse(
            handle -> follow(sample, attempt, handle, result), () -> submit(sample, 1, result));
    }

    /** The job, followed by the metric's command when the metric is computed inside the job. */
    private Job withMetric(Job job, Sample sample) {
        return metric.jobCommand(outputs(sample)).map(job::then).orElse(job);
    }

    private static SampleOutputs outputs(Sample sample) {
        return new SampleOutputs(sample.folder(), sample.id(), sample.seed(), sample.events());
    }

    private void follow(Sample sample, int attempt, JobHandle handle,
                        CompletableFuture<Optional<Score>> result) {
        running.incrementAndGet();
        handle.started().thenAccept(jobId -> {
            if (!jobId.isEmpty()) {
                journal.started(sample.id(), attempt, jobId, clock.instant());
                log.info("sample={} job={} state=RUNNING attempt={}", sample.id(), jobId, attempt);
            }
        });
        handle.outcome().thenAcceptAsync(outcome -> {
            running.decrementAndGet();
            try {
                end(sample, attempt, outcome, result);
            } catch (RuntimeException e) {   // a bug or a broken journal: stop the campaign with it
                result.completeExceptionally(e);
            }
        }, scoring);
    }

    private void end(Sample sample, int attempt, JobOutcome outcome, CompletableFuture<Optional<Score>> result) {
        if (outcome.status() == JobOutcome.Status.CANCELLED || stopping.getAsBoolean()) {
            journal.interrupted(sample.id(), "stopped before it ended", clock.instant());
            log.info("sample={} state=INTERRUPTED", sample.id());
            result.complete(Optional.empty());
            return;
        }
        String failure;
        if (outcome.succeeded()) {
            try {
                var score = metric.score(outputs(sample));
                journal.finished(sample.id(), score, clock.instant(), outcome.elapsed().toMillis());
                log.info("sample={} state=FINISHED score={} elapsed_ms={}", sample.id(), score.value(),
                    outcome.elapsed().toMillis());
                result.complete(Optional.of(score));
                return;
            } catch (MetricException e) {
                failure = "metric: " + e.getMessage();
            }
        } else {
            failure = outcome.message() + (outcome.stderrTail().isBlank() ? "" : "\nstderr:\n" + outcome.stderrTail());
        }
        if (attempt <= retries) {
            journal.retrying(sample.id(), failure, clock.instant());
            log.warn("sample={} state=RETRY attempt={} reason={}", sample.id(), attempt, firstLine(failure));
            submit(sample, attempt + 1, result);
            return;
        }
        var exit = outcome.exitCode() == 0 || outcome.status() == JobOutcome.Status.TIMED_OUT
            ? Optional.<Integer>empty() : Optional.of(outcome.exitCode());
        journal.failed(sample.id(), failure, exit, clock.instant(), outcome.elapsed().toMillis());
        log.warn("sample={} state=FAILED attempts={} folder={} reason={}", sample.id(), attempt, sample.folder(),
            firstLine(failure));
        result.complete(Optional.empty());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
