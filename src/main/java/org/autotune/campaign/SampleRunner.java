package org.autotune.campaign;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.autotune.Sample;
import org.autotune.execute.Executor;
import org.autotune.execute.Job;
import org.autotune.execute.JobHandle;
import org.autotune.execute.JobOutcome;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleStatus;
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
 *
 * <p>A job that could not run (an infrastructure failure: the program cannot be started, a node
 * failed, the job was lost) is no outcome of the sample: it is tried again after a growing wait
 * ({@link Backoff}), costs none of the sample's retries, and is never told to the optimizer, so
 * that a campaign replays the same way whatever the machines did. After too many such failures in
 * a row the sample is left INTERRUPTED and its future completes exceptionally with an
 * {@link InfrastructureFailure}, which stops the campaign. A program that does not exist (or may
 * not be executed) stops it at once: trying again cannot help.
 */
final class SampleRunner {
    private static final Logger log = LoggerFactory.getLogger(SampleRunner.class);
    /** How often a wait before another try looks whether the campaign is stopping. */
    private static final Duration STOP_CHECK = Duration.ofSeconds(1);

    private final Journal journal;
    private final Simulator simulator;
    private final Metric metric;
    private final Executor executor;
    private final ExecutorService scoring;
    private final Clock clock;
    private final int retries;
    private final AtomicInteger running;
    private final BooleanSupplier stopping;
    private final Backoff backoff;
    /** Samples waiting to try again, by id: what interrupts each. Whoever removes an entry acts on it. */
    private final Map<Long, Runnable> waiting = new ConcurrentHashMap<>();

    SampleRunner(Journal journal, Simulator simulator, Metric metric, Executor executor, ExecutorService scoring,
                 Clock clock, int retries, AtomicInteger running, BooleanSupplier stopping) {
        this(journal, simulator, metric, executor, scoring, clock, retries, running, stopping, Backoff.standard());
    }

    SampleRunner(Journal journal, Simulator simulator, Metric metric, Executor executor, ExecutorService scoring,
                 Clock clock, int retries, AtomicInteger running, BooleanSupplier stopping, Backoff backoff) {
        this.journal = journal;
        this.simulator = simulator;
        this.metric = metric;
        this.executor = executor;
        this.scoring = scoring;
        this.clock = clock;
        this.retries = retries;
        this.running = running;
        this.stopping = stopping;
        this.backoff = backoff;
    }

    /** Starts attempt {@code attempt} of the sample; completes {@code result} when it is final. */
    void submit(Sample sample, int attempt, CompletableFuture<Optional<Score>> result) {
        start(sample, attempt, 0, result);
    }

    /**
     * Continues a journaled sample that had not ended ({@code status}) after a restart: follows its
     * job ({@code jobId} as journaled, empty when there is none to follow) when the executor can;
     * otherwise runs it again, from its first attempt.
     */
    void resume(Sample sample, SampleStatus status, int attempt, String jobId,
                CompletableFuture<Optional<Score>> result) {
        var handle = executor.attach(withMetric(simulator.job(sample), sample), jobId);
        if (handle.isPresent()) {
            log.info("sample={} job={} action=attach", sample.name(), jobId);
            follow(sample, attempt, 0, handle.get(), result);
        } else {
            log.info("sample={} state={}{} action=rerun", sample.name(), status,
                jobId.isEmpty() ? "" : " job=" + jobId);
            submit(sample, 1, result);
        }
    }

    /**
     * Interrupts at once every sample that waits to try again after an infrastructure failure, for a
     * campaign that stops: its journal is consistent when this returns. Safe from any thread.
     */
    void stopWaiting() {
        for (var id : List.copyOf(waiting.keySet())) {
            var interrupt = waiting.remove(id);
            if (interrupt != null) {
                interrupt.run();
            }
        }
    }

    /** Submits the sample's job, after {@code stalls} infrastructure failures in a row. */
    private void start(Sample sample, int attempt, int stalls, CompletableFuture<Optional<Score>> result) {
        var job = withMetric(simulator.prepare(sample), sample);
        JobHandle handle;
        try {
            handle = executor.submit(job);
        } catch (RejectedExecutionException e) {
            end(sample, attempt, stalls, JobOutcome.infrastructure("the executor refused the job: " + e.getMessage(),
                "", Duration.ZERO), result);
            return;
        }
        follow(sample, attempt, stalls, handle, result);
    }

    /** The job, followed by the metric's command when the metric is computed inside the job. */
    private Job withMetric(Job job, Sample sample) {
        return metric.jobCommand(outputs(sample)).map(job::then).orElse(job);
    }

    private static SampleOutputs outputs(Sample sample) {
        return new SampleOutputs(sample.folder(), sample.id(), sample.seed(), sample.events());
    }

    private void follow(Sample sample, int attempt, int stalls, JobHandle handle,
                        CompletableFuture<Optional<Score>> result) {
        running.incrementAndGet();
        handle.started().thenAccept(jobId -> {
            if (!jobId.isEmpty()) {
                journal.started(sample.id(), attempt, jobId, clock.instant());
                log.info("sample={} job={} state=RUNNING attempt={}", sample.name(), jobId, attempt);
            }
        });
        handle.outcome().thenAcceptAsync(outcome -> {
            running.decrementAndGet();
            guarded(sample, result, () -> end(sample, attempt, stalls, outcome, result));
        }, scoring);
    }

