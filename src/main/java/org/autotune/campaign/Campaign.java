package org.autotune.campaign;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.autotune.InputError;
import org.autotune.analysis.LocalAnalysis;
import org.autotune.analysis.LocalMinimumCheck;
import org.autotune.analysis.ScanDesign;
import org.autotune.design.CostTerms;
import org.autotune.design.FixedBudget;
import org.autotune.design.FixedBudgetOptimizer;
import org.autotune.execute.Executor;
import org.autotune.execute.Executors;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.autotune.metric.Metric;
import org.autotune.metric.Metrics;
import org.autotune.optimize.FidelitySchedule;
import org.autotune.optimize.FixedDesign;
import org.autotune.optimize.Optimizer;
import org.autotune.optimize.Optimizers;
import org.autotune.score.Score;
import org.autotune.score.ScoreType;
import org.autotune.simulate.Simulator;
import org.autotune.simulate.Simulators;
import org.autotune.space.Point;

/**
 * A campaign on disk: its folder (journal, sample folders, log) and the one coordinator allowed
 * to write it (a lock file). Opening checks that the campaign file still matches the journal;
 * {@link #run} runs or resumes it.
 */
public final class Campaign implements AutoCloseable {
    private final CampaignConfig config;
    private final Path dir;
    private final Journal journal;
    private final FileChannel lockChannel;
    private final int slots;
    private volatile RunLoop loop;
    private volatile Executor executor;
    /** Scores finished samples and journals outcomes, off the executor's threads. */
    private final ExecutorService scoring;

