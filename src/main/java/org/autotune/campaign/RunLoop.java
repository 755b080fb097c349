package org.autotune.campaign;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.autotune.InputError;
import org.autotune.Sample;
import org.autotune.design.CostTerms;
import org.autotune.execute.Executor;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleStatus;
import org.autotune.metric.Metric;
import org.autotune.optimize.Optimizer;
import org.autotune.optimize.PathRecording;
import org.autotune.optimize.Result;
import org.autotune.score.Score;
import org.autotune.simulate.Simulator;
import org.autotune.space.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaign loop: ask the optimizer for points, turn them into samples, answer each from the
 * journal when it already finished, otherwise run and score it; tell the optimizer the results.
 *
 * <p>Results are told strictly in the order the points were proposed, one at a time, and the
 * optimizer is asked again after each one for {@code slots − outstanding} points. The sequence of
 * ask/tell calls is therefore a pure function of the scores, independent of which job happens to
 * end first, and resuming a campaign is replaying it: every proposal whose sample finished before
 * is answered from the journal, and nothing finished is run twice.
 */
final class RunLoop {
    private static final Logger log = LoggerFactory.getLogger(RunLoop.class);

    private final CampaignConfig config;
    private final int slots;
    private final Journal journal;
    private final Optimizer optimizer;
    private final Path samplesDir;
    private final Clock clock;
    private final Progress progress;
    private final SampleRunner runner;
    private final String fingerprint;
    private final String origin;
    private final long firstId;
    private final CostTerms costs;

    /** Journal meta key of the budget term's coefficient, once fixed (coefficient: auto). */
    static final String COEFFICIENT_META = "cost.coefficient";

    private final ArrayDeque<Proposal> queue = new ArrayDeque<>();
    private final Map<String, Single> byKey = new HashMap<>();
    private int queuedSamples;
    private final AtomicInteger running = new AtomicInteger();
    private final Set<Long> counted = new HashSet<>();
    private final List<Optional<Score>> told = new ArrayList<>();
    private volatile boolean stopping;
    private long nextId;
    private int finished;
    private int failed;
    private int reused;
    private int failedInRow;
    private int pathRecorded;
    private double bestScore = Double.POSITIVE_INFINITY;
    private int bestEvents;
    private Point bestPoint;
    private long bestSample;

    /** One sample and its score (empty: failed). */
    private record Single(long sample, CompletableFuture<Optional<Score>> result) {
    }

    /**
     * A point in the queue, the samples that answer it (one, or the campaign's replicates) and
     * their combined score (empty: all failed).
     */
    private record Proposal(Point point, int events, List<Single> samples, CompletableFuture<Optional<Score>> result) {
        long first() {
            return samples.get(0).sample();
        }
    }

    RunLoop(CampaignConfig config, int slots, Journal journal, Simulator simulator,
            Metric metric, Optimizer optimizer, Executor executor, ExecutorService scoring, Path samplesDir,
            Clock clock, Progress progress, CostTerms costs) {
        this(config, slots, journal, simulator, metric, optimizer, executor, scoring, samplesDir, clock, progress,
            "optimizer", 1, costs);
    }

    /**
     * A loop whose samples come from {@code origin} and are numbered from {@code firstId}: each origin
     * (the optimizer, each scan) has its own block of sample ids, so that every one of them replays
     * on its own.
     */
    RunLoop(CampaignConfig config, int slots, Journal journal, Simulator simulator,
            Metric metric, Optimizer optimizer, Executor executor, ExecutorService scoring, Path samplesDir,
            Clock clock, Progress progress, String origin, long firstId, CostTerms costs) {
        this.costs = costs;
        this.origin = origin;
        this.firstId = firstId;
        this.nextId = firstId;
        this.config = config;
        this.slots = slots;
        this.journal = journal;
        this.optimizer = optimizer;
        this.samplesDir = samplesDir;
        this.clock = clock;
        this.progress = progress;
        this.fingerprint = simulator.fingerprint();
        this.runner = new SampleRunner(journal, simulator, metric, executor, scoring, clock, config.retries(),
            running, () -> stopping);
    }

