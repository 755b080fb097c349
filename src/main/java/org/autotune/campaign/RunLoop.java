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
import java.util.concurrent.CompletionException;
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
import org.autotune.journal.OriginWindow;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.autotune.metric.Metric;
import org.autotune.optimize.Optimizer;
import org.autotune.optimize.Result;
import org.autotune.score.Score;
import org.autotune.simulate.Simulator;
import org.autotune.space.Point;

/**
 * The campaign loop: ask the optimizer for points, turn them into samples, answer each from the
 * journal when it already finished, otherwise run and score it; tell the optimizer the results.
 *
 * <p>Results are told strictly in the order the points were proposed, one at a time, and the
 * optimizer is asked again after each one for {@code slots − outstanding} points. The sequence of
 * ask/tell calls is therefore a pure function of the scores, independent of which job happens to
 * end first, and resuming a campaign is replaying it: every proposal whose sample finished before
 * is answered from the journal, and nothing finished is run twice.
 *
 * <p>Each sample is named by the loop's origin and its ordinal within it ({@code optimizer/17},
 * {@code scan-1/14}); replay finds a proposal's sample in the journal by that name. New samples
 * get the journal's next row number as their folder name ({@code samples/000042}); samples already
 * journaled keep the folder they have.
 */
final class RunLoop {
    /** What a loop runs on: shared by every loop of a campaign. */
    record Setup(CampaignConfig config, int slots, Journal journal, Simulator simulator, Metric metric,
                 Executor executor, ExecutorService scoring, Path samplesDir, Clock clock, Reuse reuse) {
    }

    /** How the loop ended, the scores it told in the order the points were proposed, and the last counts. */
    record Ending(Outcome.State state, List<Optional<Score>> scores, Progress.Snapshot last) {
        Ending {
            scores = List.copyOf(scores);
        }
    }

    private final Setup setup;
    private final CampaignConfig config;
    private final Journal journal;
    private final Optimizer optimizer;
    private final Progress progress;
    private final SampleRunner runner;
    private final String fingerprint;
    private final String origin;
    private final List<StopRule> rules;
    private final ProposalTotals totals;
    private final ReplayCheck replay;
    /** This origin's journaled samples, read ahead in ordinal order (a replay looks up every one). */
    private final OriginWindow recorded;

    private final ArrayDeque<Proposal> queue = new ArrayDeque<>();
    private final Map<String, NewOrNot> byKey = new HashMap<>();
    private int queuedSamples;
    private final AtomicInteger running = new AtomicInteger();
    private final Set<Long> counted = new HashSet<>();
    private final List<Optional<Score>> told = new ArrayList<>();
    private volatile boolean stopping;
    private InfrastructureFailure infrastructureFailure;
    private int nextOrdinal;
    private int used;
    private int finished;
    private int failed;
    private int reused;
    /** Finished or failed samples answered from the journal (another origin's), which spend no budget. */
    private int answered;
    /** The samples this loop's proposals count against its budget (created here, or replayed). */
    private final Set<Long> spending = new HashSet<>();
    private int failedInRow;
    private int sinceBetter;
    private int pathRecorded;
    private double bestScore = Double.POSITIVE_INFINITY;
    private int bestEvents;
    private Point bestPoint;
    private String bestSample = "";
    private Instant begin;

    /** One sample (by row id) and its score (empty: failed). */
    private record Single(long sample, CompletableFuture<Optional<Score>> result) {
    }

    /**
     * A point in the queue, the samples that answer it (one, or the campaign's replicates) and
     * their combined score (empty: all failed).
     */
    private record Proposal(Point point, int events, List<Single> samples, String name,
                            CompletableFuture<Optional<Score>> result) {
    }

    /**
     * A loop whose samples come from {@code origin}, numbered from {@code firstOrdinal} within it,
     * that stops when the optimizer is done or a rule says so.
     */
    RunLoop(Setup setup, Optimizer optimizer, String origin, int firstOrdinal, List<StopRule> rules,
            CostTerms costs, Progress progress) {
        this.setup = setup;
        this.config = setup.config();
        this.journal = setup.journal();
        this.optimizer = optimizer;
        this.origin = origin;
        this.nextOrdinal = firstOrdinal;
        this.rules = List.copyOf(rules);
        this.totals = new ProposalTotals(costs, setup.journal());
        // an optimizer phase after the first (see CampaignRevisions) keeps its batches apart from the phase before
        this.replay = new ReplayCheck(setup.journal(), firstOrdinal > 1 && origin.equals(SeedPolicy.OPTIMIZER)
            ? origin + "@" + firstOrdinal : origin);
        this.recorded = new OriginWindow(setup.journal(), origin);
        this.progress = progress;
        this.fingerprint = setup.simulator().fingerprint();
        this.runner = new SampleRunner(journal, setup.simulator(), setup.metric(), setup.executor(), setup.scoring(),
            setup.clock(), config.retries(), running, () -> stopping);
    }