    private Campaign(CampaignConfig config, Path dir, Journal journal, FileChannel lockChannel, int slots) {
        this.config = config;
        this.dir = dir;
        this.journal = journal;
        this.lockChannel = lockChannel;
        this.slots = slots;
        this.scoring = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            var t = new Thread(r, "autotune-score");
            t.setDaemon(true);
            return t;
        });
    }

    /** The campaign folder used when none is given: {@code <file stem>.autotune} next to the file. */
    public static Path defaultDirectory(Path campaignFile) {
        String stem = campaignFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return campaignFile.toAbsolutePath().getParent().resolve(stem + ".autotune");
    }

    /** Builds every component once, so any mistake in the campaign file shows before anything runs. */
    public static void check(CampaignConfig config) {
        Simulators.create(config.simulator(), config.space(), config.directory());
        Metrics.create(config.metric(), config.directory());
        int slots = Executors.slots(config.executor(), OptionalInt.empty());
        optimizer(config, slots, config.seeds() == SeedPolicy.FRESH);
        Anchors.of(config);
    }

    /**
     * The campaign's optimizer; with a fixed budget it searches the other parameters and each point
     * it proposes has the solved parameter added (design/FixedBudget); with a fidelity schedule it
     * runs in stages of rising events per sample (optimize/FidelitySchedule).
     */
    static Optimizer optimizer(CampaignConfig config, int slots, boolean noisy) {
        var fixed = config.design().filter(d -> d.fixedParameter().isPresent())
            .map(d -> FixedBudget.solver(d, config.space()));
        var searched = fixed.map(FixedBudget::reduced).orElse(config.space());
        var optimizer = config.fidelity().<Optimizer>map(f ->
            new FidelitySchedule(searched, f.stages(config.replicates()),
                (space, stage) -> Optimizers.create(config.optimizer(), space, config.seed() + stage, slots, noisy)))
            .orElseGet(() -> Optimizers.create(config.optimizer(), searched, config.seed(), slots, noisy));
        return fixed.<Optimizer>map(b -> new FixedBudgetOptimizer(optimizer, b))
            .orElse(optimizer);
    }

    /** Adds the budget term to each score told, with the coefficient the journal already fixed (if any). */
    private CostTerms costTerms() {
        var known = journal.meta(RunLoop.COEFFICIENT_META).map(Double::parseDouble);
        return config.design().map(d -> new CostTerms(d, known.isPresent()
            ? OptionalDouble.of(known.get()) : OptionalDouble.empty()))
            .orElseGet(CostTerms::none);
    }

    /**
     * Opens (creating when needed) the campaign folder for running.
     *
     * @param mustExist true for {@code resume}: a campaign that never ran is an error
     */
    public static Campaign open(CampaignConfig config, Overrides overrides, boolean mustExist) {
        check(config);
        Path dir = overrides.dir().orElse(defaultDirectory(config.file())).toAbsolutePath();
        Path journalFile = dir.resolve(Journal.FILE_NAME);
        boolean exists = Files.isRegularFile(journalFile);
        if (mustExist && !exists) {
            throw new InputError(config.file(), "", "this campaign has not been run yet (no journal in " + dir + ")",
                "start it with 'autotune run " + config.file() + "'");
        }
        if (exists && overrides.forceNew()) {
            moveAside(dir);
            exists = false;
        }
        var lock = lock(dir, config);
        var journal = Journal.open(journalFile);
        try {
            if (exists) {
                checkUnchanged(config, journal);
            }
            var meta = new LinkedHashMap<String, String>();
            int slots = exists ? Integer.parseInt(journal.meta("slots").orElseThrow())
                : Executors.slots(config.executor(), overrides.slots());
            long seed = exists ? Long.parseLong(journal.meta("seed").orElseThrow()) : config.seed();
            int budget = overrides.budget().orElse(exists
                ? Integer.parseInt(journal.meta("budget").orElseThrow()) : config.budget());
            if (!exists) {
                meta.put("name", config.name());
                meta.put("campaign_file", config.file().toAbsolutePath().toString());
                meta.put("campaign_text", config.text());
                meta.put("campaign_hash", config.hash());
                meta.put("created", Instant.now().toString());
                meta.put("slots", Integer.toString(slots));
                meta.put("seed", Long.toString(seed));
            }
            meta.put("budget", Integer.toString(budget));
            journal.putMeta(meta);
            var effective = config.with(new Overrides(Optional.of(budget), OptionalInt.empty(),
                OptionalLong.of(seed), Optional.empty(), false));
            return new Campaign(effective, dir, journal, lock, slots);
        } catch (RuntimeException e) {
            journal.close();
            release(lock);
            throw e;
        }
    }

    public Path directory() { return dir; }

    public Journal journal() { return journal; }

    public CampaignConfig config() { return config; }

    public int slots() { return slots; }

    /** Runs (or resumes) the campaign with its own executor until it converges, spends its budget,
    * is stopped or fails. */
    public Outcome run(Progress progress, Clock clock) {
        try (var ex = Executors.create(config.executor(), slots, dir, config.name())) {
            return run(progress, clock, ex);
        }
    }

    /**
     * Runs the campaign on an executor it may share with other campaigns; the caller closes the
     * executor. The campaign never has more than its own slots of samples in flight.
     */
    public Outcome run(Progress progress, Clock clock, Executor ex) {
        var simulator = Simulators.create(config.simulator(), config.space(), config.directory());
        var metric = Metrics.create(config.metric(), config.directory());
        var optimizer = optimizer(config, slots, config.seeds() == SeedPolicy.FRESH);
        journal.putMeta(Map.of("state", "running"));
        executor = ex;
        var last = new Progress.Snapshot[1];
        Progress recording = recording(progress, last);
        loop = new RunLoop(config, slots, journal, simulator, metric, optimizer, ex, scoring, dir.resolve("samples"),
            clock, recording, costTerms());
        var state = loop.run();
        journal.putMeta(Map.of("state", state.spelling()));
        optimizer.estimate().ifPresent(e -> journal.putMeta(Map.of("estimate", ScanJson.write(e.asMap()))));
        return new Outcome(state, journal.best(), last[0], message(state));
    }

    /** What a scan did: how its samples ended, and the analysis of the region (absent when interrupted). */
    public record ScanOutcome(int number, int points, Outcome outcome,
                              Optional<LocalAnalysis> analysis,
                              Optional<CampaignAnalysis> report) {
    }

    /** Sample ids of scan k start at k · SCAN_BLOCK + 1, apart from the optimizer's (from 1). */
    static final long SCAN_BLOCK = 1_000_000;

    /**
     * Scans around the best sample and analyses the region (see {@link org.autotune.analysis.ScanDesign}):
     * scan k's design is stored in the journal before it starts, so an interrupted scan resumes
     * with the same points; a finished one is followed by a new scan around the then best sample.
     *
     * @param width scan half-step per parameter, in units of the parameter's {@code step}
     */
    public ScanOutcome scan(Progress progress, Clock clock, double width) {
        var space = config.space();
        if (!space.continuous()) {
            throw new InputError(config.file(), "", "scan needs real or log parameters only (this campaign has integer "
                + "or choice parameters)", "fix the discrete parameters at their best values in a copy of the campaign");
        }
        int k = newest("scan");
        if (finished("scan", k)) {
            var best = journal.best().orElseThrow(() -> new InputError(config.file(), "", "no finished sample to scan "
                + "around yet", "run the campaign first: autotune run " + config.file()));
            double[] center = space.toUnit(LocalAnalysis.pointOf(space, best.point()));
            double[] widths = new double[space.dimension()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.min(0.2, width * space.parameter(i).unitStep());
            }
            k++;
            journal.putMeta(Map.of("scans", Integer.toString(k), "scan." + k + ".state", "lines",
                "scan." + k + ".lines", ScanJson.write(ScanDesign.lines(center, widths))));
        }
        var simulator = Simulators.create(config.simulator(), space, config.directory());
        var metric = Metrics.create(config.metric(), config.directory());
        double k1 = metric.type() == ScoreType.NEGATIVE_LOG_LIKELIHOOD ? 1 : 2;
        try (var ex = Executors.create(config.executor(), slots, dir, config.name() + "-scan" + k)) {
            executor = ex;
            var lines = ScanJson.read(journal.meta("scan." + k + ".lines").orElseThrow());
            int total = lines.points().size() + ScanDesign.size(space.dimension());
            Outcome outcome;
            if (journal.meta("scan." + k + ".state").orElseThrow().equals("lines")) {
                outcome = runDesign(lines, "scan-" + k, k * SCAN_BLOCK + 1, simulator, metric, ex, progress, clock);
                if (outcome.state() == Outcome.State.INTERRUPTED || outcome.state() == Outcome.State.TOO_MANY_FAILURES) {
                    return new ScanOutcome(k, total, outcome, Optional.empty(), Optional.empty());
                }
                double[] scores = loop.told().stream().mapToDouble(r -> r.map(x -> x.value()).orElse(Double.NaN))
                    .toArray();
                var full = ScanDesign.around(lines.center(), lines.adaptedWidths(scores, k1));
                journal.putMeta(Map.of("scan." + k + ".state", "full", "scan." + k + ".design", ScanJson.write(full)));
            }
            var design = ScanJson.read(journal.meta("scan." + k + ".design").orElseThrow());
            outcome = runDesign(design, "scan-" + k, k * SCAN_BLOCK + SCAN_BLOCK / 2 + 1, simulator, metric, ex,
                progress, clock);
            if (outcome.state() == Outcome.State.INTERRUPTED || outcome.state() == Outcome.State.TOO_MANY_FAILURES) {
                return new ScanOutcome(k, total, outcome, Optional.empty(), Optional.empty());
            }
            journal.putMeta(Map.of("scan." + k + ".state", "done"));
            var report = CampaignAnalysis.of(space, metric.type(), journal, 1).orElseThrow();
            journal.putMeta(Map.of("analysis", ScanJson.write(report.toMap())));
            return new ScanOutcome(k, total, outcome, Optional.of(report.local()), Optional.of(report));
        }
    }

    /**
     * Runs fixed points as journaled samples of one origin on the campaign's executor, numbered from
     * {@code firstId}: samples already finished (of this or any origin, same point, seed and events)
     * are not run again, so an interrupted design resumes where it stopped.
     */
    public Outcome runPoints(List<Point> points, String origin, long firstId,
                             Progress progress, Clock clock) {
        var simulator = Simulators.create(config.simulator(), config.space(), config.directory());
        var metric = Metrics.create(config.metric(), config.directory());
        try (var ex = Executors.create(config.executor(), slots, dir, config.name() + "-" + origin)) {
            executor = ex;
            return runPoints(points, origin, firstId, simulator, metric, ex, progress, clock);
        }
    }

    /** Scores of the samples the last {@link #runPoints} told, in the order of its points (empty for a failure). */
    public List<Optional<Score>> lastScores() {
        return loop.told();
    }

    /** A finished 2-D grid: the two parameters, their values along each axis, and the scores (NaN
    * for a failed sample). */
    public record Grid(String x, String y, double[] xs, double[] ys, double[][] scores) {
    }

    /** What a grid scan did. */
    public record GridOutcome(int number, Outcome outcome, Optional<Grid> grid) {
    }

    /** Sample ids of grid k start at GRID_BASE + k · SCAN_BLOCK + 1. */
    static final long GRID_BASE = 1000 * SCAN_BLOCK;

    /**
     * A 2-D grid of size × size samples over one pair of parameters around the minimum (the fitted
     * one where the analysis has it, else the best sample), the others fixed there: ±{@code span}
     * of each parameter's 1σ from the analysis, or ±{@code span} steps before any analysis.
     * {@code pair} null picks the most correlated pair of the analysis. The grid is stored in the
     * journal before it runs, so an interrupted grid resumes with the same points.
     */
    public GridOutcome grid(String[] pair, int size, double span, Progress progress, Clock clock) {
        var space = config.space();
        if (!space.continuous()) {
            throw new InputError(config.file(), "", "grid scans need real or log parameters only (this campaign has "
                + "integer or choice parameters)", "fix the discrete parameters at their best values in a copy of the "
                + "campaign");
        }
        int k = newest("grid");
        if (finished("grid", k)) {
            var type = Metrics.create(config.metric(), config.directory()).type();
            var analysis = CampaignAnalysis.of(space, type, journal, 1).orElseThrow(() -> new InputError(config.file(),
                "", "no finished sample to scan around yet", "run the campaign first: autotune run " + config.file()));
            var constraints = analysis.local().constraints();
            int[] axes = new int[2];
            if (pair == null) {
                if (constraints.isEmpty()) {
                    throw new InputError(config.file(), "--grid", "no analysis to pick the most correlated pair from",
                        "run 'autotune scan " + config.file() + "' first, or name the pair: --grid A,B");
                }
                double[][] r = constraints.get().correlation();
                double most = -1;
                for (int i = 0; i < r.length; i++) {
                    for (int j = i + 1; j < r.length; j++) {
                        if (Math.abs(r[i][j]) > most) {
                            most = Math.abs(r[i][j]);
                            axes = new int[] {i, j};
                        }
                    }
                }
            } else {
                for (int a = 0; a < 2; a++) {
                    axes[a] = space.names().indexOf(pair[a]);
                    if (axes[a] < 0) {
                        throw new InputError(config.file(), "--grid", "no parameter '" + pair[a] + "' in this campaign",
                            "use two of " + String.join(", ", space.names()));
                    }
                }
                if (axes[0] == axes[1]) {
                    throw new InputError(config.file(), "--grid", "the pair names '" + pair[0] + "' twice",
                        "name two different parameters, e.g. --grid " + space.names().get(0) + ","
                            + space.names().get(Math.min(1, space.dimension() - 1)));
                }
            }
            var center = analysis.local().minimum().orElse(LocalAnalysis.pointOf(space,
                journal.best().orElseThrow().point()));
            double[] c = space.toUnit(center);
            double[] half = new double[2];
            for (int a = 0; a < 2; a++) {
                int i = axes[a];
                double sigma = constraints.map(x -> x.estimates().get(i).unitSigma()).orElse(space.parameter(i)
                    .unitStep());
                half[a] = Math.max(1e-3, Math.min(0.5, span * sigma));
            }
            var points = ScanDesign.grid(c, axes[0], axes[1], half, size);
            k++;
            var meta = new LinkedHashMap<String, Object>();
            meta.put("x", space.names().get(axes[0]));
            meta.put("y", space.names().get(axes[1]));
            meta.put("size", size);
            meta.put("points", points);
            journal.putMeta(Map.of("grids", Integer.toString(k), "grid." + k + ".state", "running",
                "grid." + k + ".design", ScanJson.write(meta)));
        }
        var design = ScanJson.readGrid(journal.meta("grid." + k + ".design").orElseThrow());
        var points = design.points().stream().map(space::fromUnit).toList();
        var outcome = runPoints(points, "grid-" + k, GRID_BASE + k * SCAN_BLOCK + 1, progress, clock);
        if (outcome.state() == Outcome.State.INTERRUPTED || outcome.state() == Outcome.State.TOO_MANY_FAILURES) {
            return new GridOutcome(k, outcome, Optional.empty());
        }
        var scores = lastScores();
        int n = design.size();
        int ix = space.names().indexOf(design.x());
        int iy = space.names().indexOf(design.y());
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[][] map = new double[n][n];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                int at = row * n + col;
                xs[col] = points.get(at).get(ix);
                ys[row] = points.get(at).get(iy);
                map[row][col] = scores.get(at).map(Score::value).orElse(Double.NaN);
            }
        }
        var grid = new Grid(design.x(), design.y(), xs, ys, map);
        journal.putMeta(Map.of("grid." + k + ".state", "done", "grid." + k + ".result", ScanJson.write(grid)));
        return new GridOutcome(k, outcome, Optional.of(grid));
    }

    /** What a local-minimum check found: the minimum it compared with, and the points that beat it beyond noise. */
    public record CheckOutcome(int number, int points, Outcome outcome, SampleRecord minimum,
                               List<LocalMinimumCheck.Better> better,
                               Optional<Path> restartFile) {
    }

    /** Sample ids of local-minimum check k start at CHECK_BASE + k · SCAN_BLOCK + 1. */
    static final long CHECK_BASE = 500 * SCAN_BLOCK;

    /**
     * The local-minimum check: a Sobol sample of {@code count} points over the whole space
     * ({@code width} ≥ 0.5) or a box of half-width {@code width} (fraction of each range) around the
     * best sample, run as journaled samples; then the points that beat the best sample of the
     * campaign (not of earlier checks) by more than the noise. When one does, a copy of the campaign
     * file starting from the best of them is written next to it. Check k's points are stored before
     * it runs, so an interrupted check resumes with the same points.
     */
    public CheckOutcome check(Progress progress, Clock clock, int count, double width) {
        var space = config.space();
        var minimum = journal.samples().stream()
            .filter(r -> !r.origin().startsWith("check-") && r.toScore().isPresent())
            .min(Comparator.comparingDouble(r -> r.score().getAsDouble()))
            .orElseThrow(() -> new InputError(config.file(), "", "no finished sample to compare with yet",
                "run the campaign first: autotune run " + config.file()));
        int k = newest("check");
        if (finished("check", k)) {
            double[] center = space.toUnit(LocalAnalysis.pointOf(space, minimum.point()));
            int used = 0;
            for (int i = 1; i <= k; i++) {
                used += ScanJson.readPoints(journal.meta("check." + i + ".points").orElseThrow()).size();
            }
            k++;
            journal.putMeta(Map.of("checks", Integer.toString(k), "check." + k + ".state", "running",
                "check." + k + ".points", ScanJson.write(LocalMinimumCheck.design(center, width,
                    count, used))));
        }
        var unit = ScanJson.readPoints(journal.meta("check." + k + ".points").orElseThrow());
        var points = unit.stream().map(space::fromUnit).toList();
        var outcome = runPoints(points, "check-" + k, CHECK_BASE + k * SCAN_BLOCK + 1, progress, clock);
        if (outcome.state() == Outcome.State.INTERRUPTED || outcome.state() == Outcome.State.TOO_MANY_FAILURES) {
            return new CheckOutcome(k, points.size(), outcome, minimum, List.of(), Optional.empty());
        }
        var better = LocalMinimumCheck.better(minimum.toScore().orElseThrow(), points,
            lastScores());
        Optional<Path> restart = better.isEmpty() ? Optional.empty()
            : Optional.of(RestartFile.write(config, better.get(0).point()));
        journal.putMeta(Map.of("check." + k + ".state", "done", "check." + k + ".better",
            Integer.toString(better.size())));
        return new CheckOutcome(k, points.size(), outcome, minimum, better, restart);
    }

    /** The number of the newest stored design of a kind (scan, grid, check); 0 when there is none. */
    private int newest(String kind) {
        return Integer.parseInt(journal.meta(kind + "s").orElse("0"));
    }

    /** True when design k of a kind is absent (k = 0) or done, so that the command starts a new one. */
    private boolean finished(String kind, int k) {
        return k == 0 || journal.meta(kind + "." + k + ".state").orElse("").equals("done");
    }

    /** Passes progress on and keeps the last snapshot in {@code last[0]} for the outcome. */
    private static Progress recording(Progress progress, Progress.Snapshot[] last) {
        return new Progress() {
            @Override
            public void update(Progress.Snapshot s) {
                last[0] = s;
                progress.update(s);
            }

            @Override
            public void end(Progress.Snapshot s) {
                last[0] = s;
                progress.end(s);
            }
        };
    }

    /** Runs a fixed design's points as samples of one origin, numbered from {@code firstId}. */
    private Outcome runDesign(ScanDesign design, String origin, long firstId,
                              Simulator simulator, Metric metric,
                              Executor ex, Progress progress, Clock clock) {
        return runPoints(design.points().stream().map(config.space()::fromUnit).toList(), origin, firstId, simulator,
            metric, ex, progress, clock);
    }

    private Outcome runPoints(List<Point> points, String origin, long firstId,
                              Simulator simulator, Metric metric,
                              Executor ex, Progress progress, Clock clock) {
        var scanConfig = config.with(new Overrides(Optional.of(points.size()), OptionalInt.empty(),
            OptionalLong.empty(), Optional.empty(), false));
        var last = new Progress.Snapshot[1];
        loop = new RunLoop(scanConfig, slots, journal, simulator, metric, new FixedDesign(points),
            ex, scoring, dir.resolve("samples"), clock, recording(progress, last), origin, firstId, costTerms());
        var state = loop.run();
        return new Outcome(state, journal.best(), last[0], switch (state) {
            case INTERRUPTED -> "stopped; 'autotune " + origin.replaceFirst("-\\d+$", "") + " " + config.file()
                + "' continues where it stopped";
            case TOO_MANY_FAILURES -> message(state);
            default -> "every scan sample has finished";
        });
    }

    /** Stops a running campaign (Ctrl-C, SIGTERM): ends its jobs and leaves the journal consistent. */
    public void stop() {
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
        journal.close();
        release(lockChannel);
    }

    private String message(Outcome.State state) {
        return switch (state) {
            case CONVERGED -> "the optimizer converged";
            case BUDGET_SPENT -> "the budget of " + config.budget() + " samples is spent; "
                + "'autotune resume " + config.file() + " --budget N' continues with a larger budget";
            case INTERRUPTED -> "stopped; 'autotune resume " + config.file() + "' continues where it stopped";
            case TOO_MANY_FAILURES -> "stopped: the last samples all failed, so the setup is probably wrong; "
                + "look at the newest folder in " + dir.resolve("samples") + " (stderr.txt) and 'autotune status'";
        };
    }

    private static void checkUnchanged(CampaignConfig config, Journal journal) {
        var before = journal.meta("campaign_text").orElse("");
        if (journal.meta("campaign_hash").orElse("").equals(config.hash())) {
            return;
        }
        throw new InputError(config.file(), "", "the campaign file changed since this campaign started ("
            + TextDiff.describe(before, config.text()) + ")",
            "undo the change to continue, or pass --force-new to start a new campaign (the old folder is kept)");
    }

    private static void moveAside(Path dir) {
        var stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now());
        var target = dir.resolveSibling(dir.getFileName() + "-" + stamp);
        try {
            Files.move(dir, target);
        } catch (IOException e) {
            throw new UncheckedIOException("moving the old campaign folder " + dir + " to " + target, e);
        }
    }

    private static FileChannel lock(Path dir, CampaignConfig config) {
        try {
            Files.createDirectories(dir);
            var ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                String holder = Files.readString(dir.resolve("lock"), StandardCharsets.UTF_8).trim();
                ch.close();
                throw new InputError(config.file(), "", "campaign folder " + dir + " is in use by another autotune "
                    + "process" + (holder.isEmpty() ? "" : " (pid " + holder + ")"),
                    "wait for it to finish or stop it (Ctrl-C); use --dir to run a separate copy");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            return ch;
        } catch (IOException e) {
            throw new UncheckedIOException("locking campaign folder " + dir, e);
        }
    }

    private static void release(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            throw new UncheckedIOException("releasing the campaign lock", e);
        }
    }
}