    /** Runs until the optimizer is done, the budget is spent, the user stops it or the setup fails. */
    Outcome.State run() {
        Instant begin = clock.instant();
        int used = 0;
        int failureLimit = Math.max(5, slots);
        while (!stopping) {
            if (!optimizer.done()) {
                int r = config.replicates();
                int free = Math.max(0, slots - queuedSamples);
                // with more replicates than slots, one point at a time
                int n = Math.min(queue.isEmpty() ? Math.max(1, free / r) : free / r, (config.budget() - used) / r);
                if (n > 0) {
                    var points = optimizer.ask(n);
                    int events = optimizer.events().orElse(config.events());
                    for (Point p : points) {
                        used += propose(p, events);
                    }
                }
            }
            if (queue.isEmpty()) {
                break;
            }
            var head = queue.peek();
            var score = head.result().join();
            if (stopping) {
                break;
            }
            score = total(head, score);
            queue.poll();
            queuedSamples -= head.samples().size();
            optimizer.tell(List.of(new Result(head.point(), score)));
            told.add(score);
            recordPath();
            count(head, score);
            progress.update(snapshot(begin));
            if (failedInRow >= failureLimit) {
                progress.end(snapshot(begin));
                return Outcome.State.TOO_MANY_FAILURES;
            }
        }
        progress.end(snapshot(begin));
        if (stopping) {
            awaitInFlight();
            return Outcome.State.INTERRUPTED;
        }
        return optimizer.done() ? Outcome.State.CONVERGED : Outcome.State.BUDGET_SPENT;
    }

    /**
     * The campaign's score of a proposal: the metric's plus the budget term (design/CostTerms), each
     * sample's total journaled. Called in the order of proposal, so an automatic coefficient is
     * fixed by the first score told, and journaled before any total that uses it.
     */
    private Optional<Score> total(Proposal head, Optional<Score> score) {
        if (score.isEmpty()) {
            return score;
        }
        boolean known = costs.coefficient().isPresent();
        var total = costs.total(head.point(), score.get());
        if (!known && costs.coefficient().isPresent()) {
            journal.putMeta(Map.of(COEFFICIENT_META, Double.toString(costs.coefficient().getAsDouble())));
        }
        if (total != score.get()) {
            for (var single : head.samples()) {
                var s = single.result().join();
                if (s.isPresent() && !s.get().components().containsKey(CostTerms.COST)) {
                    // one sample: its total is the proposal's; replicates: each its own
                    journal.rescored(single.sample(), head.samples().size() == 1 ? total
                        : costs.total(head.point(), s.get()));
                }
            }
        }
        return Optional.of(total);
    }

    /** The results told so far, in the order the points were proposed (empty: the sample failed). */
    List<Optional<Score>> told() {
        return List.copyOf(told);
    }