    private void end(Sample sample, int attempt, int stalls, JobOutcome outcome,
                     CompletableFuture<Optional<Score>> result) {
        if (outcome.status() == JobOutcome.Status.CANCELLED || stopping.getAsBoolean()) {
            interrupt(sample, "stopped before it ended", result);
            return;
        }
        if (outcome.infrastructureFailure()) {
            stalled(sample, attempt, stalls + 1, outcome, result);
            return;
        }
        String failure;
        if (outcome.succeeded()) {
            try {
                var score = metric.score(outputs(sample));
                journal.finished(sample.id(), score, clock.instant(), outcome.elapsed().toMillis());
                log.info("sample={} state=FINISHED score={} elapsed_ms={}", sample.name(), score.value(),
                    outcome.elapsed().toMillis());
                result.complete(Optional.of(score));
                return;
            } catch (MetricException e) {
                failure = "metric: " + e.getMessage();
            }
        } else {
            failure = describe(outcome);
        }
        if (attempt <= retries) {
            journal.retrying(sample.id(), failure, clock.instant());
            log.warn("sample={} state=RETRY attempt={} reason={}", sample.name(), attempt, firstLine(failure));
            start(sample, attempt + 1, 0, result);
            return;
        }
        var exit = outcome.exitCode() == 0 || outcome.status() == JobOutcome.Status.TIMED_OUT
            ? Optional.<Integer>empty() : Optional.of(outcome.exitCode());
        journal.failed(sample.id(), failure, exit, clock.instant(), outcome.elapsed().toMillis());
        log.warn("sample={} state=FAILED attempts={} folder={} reason={}", sample.name(), attempt, sample.folder(),
            firstLine(failure));
        result.complete(Optional.empty());
    }

    /**
     * The sample's job could not run for the {@code stalls}-th time in a row: try again after the
     * back-off, or, past the limit, leave the sample INTERRUPTED and stop the campaign.
     */
    private void stalled(Sample sample, int attempt, int stalls, JobOutcome outcome,
                         CompletableFuture<Optional<Score>> result) {
        String reason = firstLine(outcome.message());
        if (!outcome.retryable()) {
            journal.interrupted(sample.id(), "cannot start, the campaign stops: " + describe(outcome), clock.instant());
            log.info("sample={} state=INTERRUPTED folder={}", sample.name(), sample.folder());
            result.completeExceptionally(InfrastructureFailure.cannotStart(sample, reason));
            return;
        }
        if (stalls >= backoff.limit()) {
            journal.interrupted(sample.id(), "infrastructure failure " + stalls + " of " + backoff.limit()
                + ", the campaign stops: " + describe(outcome), clock.instant());
            log.info("sample={} state=INTERRUPTED infrastructure_failures={} folder={}", sample.name(), stalls,
                sample.folder());
            result.completeExceptionally(new InfrastructureFailure(sample, stalls, reason));
            return;
        }
        var wait = backoff.delay(stalls);
        journal.retrying(sample.id(), "infrastructure failure " + stalls + " of " + backoff.limit()
            + ", next try in " + seconds(wait) + ": " + describe(outcome), clock.instant());
        log.warn("sample={} state=RETRY infrastructure_failures={} wait={} reason={}", sample.name(), stalls,
            seconds(wait), reason);
        waiting.put(sample.id(), () -> interrupt(sample, "stopped while waiting to try again", result));
        later(wait, sample, result, () -> start(sample, attempt, stalls, result));
    }

    /**
     * Runs {@code action} after {@code wait}, looking at least every {@link #STOP_CHECK} whether the
     * campaign is stopping (then the sample is interrupted instead, so that a stop is not held up).
     */
    private void later(Duration wait, Sample sample, CompletableFuture<Optional<Score>> result, Runnable action) {
        if (!waiting.containsKey(sample.id())) {
            return;   // interrupted by stopWaiting
        }
        boolean stop = stopping.getAsBoolean();
        if (stop || wait.isZero() || wait.isNegative()) {
            var interrupt = waiting.remove(sample.id());
            if (interrupt != null && stop) {
                interrupt.run();
            } else if (interrupt != null) {
                action.run();
            }
            return;
        }
        var step = wait.compareTo(STOP_CHECK) < 0 ? wait : STOP_CHECK;
        var rest = wait.minus(step);
        backoff.timer().after(step, () -> guarded(sample, result, () -> later(rest, sample, result, action)));
    }

    /**
     * Runs a step of the sample's life on a thread no one waits on. An exception there is a bug or a
     * broken journal: it completes the sample's future, which stops the campaign with it. Only while
     * the campaign stops is the executor expected to refuse (it is being closed): the sample is then
     * interrupted.
     */
    private void guarded(Sample sample, CompletableFuture<Optional<Score>> result, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            if (stopping.getAsBoolean() && !result.isDone()) {
                interrupt(sample, "stopped before it started", result);
            } else {
                result.completeExceptionally(e);
            }
        }
    }

    private void interrupt(Sample sample, String reason, CompletableFuture<Optional<Score>> result) {
        journal.interrupted(sample.id(), reason, clock.instant());
        log.info("sample={} state=INTERRUPTED", sample.name());
        result.complete(Optional.empty());
    }

    private static String describe(JobOutcome outcome) {
        return outcome.message() + (outcome.stderrTail().isBlank() ? "" : "\nstderr:\n" + outcome.stderrTail());
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
