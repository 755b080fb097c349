package org.autotune.bench;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.autotune.YamlFile;
import org.autotune.score.Observable;
import org.autotune.score.Score;
import org.autotune.optimize.Optimizer;
import org.autotune.optimize.Optimizers;
import org.autotune.optimize.Result;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * Every optimizer on simulation-tuning problems, side by side on the same seeds, in process (no
 * simulator processes, so thousands of samples take seconds to minutes).
 *
 * <p>Analytic problems are a χ² of observables against data, as a tuning metric gives it:
 * observables o(θ) with simulation errors (noisy problems draw fresh Gaussian noise per sample,
 * additive or multiplicative) against data d = o(θ*) with error σ_d. The optimizer sees the noisy
 * score and the observables; the <em>target</em> is on the noise-free score: the first sample whose
 * true χ² is within 1 of the minimum (statistically indistinguishable from it).
 *
 * <p>{@code toy-dmc} is the example campaign (8 parameters, 40 events per sample, common random
 * numbers) with the real simulator code, template, output files and metric ({@link ToyDmcInProcess});
 * its target is the score of the true parameters with the same seed plus that score's standard
 * error, as in {@code bench/toy-dmc}.
 *
 * <p>The campaign loop is emulated exactly: {@code slots} samples in flight, results told in the
 * order asked, a new ask after each tell; every simulation takes one time unit, so a sample's
 * <em>wave</em> is one more than the wave of the sample whose result freed its slot. Reported per
 * optimizer and problem, medians over seeds: samples to target, waves to target, the final
 * distance to the truth (root-mean-square over the unit-cube coordinates, of the optimizer's
 * estimate or else its best sample) and the optimizer's CPU time per sample (ask + tell).
 *
 * <p>Budget 600 samples on the analytic problems (300 with --quick), 400 on toy-dmc; at most 150
 * for {@code bayesian}, whose model costs O(m³) per ask.
 *
 * <p>usage: OptimizersBench [--quick] [--problems a,b] [--optimizers a,b] [SLOTS (default 8)]
 * [SEEDS (default 1,2,3,4,5)]
 */
public final class OptimizersBench {
    /** A benchmark problem: what the optimizer sees of a sample, and when it counts as at the target. */
    interface Problem {
        String name();

        Space space();

        /** True when the same point scores differently from sample to sample. */
        boolean noisy();

        int budget(boolean quick);

        /** Scores a sample; analytic noisy problems draw their noise from {@code noise}. */
        /** The sample's score; null when the sample fails (the campaign records it failed and tells no score). */
        Score evaluate(long seed, long id, Point point, SplittableRandom noise);

        /** True when a sample with this score at this point reaches the target. */
        boolean reached(long seed, Point point, Score score);

        /** Root-mean-square distance to the truth over the unit-cube coordinates. */
        double distance(Point point);

        /** True when samples may be evaluated on several threads (no shared noise stream). */
        default boolean parallel() {
            return false;
        }
    }

