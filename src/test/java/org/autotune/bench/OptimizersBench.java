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
import org.autotune.metric.Observable;
import org.autotune.metric.Score;
import org.autotune.optimize.Optimizer;
import org.autotune.optimize.Optimizers;
import org.autotune.optimize.Result;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * Every optimizer on analytic simulation-tuning problems, side by side on the same seeds, in
 * process (no simulator processes, so thousands of samples take seconds).
 *
 * <p>Each problem is a χ² of observables against data, as a tuning metric gives it:
 * observables o(θ) with simulation error σ_s (noisy problems draw fresh Gaussian noise per
 * sample) against data d = o(θ*) with error σ_d. The optimizer sees the noisy score and the
 * observables; the <em>target</em> is on the noise-free score: the first sample whose true χ² is
 * within 1 of the minimum (statistically indistinguishable from it).
 *
 * <p>The campaign loop is emulated exactly: {@code slots} samples in flight, results told in the
 * order asked, a new ask after each tell; every simulation takes one time unit, so a sample's
 * <em>wave</em> is one more than the wave of the sample whose result freed its slot. Reported per
 * optimizer and problem, medians over seeds: samples to target, waves to target, and the
 * optimizer's CPU time per sample (ask + tell).
 *
 * <p>Budget 600 samples (300 with --quick); 150 for {@code bayesian}, whose model costs O(m³) per ask.
 *
 * <p>usage: OptimizersBench [--quick] [SLOTS (default 8)] [SEEDS (default 1,2,3,4,5)]
 */
public final class OptimizersBench {
    /** A problem: dimension, observables of the unit-cube point, their errors, the data point. */
    record Problem(String name, int n, double sigmaSim, double sigmaData, java.util.function.Function<double[], double[]> observables,
                   double[] truth, boolean noisy) {
        double trueScore(double[] u) {
            double[] o = observables.apply(u);
            double[] d = observables.apply(truth);
            double v = sigmaSim * sigmaSim + sigmaData * sigmaData;
            double s = 0;
            for (int i = 0; i < o.length; i++) {
                s += (o[i] - d[i]) * (o[i] - d[i]) / v;
            }
            return s;
        }
    }

    record Run(int samples, int toTarget, int waves, double cpuMillisPerSample) {
    }

    private OptimizersBench() {
    }