    /**
     * After a stop, waits (at most a minute) until every queued sample has been journaled as it ended
     * (the executor, closed by whoever stopped the loop, ends the jobs), so the campaign is not closed
     * while a sample is still marked running.
     */
    private void awaitInFlight() {
        var pending = queue.stream().flatMap(p -> p.samples().stream()).map(Single::result)
            .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(pending).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a job that never ends is journaled as interrupted on resume
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the loop; the caller closes the executor, which ends the running jobs. */
    void stop() {
        stopping = true;
    }

    /** Queues a point as the campaign's replicates of it; returns how many new samples that made
    * (counted against the budget). */
    private int propose(Point point, int events) {
        if (!config.space().contains(point)) {
            throw new IllegalStateException("optimizer proposed " + point + " outside the space");
        }
        var singles = new ArrayList<Single>();
        int created = 0;
        for (int k = 0; k < config.replicates(); k++) {
            var single = sample(point, events);
            created += single.isNew() ? 1 : 0;
            singles.add(single.single());
        }
        CompletableFuture<Optional<Score>> result = singles.size() == 1 ? singles.get(0).result()
            : CompletableFuture.allOf(singles.stream().map(Single::result).toArray(CompletableFuture[]::new))
                .thenApply(v -> Replicates.combine(singles.stream().map(x -> x.result().join()).toList()));
        queue.add(new Proposal(point, events, List.copyOf(singles), result));
        queuedSamples += singles.size();
        return created;
    }

    private record NewOrNot(Single single, boolean isNew) {
    }

    /** One sample of the point: answered from an identical one (this loop's or the journal's) or run. */
    private NewOrNot sample(Point point, int events) {
        long seed = config.seeds().seedFor(config.seed(), nextId);
        String key = SampleKey.of(fingerprint, config.space().format(point), seed, events);
        var same = byKey.get(key);
        if (same != null) {   // the same sample again (fixed seeds): never spend budget on a duplicate
            return new NewOrNot(same, false);
        }
        long id = nextId;
        var recorded = journal.sample(id);
        if (recorded.isEmpty() || !recorded.get().key().equals(key)) {
            // the same simulation already finished for another origin (a scan point the optimizer
            // proposes, the centre of a second scan): answer from it, spending nothing
            var done = journal.finishedWithKey(key);
            if (done.isPresent()) {
                var single = new Single(done.get().id(), CompletableFuture.completedFuture(done.get().toScore()));
                byKey.put(key, single);
                reused++;
                return new NewOrNot(single, false);
            }
        }
        nextId++;
        var sample = new Sample(id, key, point, seed, events, samplesDir.resolve("%06d".formatted(id)));
        var result = new CompletableFuture<Optional<Score>>();
        var single = new Single(id, result);
        byKey.put(key, single);
        if (recorded.isEmpty()) {
            journal.created(sample, origin, clock.instant());
            runner.submit(sample, 1, result);
            return new NewOrNot(single, true);
        }
        var r = recorded.get();
        if (!r.key().equals(key)) {
            throw new InputError(journal.file(), "sample " + id,
                "the journal's sample " + id + " differs from what this campaign proposes now (seed, point or "
                    + "simulator changed)", "run with --force-new to start a new campaign (the old folder is kept)");
        }
        if (r.status().done()) {
            reused++;
            result.complete(r.toScore());
        } else if (r.status() == SampleStatus.RUNNING && !r.jobId().isEmpty()) {
            log.info("sample={} job={} action=attach", id, r.jobId());
            runner.attach(sample, Math.max(1, r.attempts()), r.jobId(), result);
        } else {
            log.info("sample={} state={} action=rerun", id, r.status());
            runner.submit(sample, 1, result);
        }
        return new NewOrNot(single, true);
    }

    private void count(Proposal told, Optional<Score> score) {
        for (var single : told.samples()) {
            if (!counted.add(single.sample())) {
                continue;   // a duplicate proposal of a sample already counted
            }
            if (single.result().join().isEmpty()) {
                failed++;
                failedInRow++;
            } else {
                finished++;
                failedInRow = 0;
            }
        }
        if (told.events() > bestEvents) {   // a higher fidelity: scores on a new scale
            bestEvents = told.events();
            bestScore = Double.POSITIVE_INFINITY;
            bestPoint = null;
        }
        if (score.isPresent() && told.events() == bestEvents && score.get().value() < bestScore) {
            bestScore = score.get().value();
            bestPoint = told.point();
            bestSample = told.first();
        }
    }

    private void recordPath() {
        if (optimizer instanceof PathRecording pr) {
            var steps = pr.path();
            for (int i = pathRecorded; i < steps.size(); i++) {
                journal.path(steps.get(i).index(), PathJson.of(steps.get(i), config.space()));
            }
            pathRecorded = steps.size();
        }
    }

    private Progress.Snapshot snapshot(Instant begin) {
        var elapsed = Duration.between(begin, clock.instant());
        int ran = finished + failed - reused;
        Optional<Duration> eta = Optional.empty();
        if (ran > 0) {
            long left = Math.max(0, config.budget() - (nextId - firstId));
            eta = Optional.of(elapsed.multipliedBy(left).dividedBy(ran));
        }
        return new Progress.Snapshot(finished, failed, running.get(), reused, config.budget(),
            Double.isFinite(bestScore) ? OptionalDouble.of(bestScore) : OptionalDouble.empty(),
            Optional.ofNullable(bestPoint), bestSample, elapsed, eta);
    }
}