    /** Observables of the unit-cube point, data at the truth; simulation errors additive or relative. */
    record Analytic(String name, int n, double sigmaSim, boolean relative, double sigmaData,
                    java.util.function.Function<double[], double[]> observables, double[] truth, boolean noisy)
        implements Problem {
        @Override
        public Space space() {
            return OptimizersBench.space(n);
        }

        @Override
        public int budget(boolean quick) {
            return quick ? 300 : 600;
        }

        private double simError(double o) {
            return relative ? sigmaSim * Math.abs(o) : sigmaSim;
        }

        /** The noise-free χ², with the errors the data and an average simulation would have at the truth. */
        double trueScore(double[] u) {
            double[] o = observables.apply(u);
            double[] d = observables.apply(truth);
            double s = 0;
            for (int i = 0; i < o.length; i++) {
                double e = simError(d[i]);
                s += (o[i] - d[i]) * (o[i] - d[i]) / (e * e + sigmaData * sigmaData);
            }
            return s;
        }

        @Override
        public Score evaluate(long seed, long id, Point point, SplittableRandom noise) {
            double[] o = observables.apply(space().toUnit(point));
            double[] data = observables.apply(truth);
            var obs = new ArrayList<Observable>();
            double chi2 = 0;
            for (int k = 0; k < o.length; k++) {
                double sim = o[k] * (noisy && relative ? 1 + sigmaSim * noise.nextGaussian() : 1)
                    + (noisy && !relative ? sigmaSim * noise.nextGaussian() : 0);
                double e = simError(sim);
                obs.add(new Observable("o" + k, sim, e, data[k], sigmaData));
                chi2 += (sim - data[k]) * (sim - data[k]) / (e * e + sigmaData * sigmaData);
            }
            return new Score(chi2, OptionalDouble.of(Math.sqrt(2 * o.length + 4 * chi2)), Map.of(), obs);
        }

        @Override
        public boolean reached(long seed, Point point, Score score) {
            return trueScore(space().toUnit(point)) <= 1;
        }

        @Override
        public double distance(Point point) {
            return rms(space().toUnit(point), truth);
        }
    }

    /** The toy-DMC campaign in process; the target depends on the seed (common random numbers). */
    static final class ToyDmc implements Problem, AutoCloseable {
        static final int EVENTS = 40;
        private final ToyDmcInProcess toy = ToyDmcInProcess.create();
        private final Map<Long, Double> targets = new java.util.concurrent.ConcurrentHashMap<>();
        private final Point truth;

        ToyDmc() {
            var names = toy.space().names();
            truth = new Point(names, names.stream().mapToDouble(ToyDmcBench.TRUTH::get).toArray());
        }

        @Override
        public String name() {
            return "toy-dmc";
        }

        @Override
        public Space space() {
            return toy.space();
        }

        @Override
        public boolean noisy() {
            return false;   // seeds: fixed, as in the example campaign
        }

        @Override
        public int budget(boolean quick) {
            return 400;
        }

        @Override
        public boolean parallel() {
            return true;
        }

        @Override
        public Score evaluate(long seed, long id, Point point, SplittableRandom noise) {
            try {
                return toy.score(id, point, seed, EVENTS);
            } catch (org.autotune.metric.MetricException e) {
                return null;   // e.g. an extreme point whose pulses are not numbers: a failed sample
            }
        }

        Point truth() {
            return truth;
        }

        /** A sample with another number of events than the campaign's 40; null when it fails. */
        Score evaluate(long seed, long id, Point point, int events) {
            try {
                return toy.score(id, point, seed, events);
            } catch (org.autotune.metric.MetricException e) {
                return null;
            }
        }

        /** The truth's score with this seed plus its standard error. */
        double target(long seed) {
            return targets.computeIfAbsent(seed, s -> {
                var score = toy.score(Long.MAX_VALUE, truth, s, EVENTS);
                return score.value() + score.standardError().orElse(0);
            });
        }

        @Override
        public boolean reached(long seed, Point point, Score score) {
            return score.value() <= target(seed);
        }

        @Override
        public double distance(Point point) {
            return rms(space().toUnit(point), space().toUnit(truth));
        }

        @Override
        public void close() throws java.io.IOException {
            toy.close();
        }
    }

    record Run(int samples, int toTarget, int waves, double distance, double cpuMillisPerSample) {
    }

    private OptimizersBench() {
    }

