package org.autotune.campaign;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.autotune.execute.Executor;
import org.autotune.execute.Executors;
import org.autotune.journal.Journal;
import org.autotune.optimize.FixedDesign;
import org.autotune.optimize.Optimizers;
import org.autotune.score.Score;
import org.autotune.space.Point;

/**
 * A campaign opened for running: its folder (journal, lock), its components built once, and the
 * runs on it — the optimizer's ({@link #run}) and fixed designs of points ({@link #runDesign}),
 * which the post-tuning designs (scans, grids, checks, anchors) use.
 */
public final class Campaign implements AutoCloseable {
    private final CampaignFolder folder;
    private final Components parts;
    private final CampaignConfig config;
    private volatile RunLoop loop;
    private volatile Executor executor;
    /** Set by {@link #stop}: no run starts, and one starting now stops at once. */
    private volatile boolean stopped;
    /** Scores finished samples and journals outcomes, off the executor's threads. */
    private final ExecutorService scoring;
    private final Reuse reuse;
    private final String revisionNote;
    /** How many samples opening re-scored for a changed metric; empty: none needed. */
    private final Optional<Integer> rescoredOnOpen;

    private Campaign(CampaignFolder folder, Components parts, String revisionNote, Optional<Integer> rescored) {
        this.folder = folder;
        this.parts = parts;
        this.revisionNote = revisionNote;
        this.rescoredOnOpen = rescored;
        this.reuse = new Reuse(folder.config().reuse());
        this.config = folder.config();
        int slots = folder.slots();
        this.scoring = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
            r -> {
                var t = new Thread(r, "autotune-score");
                t.setDaemon(true);
                return t;
            });
    }

    /** The campaign folder used when none is given: {@code <file stem>.autotune} next to the file. */
    public static Path defaultDirectory(Path campaignFile) {
        return CampaignFolder.defaultDirectory(campaignFile);
    }

    /**
     * Builds every component once, so any mistake in the campaign file shows before anything runs;
     * returns what the optimizer will be (e.g. {@code auto: surrogate (the metric has observables)}).
     */
    public static String check(CampaignConfig config) {
        var parts = Components.assemble(config);
        return Optimizers.describe(config.optimizer(), config.space(), config.seeds() == SeedPolicy.FRESH,
            parts.metric().observables());
    }

    /**
     * Opens (creating when needed) the campaign folder for running.
     *
     * @param mustExist true for {@code resume}: a campaign that never ran is an error
     */
    public static Campaign open(CampaignConfig config, Overrides overrides, boolean mustExist) {
        return open(config, overrides, mustExist, Clock.systemUTC());
    }

    /** As {@link #open(CampaignConfig, Overrides, boolean)}, with the clock that stamps the folder. */
    public static Campaign open(CampaignConfig config, Overrides overrides, boolean mustExist, Clock clock) {
        var parts = Components.assemble(config);
        var folder = CampaignFolder.open(config, overrides, mustExist, clock);
        String note = folder.revisionNote();
        var components = new Components(folder.config(), parts.simulator(), parts.metric(), parts.anchors());
        Optional<Integer> rescored;
        try {
            rescored = CampaignRevisions.rescore(folder.journal(), parts.metric(), components.costTerms(
                folder.journal()), clock);
            if (rescored.isPresent()) {
                note += (note.isEmpty() ? "" : "; ") + "re-scored " + rescored.get() + " finished samples from "
                    + "their stored outputs, ran none";
            }
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
        return new Campaign(folder, components, note, rescored);
    }

    /**
     * {@code autotune refit}: journals a new revision and re-scores every finished sample from the
     * outputs its folder keeps with the campaign file's metric; returns how many it re-scored. When
     * opening has just done so (the file's metric changed), that revision stands and nothing is redone.
     */
    public int refit(Clock clock) {
        if (rescoredOnOpen.isPresent()) {
            return rescoredOnOpen.get();
        }
        CampaignRevisions.refit(config, journal(), clock);
        return CampaignRevisions.rescore(journal(), parts.metric(), parts.costTerms(journal()), clock).orElse(0);
    }

    /**
     * What an edit of the campaign file since the last run meant (a new revision, a new optimizer
     * phase, samples re-scored), in words; empty when the file is as it was.
     */
    public String revisionNote() { return revisionNote; }

    public Path directory() { return folder.dir(); }

    public Journal journal() { return folder.journal(); }

    public CampaignConfig config() { return config; }

    public int slots() { return folder.slots(); }

    /** The simulator, metric and anchors of the campaign file. */
    public Components components() { return parts; }

    /** Runs (or resumes) the campaign with its own executor until it converges, spends its budget,
    * is stopped or fails. */
    public Outcome run(Progress progress, Clock clock) {
        try (var ex = Executors.create(config.executor(), slots(), directory(), config.name())) {
            return run(progress, clock, ex);
        }
    }

    /**
     * Runs the campaign on an executor it may share with other campaigns; the caller closes the
     * executor. The campaign never has more than its own slots of samples in flight.
     */
    public Outcome run(Progress progress, Clock clock, Executor ex) {
        var journal = journal();
        var queued = Enqueued.points(config, journal);   // one now outside the space is refused before anything runs
        journal.putMeta(Map.of("state", "running"));
        if (!queued.isEmpty()) {
            var first = runEnqueued(queued, progress, clock, ex);
            if (first.isPresent()) {
                journal.putMeta(Map.of("state", first.get().state().spelling()));
                return first.get();
            }
        }
        // the optimizer's phase (see CampaignRevisions): its first ordinal, the samples before it, its start
        int from = CampaignRevisions.latest(journal).optimizerFrom();
        var phase = config.withSpace(CampaignRevisions.phaseSpace(config, journal));
        var optimizer = new Components(phase, parts.simulator(), parts.metric(), parts.anchors()).optimizer(slots());
        optimizer.learn(CampaignRevisions.earlier(config, journal, phase.space()));
        int left = Math.max(0, config.budget() - (from - 1));   // the budget is the campaign's, over all phases
        var rules = new ArrayList<StopRule>(List.of(new StopRule.Budget(left), StopRule.FailureRate.forSlots(slots())));
        rules.addAll(config.stop().rules());
        JournalPresent.of(journal.file()).ifPresent(rules::add);
        try (optimizer) {
            // progress counts this phase's samples against what is left of the budget for it
            var phaseSetup = from == 1 ? setup(ex, clock) : new RunLoop.Setup(config.with(new Overrides(
                Optional.of(Math.max(1, left)), OptionalInt.empty(), OptionalLong.empty(), Optional.empty(), false)),
                slots(), journal, parts.simulator(), parts.metric(), ex, scoring, folder.samples(), clock, reuse);
            running(ex, new RunLoop(phaseSetup, optimizer, SeedPolicy.OPTIMIZER, from, rules,
                parts.costTerms(journal), progress));
            var result = loop.run();
            var state = result.state();
            journal.putMeta(Map.of("state", state.spelling()));
            optimizer.estimate().ifPresent(e -> journal.putMeta(Map.of("estimate", ScanJson.write(e.asMap()))));
            return new Outcome(state, journal.best(), result.last(), message(state, result.last(), optimizer.done()));
        }
    }

    /** What a fixed design's run did, and each point's score in the design's order (empty: failed). */
    public record DesignRun(Outcome outcome, List<Optional<Score>> scores) {
        public DesignRun {
            scores = List.copyOf(scores);
        }
    }

    /**
     * Runs fixed points as journaled samples of one origin, named {@code origin/firstOrdinal},
     * {@code origin/firstOrdinal+1}, … on an executor of its own: samples already finished (of this or
     * any origin, same point, seed and events) are not run again, so an interrupted design resumes
     * where it stopped.
     *
     * @param command what the samples are for the message ({@code scan}, {@code grid}, {@code check},
     *                {@code region}, {@code noise}, {@code screen}); the command that continues an
     *                interrupted design
     */
    public DesignRun runDesign(List<Point> points, String origin, int firstOrdinal, String command,
                               Progress progress, Clock clock) {
        try (var ex = Executors.create(config.executor(), slots(), directory(), config.name() + "-" + origin)) {
            var designConfig = config.with(new Overrides(Optional.of(points.size()), OptionalInt.empty(),
                OptionalLong.empty(), Optional.empty(), false));
            var designSetup = new RunLoop.Setup(designConfig, slots(), journal(), parts.simulator(), parts.metric(),
                ex, scoring, folder.samples(), clock, reuse);
            running(ex, new RunLoop(designSetup, new FixedDesign(points), origin, firstOrdinal,
                List.of(new StopRule.Budget(points.size()), StopRule.FailureRate.forSlots(slots())),
                parts.costTerms(journal()), progress));
            var result = loop.run();
            var state = result.state();
            var message = switch (state) {
                // grids and the region's waves are continued by the scan command
                case INTERRUPTED -> "stopped; 'autotune " + (List.of("grid", "region", "noise").contains(command)
                    ? "scan " + config.file() + (command.equals("grid") ? " --grid auto" : "")
                    : command + " " + config.file()) + "' continues where it stopped";
                case TOO_MANY_FAILURES, INFRASTRUCTURE_FAILED -> message(state, result.last(), false);
                default -> "every " + (command.equals("screen") ? "screening" : command) + " sample has finished";
            };
            return new DesignRun(new Outcome(state, journal().best(), result.last(), message), result.scores());
        }
    }

    private RunLoop.Setup setup(Executor ex, Clock clock) {
        return new RunLoop.Setup(config, slots(), journal(), parts.simulator(), parts.metric(), ex, scoring,
            folder.samples(), clock, reuse);
    }

    /**
     * Runs the points queued by {@code autotune enqueue} as samples {@code enqueued/1}, ... before the
     * optimizer (those finished before are answered from the journal); returns the outcome when that
     * run did not end with every point told (stopped, failed).
     */
    private Optional<Outcome> runEnqueued(List<Point> points, Progress progress, Clock clock, Executor ex) {
        var designConfig = config.with(new Overrides(Optional.of(points.size()), OptionalInt.empty(),
            OptionalLong.empty(), Optional.empty(), false));
        var s = new RunLoop.Setup(designConfig, slots(), journal(), parts.simulator(), parts.metric(), ex, scoring,
            folder.samples(), clock, reuse);
        running(ex, new RunLoop(s, new FixedDesign(points), Enqueued.ORIGIN, 1, List.of(new StopRule.Budget(
            points.size()), StopRule.FailureRate.forSlots(slots())), parts.costTerms(journal()), progress));
        var result = loop.run();
        return switch (result.state()) {
            case INTERRUPTED, TOO_MANY_FAILURES, INFRASTRUCTURE_FAILED -> Optional.of(new Outcome(result.state(),
                journal().best(), result.last(), message(result.state(), result.last(), false)));
            default -> Optional.empty();
        };
    }

    /**
     * Makes {@code l} the loop that {@link #stop} stops. A stop that came before (while the campaign
     * was opening, or between two runs) stops it at once: it then submits nothing and ends INTERRUPTED.
     */
    private void running(Executor ex, RunLoop l) {
        executor = ex;
        loop = l;
        if (stopped) {   // read after writing loop and executor: stop() sees them, or this sees stopped
            l.stop();
            ex.close();
        }
    }

    /**
     * Stops a running campaign (Ctrl-C, SIGTERM), and any run it would start after: ends its jobs and
     * leaves the journal consistent. Safe from any thread, at any time.
     */
    public void stop() {
        stopped = true;
        var l = loop;
        if (l != null) {
            l.stop();
        }
        var ex = executor;
        if (ex != null) {
            ex.close();
        }
    }

    /** Waits for outcomes still being journaled (jobs ended by closing the executor), then closes the journal. */
    @Override
    public void close() {
        scoring.shutdown();
        try {
            scoring.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            reuse.close();
        } finally {
            folder.close();
        }
    }

    /**
     * The one line that says why the run ended and what to do next.
     *
     * @param optimizerDone the optimizer had stopped (for BUDGET_SPENT: at a limit of its own)
     */
    private String message(Outcome.State state, Progress.Snapshot last, boolean optimizerDone) {
        return switch (state) {
            case CONVERGED -> "the optimizer converged (its own stopping test was met) after " + last.done()
                + " samples";
            // an optimizer whose own limit coincides with the budget's end spent the budget
            case BUDGET_SPENT -> optimizerDone && last.spent() < last.budget()
                ? "the optimizer stopped at a limit of its own after " + last.done() + " of the " + config.budget()
                    + " samples, without converging; raise its limit under optimizer: (generations, evaluations, "
                    + "waves or iterations) to search further"
                : "the budget of " + config.budget() + " samples is spent before the optimizer converged; "
                    + "'autotune resume " + config.file() + " --budget N' continues with a larger budget";
            case INTERRUPTED -> "stopped; 'autotune resume " + config.file() + "' continues where it stopped";
            case TOO_MANY_FAILURES -> "stopped: the last samples all failed, so the setup is probably wrong; "
                + "look at the newest folder in " + folder.samples() + " (stderr.txt) and 'autotune status'";
            case STAGNATED -> "stopped: the best score did not improve in the last "
                + config.stop().stagnation().orElse(0) + " samples (stop: stagnation)";
            case WALL_TIME -> "stopped after the wall time of stop: wall-time; 'autotune resume " + config.file()
                + "' continues where it stopped";
            case INFRASTRUCTURE_FAILED -> "stopped: " + loop.infrastructureFailure().orElse("a sample could not run")
                + "; then 'autotune resume " + config.file() + "' runs it again";
        };
    }
}