    /** Runs until the optimizer is done, a stop rule ends it, or the user stops it. */
    Ending run() {
        begin = setup.clock().instant();
        while (!stopping) {
            askMore();
            if (queue.isEmpty()) {
                break;
            }
            var head = queue.peek();
            Optional<Score> score;
            try {
                score = head.result().join();
            } catch (CompletionException e) {   // a sample's job could not run, again and again
                infrastructureFailure = InfrastructureFailure.in(e).orElseThrow(() -> e);
                stopping = true;
                runner.stopWaiting();
                return end(Outcome.State.INFRASTRUCTURE_FAILED);
            }
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
            progress.update(snapshot());
            var tally = tally();
            var reason = rules.stream().map(r -> r.check(tally)).flatMap(Optional::stream).findFirst();
            if (reason.isPresent()) {
                return end(reason.get());
            }
        }
        if (stopping) {
            awaitInFlight();
            return end(Outcome.State.INTERRUPTED);
        }
        // an optimizer done at a limit of its own has spent its samples too: it did not converge
        return end(optimizer.done() && optimizer.converged() ? Outcome.State.CONVERGED : Outcome.State.BUDGET_SPENT);
    }

    private Ending end(Outcome.State state) {
        var last = snapshot();
        progress.end(last);
        return new Ending(state, told, last);
    }

    private StopRule.Tally tally() {
        return new StopRule.Tally(used, failedInRow, sinceBetter, Duration.between(begin, setup.clock().instant()));
    }

    /** Asks the optimizer for as many points as there are free slots and the rules allow. */
    private void askMore() {
        if (optimizer.done()) {
            return;
        }
        int r = config.replicates();
        int free = Math.max(0, setup.slots() - queuedSamples);
        var tally = tally();
        int allowed = rules.stream().mapToInt(rule -> rule.allowance(tally)).min().orElse(Integer.MAX_VALUE);
        // with more replicates than slots, one point at a time
        int n = Math.min(queue.isEmpty() ? Math.max(1, free / r) : free / r, allowed / r);
        if (n > 0) {
            var points = optimizer.ask(n);
            int events = optimizer.events().orElse(config.events());
            // each point formatted once: the replay check, the journal's point and the sample key all use it
            var formatted = points.stream().map(config.space()::format).toList();
            replay.check(formatted, events, nextOrdinal);
            for (int i = 0; i < points.size(); i++) {
                used += propose(points.get(i), formatted.get(i), events);
            }
        }
    }