    static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }

    /** Observables linear in the point, with correlated columns (as detector features are locally). */
    static Analytic linear(int n, int m, boolean noisy, long seed) {
        var rng = new SplittableRandom(seed);
        double[][] a = new double[m][n];
        for (double[] row : a) {
            for (int i = 0; i < n; i++) {
                row[i] = rng.nextGaussian();
            }
            row[0] += row[1];   // a built-in correlation between the first two parameters
        }
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = 0.2 + 0.6 * rng.nextDouble();
        }
        return new Analytic("linear-" + n + (noisy ? "-noisy" : ""), n, noisy ? 0.02 : 0.01, false, 0.01, u -> {
            double[] o = new double[m];
            for (int k = 0; k < m; k++) {
                for (int i = 0; i < n; i++) {
                    o[k] += a[k][i] * u[i];
                }
            }
            return o;
        }, truth, noisy);
    }

    /**
     * Rosenbrock as residuals (a sum of squares: (y − x²) and (1 − x)/10), x = 4u − 2 in [−2, 2],
     * minimum at x = 1; with errors of 0.01 the target needs |1 − x| ≲ 0.14 along the curved valley.
     * With {@code relative}, the observables are 1 + residual (positive, like rates) and the
     * simulation error is 2% of the observable (multiplicative noise).
     */
    static Analytic rosenbrock(int n, boolean noisy, boolean relative) {
        double[] truth = new double[n];
        java.util.Arrays.fill(truth, 0.75);
        double offset = relative ? 1 : 0;
        return new Analytic("rosenbrock-" + n + (noisy ? relative ? "-multiplicative" : "-noisy" : ""), n,
            relative ? 0.02 : noisy ? 0.02 : 0.01, relative, 0.01, u -> {
                double[] o = new double[2 * (n - 1)];
                for (int i = 0; i < n - 1; i++) {
                    double x = 4 * u[i] - 2;
                    double y = 4 * u[i + 1] - 2;
                    o[2 * i] = offset + y - x * x;
                    o[2 * i + 1] = offset + 0.1 * (1 - x);
                }
                return o;
            }, truth, noisy);
    }

    /**
     * A curved valley with a local minimum, in pairs of parameters (x, y) = 4u − 2: residuals
     * (y − x²), (x − 1)(x + 0.6)/2 and 0.1·(x − 1). Along the valley y = x² the second residual
     * vanishes at x = 1 (the truth, χ² = 0) and at x = −0.6, a local minimum that the third residual
     * lifts to χ² ≈ 0.8 with errors of 1; scaled to errors of 0.02 it is a hole of depth ≈ 2000. The
     * start (u = 0.1, x = −1.6) lies on the local minimum's side.
     */
    static Analytic valley(int n, boolean noisy) {
        double[] truth = new double[n];
        for (int i = 0; i < n; i += 2) {
            truth[i] = 0.75;          // x = 1
            truth[i + 1] = 0.75;      // y = x² = 1
        }
        return new Analytic("valley-" + n + (noisy ? "-noisy" : ""), n, 0.02, false, 0.01, u -> {
            double[] o = new double[3 * n / 2];
            for (int i = 0; i < n; i += 2) {
                double x = 4 * u[i] - 2;
                double y = 4 * u[i + 1] - 2;
                o[3 * i / 2] = y - x * x;
                o[3 * i / 2 + 1] = (x - 1) * (x + 0.6) / 2;
                o[3 * i / 2 + 2] = 0.1 * (x - 1);
            }
            return o;
        }, truth, noisy);
    }

    static Space space(int n) {
        var params = new ArrayList<Parameter>();
        for (int i = 0; i < n; i++) {
            params.add(new Parameter("x" + i, ParameterKind.REAL, 0, 1, 0.1, 0.1, "", "", List.of()));
        }
        return new Space(params);
    }

    /** Runs one optimizer on one problem with the campaign loop's ask/tell pattern. */
    static Run run(Problem p, String yaml, long seed, int slots, int budget) {
        var space = p.space();
        // every problem here is a chi2 of observables, as the built-in metrics give
        Optimizer opt = Optimizers.create(YamlFile.parse(Path.of("bench.yaml"), yaml), space, seed, slots, p.noisy(),
            true);
        var noise = new SplittableRandom(seed * 7919 + 1);
        record InFlight(Point point, int wave, Score score) {
        }
        var queue = new ArrayDeque<InFlight>();
        int used = 0;
        int toTarget = -1;
        int wavesToTarget = -1;
        long cpu = 0;
        int headWave = 0;
        Point best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        while (true) {
            if (!opt.done()) {
                int n = Math.min(slots - queue.size(), budget - used);
                if (n > 0) {
                    long t0 = System.nanoTime();
                    var points = opt.ask(n);
                    cpu += System.nanoTime() - t0;
                    int first = used;
                    var stream = java.util.stream.IntStream.range(0, points.size());
                    var scores = (p.parallel() ? stream.parallel() : stream)
                        .mapToObj(k -> p.evaluate(seed, first + k + 1, points.get(k), noise)).toList();
                    for (int k = 0; k < points.size(); k++) {
                        queue.add(new InFlight(points.get(k), headWave + 1, scores.get(k)));
                    }
                    used += points.size();
                }
            }
            if (queue.isEmpty()) {
                break;
            }
            var head = queue.poll();
            headWave = head.wave();
            long t0 = System.nanoTime();
            opt.tell(List.of(new Result(head.point(), Optional.ofNullable(head.score()))));
            cpu += System.nanoTime() - t0;
            if (head.score() == null) {
                continue;
            }
            if (head.score().value() < bestValue) {
                bestValue = head.score().value();
                best = head.point();
            }
            if (toTarget < 0 && p.reached(seed, head.point(), head.score())) {
                toTarget = used - queue.size();   // samples told so far, this one included
                wavesToTarget = head.wave();
            }
            if (toTarget >= 0 && used >= budget) {
                break;
            }
            if (toTarget >= 0 && queue.isEmpty() && opt.done()) {
                break;
            }
        }
        var end = opt.estimate().orElse(best);
        return new Run(used, toTarget, wavesToTarget, end == null ? Double.NaN : p.distance(end),
            cpu / 1e6 / Math.max(1, used));
    }

    static double median(double[] v) {
        var c = v.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    public static void main(String[] args) throws Exception {
        var rest = new ArrayList<>(List.of(args));
        boolean quick = rest.remove("--quick");
        var problemNames = option(rest, "--problems");
        var optimizerNames = option(rest, "--optimizers");
        int slots = !rest.isEmpty() ? Integer.parseInt(rest.get(0)) : 8;
        List<Long> seeds = rest.size() > 1 ? List.of(rest.get(1).split(",")).stream().map(Long::parseLong).toList()
            : quick ? List.of(1L, 2L) : List.of(1L, 2L, 3L, 4L, 5L);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ROOT"))
            .setLevel(ch.qos.logback.classic.Level.WARN);
        var all = new ArrayList<Problem>(quick ? List.of(linear(4, 8, true, 11), rosenbrock(8, true, true))
            : List.of(linear(4, 8, false, 11), linear(8, 16, false, 12), linear(8, 16, true, 12), rosenbrock(3, false,
                false), rosenbrock(3, true, false), rosenbrock(8, true, true), valley(4, false), valley(4, true)));
        var toy = problemNames.isEmpty() || problemNames.contains("toy-dmc") ? new ToyDmc() : null;
        if (toy != null) {
            all.add(toy);
        }
        var problems = all.stream().filter(p -> problemNames.isEmpty() || problemNames.contains(p.name())).toList();
        var optimizers = new LinkedHashMap<String, String>();
        optimizers.put("coordinate-descent", "type: coordinate-descent\nrefinements: 8");
        optimizers.put("cma-es", "type: cma-es");
        // both refuse noisy scores in a campaign; here they run anyway, to measure what noise does to them
        optimizers.put("nelder-mead", "type: nelder-mead\nnoisy: no");
        optimizers.put("bobyqa", "type: bobyqa\nnoisy: no");
        optimizers.put("bayesian", "type: bayesian");
        optimizers.put("surrogate", "type: surrogate");
        // the default: these scores carry observables, so it runs the surrogate
        optimizers.put("auto", "type: auto");
        optimizers.keySet().removeIf(o -> !optimizerNames.isEmpty() && !optimizerNames.contains(o));
        System.out.printf(Locale.ROOT, "slots %d, seeds %s%s; target: true chi2 within 1 of the minimum (toy-dmc: the "
            + "truth's score + its standard error); medians over seeds%n", slots, seeds, quick ? " (quick)" : "");
        System.out.println("| problem | optimizer | samples to target | waves to target | reached | final distance "
            + "| CPU ms per sample |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        var ratios = new LinkedHashMap<String, String>();
        for (var p : problems) {
            double cdMedian = Double.NaN;
            double defaultMedian = Double.NaN;
            int budget = p.budget(quick);
            for (var o : optimizers.entrySet()) {
                // the GP costs O(m^3) per ask: a smaller budget keeps the benchmark to minutes
                int b = o.getKey().equals("bayesian") ? Math.min(budget, 150) : budget;
                var runs = seeds.stream().map(s -> run(p, o.getValue(), s, slots, b)).toList();
                double[] to = runs.stream().mapToDouble(r -> r.toTarget() < 0 ? Double.POSITIVE_INFINITY : r.toTarget())
                    .toArray();
                double[] waves = runs.stream().mapToDouble(r -> r.toTarget() < 0 ? Double.POSITIVE_INFINITY : r.waves())
                    .toArray();
                double mTo = median(to);
                double mWaves = median(waves);
                long reached = runs.stream().filter(r -> r.toTarget() >= 0).count();
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %d of %d | %.3f | %.3f |%n", p.name(), o.getKey(),
                    Double.isInfinite(mTo) ? "> " + b : String.format(Locale.ROOT, "%.0f", mTo),
                    Double.isInfinite(mWaves) ? "-" : String.format(Locale.ROOT, "%.0f", mWaves), reached, runs.size(),
                    median(runs.stream().mapToDouble(Run::distance).toArray()),
                    median(runs.stream().mapToDouble(Run::cpuMillisPerSample).toArray()));
                if (o.getKey().equals("coordinate-descent")) {
                    cdMedian = mTo;
                }
                if (o.getKey().equals(Optimizers.DEFAULT)) {
                    defaultMedian = mTo;
                }
            }
            String ratio;
            if (Double.isInfinite(defaultMedian)) {
                ratio = Double.isInfinite(cdMedian) ? "n/a (neither reached the target within " + budget + " samples)"
                    : String.format(Locale.ROOT, "< %.2f (the default did not reach the target)", cdMedian / budget);
            } else {
                ratio = Double.isInfinite(cdMedian) ? "> " + String.format(Locale.ROOT, "%.1f", budget / defaultMedian)
                    : String.format(Locale.ROOT, "%.2f", cdMedian / defaultMedian);
            }
            ratios.put(p.name(), ratio);
        }
        if (toy != null) {
            toy.close();
        }
        ratios.forEach((name, ratio) -> System.out.printf(Locale.ROOT, "%s: samples-to-target coordinate-descent/default "
            + "= %s%n", name, ratio));
        // the last line: the toy-DMC problem's ratio (the measure) when it ran, else the last problem's
        if (!ratios.isEmpty()) {
            String last = ratios.containsKey("toy-dmc") ? "toy-dmc" : List.copyOf(ratios.keySet()).get(ratios.size() - 1);
            System.out.println("ratio samples-to-target coordinate-descent/default = " + ratios.get(last));
        }
    }

    /** Removes {@code --name value} from the arguments and returns the comma-separated values. */
    private static List<String> option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return List.of();
        }
        var values = List.of(args.get(i + 1).split(","));
        args.remove(i + 1);
        args.remove(i);
        return values;
    }
}