    /** Observables linear in the point, with correlated columns (as detector features are locally). */
    static Problem linear(int n, int m, boolean noisy, long seed) {
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
        return new Problem("linear-" + n + (noisy ? "-noisy" : ""), n, noisy ? 0.02 : 0.01, 0.01, u -> {
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
     */
    static Problem rosenbrock(int n, boolean noisy) {
        double[] truth = new double[n];
        java.util.Arrays.fill(truth, 0.75);
        return new Problem("rosenbrock-" + n + (noisy ? "-noisy" : ""), n, noisy ? 0.02 : 0.01, 0.01, u -> {
            double[] o = new double[2 * (n - 1)];
            for (int i = 0; i < n - 1; i++) {
                double x = 4 * u[i] - 2;
                double y = 4 * u[i + 1] - 2;
                o[2 * i] = y - x * x;
                o[2 * i + 1] = 0.1 * (1 - x);
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
        var space = space(p.n());
        Optimizer opt = Optimizers.create(YamlFile.parse(Path.of("bench.yaml"), yaml), space, seed, slots, p.noisy());
        var noise = new SplittableRandom(seed * 7919 + 1);
        double[] data = p.observables().apply(p.truth());
        record InFlight(Point point, int wave, Score score, double trueScore) {
        }
        var queue = new ArrayDeque<InFlight>();
        int used = 0;
        int toTarget = -1;
        int wavesToTarget = -1;
        long cpu = 0;
        int headWave = 0;
        while (true) {
            if (!opt.done()) {
                int n = Math.min(slots - queue.size(), budget - used);
                if (n > 0) {
                    long t0 = System.nanoTime();
                    var points = opt.ask(n);
                    cpu += System.nanoTime() - t0;
                    for (var point : points) {
                        double[] u = space.toUnit(point);
                        double[] o = p.observables().apply(u);
                        var obs = new ArrayList<Observable>();
                        double chi2 = 0;
                        double var = p.sigmaSim() * p.sigmaSim() + p.sigmaData() * p.sigmaData();
                        for (int k = 0; k < o.length; k++) {
                            double sim = o[k] + (p.noisy() ? p.sigmaSim() * noise.nextGaussian() : 0);
                            obs.add(new Observable("o" + k, sim, p.sigmaSim(), data[k], p.sigmaData()));
                            chi2 += (sim - data[k]) * (sim - data[k]) / var;
                        }
                        var score = new Score(chi2, OptionalDouble.of(Math.sqrt(2 * o.length + 4 * chi2)), Map.of(), obs);
                        queue.add(new InFlight(point, headWave + 1, score, p.trueScore(u)));
                        used++;
                    }
                }
            }
            if (queue.isEmpty()) {
                break;
            }
            var head = queue.poll();
            headWave = head.wave();
            long t0 = System.nanoTime();
            opt.tell(List.of(new Result(head.point(), Optional.of(head.score()))));
            cpu += System.nanoTime() - t0;
            if (toTarget < 0 && head.trueScore() <= 1) {
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
        return new Run(used, toTarget, wavesToTarget, cpu / 1e6 / Math.max(1, used));
    }

    static double median(double[] v) {
        var c = v.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        int off = quick ? 1 : 0;
        int slots = args.length > off ? Integer.parseInt(args[off]) : 8;
        List<Long> seeds = args.length > off + 1 ? List.of(args[off + 1].split(",")).stream().map(Long::parseLong).toList()
            : quick ? List.of(1L, 2L) : List.of(1L, 2L, 3L, 4L, 5L);
        int budget = quick ? 300 : 600;
        var problems = quick ? List.of(linear(4, 8, false, 11), linear(4, 8, true, 11))
            : List.of(linear(4, 8, false, 11), linear(8, 16, false, 12), linear(8, 16, true, 12), rosenbrock(3, false),
                rosenbrock(3, true));
        var optimizers = new LinkedHashMap<String, String>();
        optimizers.put("coordinate-descent", "type: coordinate-descent\nrefinements: 8");
        optimizers.put("cma-es", "type: cma-es");
        optimizers.put("nelder-mead", "type: nelder-mead");
        optimizers.put("bobyqa", "type: bobyqa");
        optimizers.put("bayesian", "type: bayesian");
        optimizers.put("surrogate", "type: surrogate");
        System.out.printf(Locale.ROOT, "slots %d, seeds %s, budget %d%s; target: true chi2 within 1 of the minimum; "
            + "medians over seeds%n", slots, seeds, budget, quick ? " (quick)" : "");
        System.out.println("| problem | optimizer | samples to target | waves to target | reached | CPU ms per sample |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        var ratios = new ArrayList<String>();
        for (var p : problems) {
            double cdMedian = Double.NaN;
            double defaultMedian = Double.NaN;
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
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %d of %d | %.3f |%n", p.name(), o.getKey(),
                    Double.isInfinite(mTo) ? "> " + b : String.format(Locale.ROOT, "%.0f", mTo),
                    Double.isInfinite(mWaves) ? "-" : String.format(Locale.ROOT, "%.0f", mWaves), reached, runs.size(),
                    median(runs.stream().mapToDouble(Run::cpuMillisPerSample).toArray()));
                if (o.getKey().equals("coordinate-descent")) {
                    cdMedian = mTo;
                }
                if (o.getKey().equals(Optimizers.DEFAULT)) {
                    defaultMedian = mTo;
                }
            }
            ratios.add(String.format(Locale.ROOT, "%s: samples-to-target coordinate-descent/default = %s", p.name(),
                Double.isInfinite(cdMedian) ? "> " + String.format(Locale.ROOT, "%.1f", budget / defaultMedian)
                    : String.format(Locale.ROOT, "%.2f", cdMedian / defaultMedian)));
        }
        ratios.forEach(System.out::println);
    }
}