    private Optional<Score> total(Proposal head, Optional<Score> score) {
        return totals.total(head.point(), score, head.samples().stream()
            .map(s -> Map.entry(s.sample(), s.result().join())).toList());
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

    /** Why the loop stopped with INFRASTRUCTURE_FAILED: what could not run, where, and what to check. */
    Optional<String> infrastructureFailure() {
        return Optional.ofNullable(infrastructureFailure).map(Throwable::getMessage);
    }

    /** Stops the loop; the caller closes the executor, which ends the running jobs. */
    void stop() {
        stopping = true;
        runner.stopWaiting();
    }

    /** Queues a point as the campaign's replicates of it; returns how many new samples that made
    * (counted against the budget). */
    private int propose(Point point, Map<String, String> values, int events) {
        if (!config.space().contains(point)) {
            throw new IllegalStateException("optimizer proposed " + point + " outside the space");
        }
        var singles = new ArrayList<Single>();
        int created = 0;
        String name = "";
        for (int k = 0; k < config.replicates(); k++) {
            var single = sample(point, values, events);
            created += single.isNew() ? 1 : 0;
            if (single.isNew()) {
                spending.add(single.single().sample());
            }
            singles.add(single.single());
            name = name.isEmpty() ? single.name() : name;
        }
        CompletableFuture<Optional<Score>> result = singles.size() == 1 ? singles.get(0).result()
            : CompletableFuture.allOf(singles.stream().map(Single::result).toArray(CompletableFuture[]::new))
                .thenApply(v -> Replicates.combine(singles.stream().map(x -> x.result().join()).toList()));
        queue.add(new Proposal(point, events, List.copyOf(singles), name, result));
        queuedSamples += singles.size();
        return created;
    }

    private record NewOrNot(Single single, String name, boolean isNew) {
    }

    /**
     * One sample of the point: answered from an identical one (this loop's or the journal's), or
     * the next ordinal of this origin, run (or, on replay, found in the journal by its name).
     */
    private NewOrNot sample(Point point, Map<String, String> values, int events) {
        int ordinal = nextOrdinal;
        var recorded = this.recorded.sample(ordinal);
        // a recorded sample keeps its seed: a journal from an older version numbered its samples differently
        long seed = recorded.filter(r -> r.events() == events
            && SampleKey.samePoint(config.space(), r.point(), point, values))
            .map(SampleRecord::seed).orElseGet(() -> config.seeds().seedFor(config.seed(), origin, ordinal));
        String key = SampleKey.of(fingerprint, values, seed, events);
        var same = byKey.get(key);
        if (same != null) {   // the same sample again (fixed seeds): never spend budget on a duplicate
            return new NewOrNot(same.single(), same.name(), false);
        }
        if (recorded.isEmpty() || !recorded.get().key().equals(key)) {
            // the same simulation already finished for another origin (a scan point the optimizer
            // proposes, the centre of a second scan): answer from it, spending nothing
            var done = journal.finishedWithKey(key).or(() -> setup.reuse().answer(journal, setup.metric(), key, point,
                seed, events, setup.clock()));
            if (done.isPresent()) {
                var single = new Single(done.get().id(), CompletableFuture.completedFuture(done.get().toScore()));
                var answer = new NewOrNot(single, done.get().name(), false);
                byKey.put(key, answer);
                reused++;
                return answer;
            }
        }
        nextOrdinal++;
        return recorded.isEmpty() ? create(point, events, ordinal, seed, key) : replay(recorded.get(), key);
    }

    private NewOrNot create(Point point, int events, int ordinal, long seed, String key) {
        long id = journal.nextId();
        var sample = new Sample(id, key, point, seed, events, setup.samplesDir().resolve("%06d".formatted(id)),
            origin + "/" + ordinal);
        var result = new CompletableFuture<Optional<Score>>();
        var answer = new NewOrNot(new Single(id, result), origin + "/" + ordinal, true);
        byKey.put(key, answer);
        journal.created(sample, origin, ordinal, setup.clock().instant());
        runner.submit(sample, 1, result);
        return answer;
    }

    /** A proposal the journal has a sample for: its score, its job followed again, or run again. */
    private NewOrNot replay(SampleRecord r, String key) {
        if (!r.key().equals(key)) {
            throw new InputError(journal.file(), "sample " + r.name(),
                "the journal's sample " + r.name() + " differs from what this campaign proposes now (seed, point or "
                    + "simulator changed)", "run with --force-new to start a new campaign (the old folder is kept)");
        }
        var result = new CompletableFuture<Optional<Score>>();
        var answer = new NewOrNot(new Single(r.id(), result), r.name(), true);
        byKey.put(key, answer);
        if (r.status().done()) {
            reused++;
            result.complete(r.toScore());
        } else {
            var sample = new Sample(r.id(), key, Point.of(r.point()), r.seed(), r.events(), Path.of(r.folder()),
                r.name());
            // a cluster job may still run and is followed again; otherwise the sample runs again, once
            // the executor has ended what an earlier coordinator left running in its folder
            runner.resume(sample, r.status(), Math.max(1, r.attempts()),
                r.status() == SampleStatus.RUNNING ? r.jobId() : "", result);
        }
        return answer;
    }

    private void count(Proposal told, Optional<Score> score) {
        for (var single : told.samples()) {
            if (!counted.add(single.sample())) {
                continue;   // a duplicate proposal of a sample already counted
            }
            answered += spending.contains(single.sample()) ? 0 : 1;
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
        sinceBetter++;
        // the noise replicates ran with other seeds than the campaign's: never its best
        if (score.isPresent() && told.events() == bestEvents && score.get().value() < bestScore
            && !origin.equals(SampleRecord.NOISE)) {
            bestScore = score.get().value();
            bestPoint = told.point();
            bestSample = told.name();
            sinceBetter = 0;
        }
    }

    private void recordPath() {
        for (var step : optimizer.pathSince(pathRecorded)) {
            journal.path(step.index(), PathJson.of(step, config.space()));
            pathRecorded++;
        }
    }

    private Progress.Snapshot snapshot() {
        var elapsed = Duration.between(begin, setup.clock().instant());
        int ran = finished + failed - reused;
        Optional<Duration> eta = Optional.empty();
        if (ran > 0) {
            long left = Math.max(0, config.budget() - used);
            eta = Optional.of(elapsed.multipliedBy(left).dividedBy(ran));
        }
        return new Progress.Snapshot(finished, failed, running.get(), reused, config.budget(),
            Double.isFinite(bestScore) ? OptionalDouble.of(bestScore) : OptionalDouble.empty(),
            Optional.ofNullable(bestPoint), bestSample, elapsed, eta, answered);
    }
}
