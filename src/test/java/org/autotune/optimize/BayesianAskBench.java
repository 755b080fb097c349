package org.autotune.optimize;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.autotune.YamlFile;
import org.autotune.score.Score;
import org.autotune.space.Point;

/**
 * How the bayesian optimizer's ask grows with the number of results it holds, with noisy scores
 * ({@code bench/bayesian-ask}): for each N, a fresh optimizer learns N results (a noisy quadratic in
 * 4 dimensions, each with its standard error), is asked once to fit its model, then asked and told
 * REPEATS more times; the median of those asks is printed. Sizes are interleaved per repeat round so a
 * busy machine slows all of them alike. The ask's cost is its thread's CPU time (the ask runs on the
 * calling thread), which a loaded machine disturbs far less than the wall time. Uses only what Auto
 * uses (learn), so the same class measures an older build side by side.
 *
 * <p>usage: BayesianAskBench [SIZES (default 300,1000,2000)] [REPEATS (default 5)]
 */
public final class BayesianAskBench {
    private static final int D = 4;
    private static final double SIGMA = 0.3;

    private BayesianAskBench() {
    }

    public static void main(String[] args) {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "300,1000,2000").split(","))
            .mapToInt(Integer::parseInt).toArray();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        var space = CmaEsTest.box(D, -5, 5, 4);
        var cpu = ManagementFactory.getThreadMXBean();
        var times = new double[sizes.length][repeats];
        var checksum = new long[sizes.length];   // of the proposals: equal across builds = the same proposals
        var opts = new ArrayList<Bayesian>();
        var rngs = new ArrayList<SplittableRandom>();
        for (int n : sizes) {
            var rng = new SplittableRandom(n);
            // no stop before the asks are timed: a huge budget and a tiny tolerance
            var yaml = "type: bayesian\nnoisy: yes\nevaluations: 100000\ntolerance: 1e-12";
            var opt = (Bayesian) Optimizers.create(YamlFile.parse(Path.of("bench.yaml"), yaml), space, 5, 1);
            var prior = new ArrayList<Result>();
            for (int i = 0; i < n; i++) {
                var u = new double[D];
                for (int k = 0; k < D; k++) {
                    u[k] = rng.nextDouble();
                }
                prior.add(result(space.fromUnit(u), rng));
            }
            opt.learn(prior);
            opt.tell(opt.ask(1).stream().map(p -> result(p, rng)).toList());   // the first fit, not timed
            opts.add(opt);
            rngs.add(rng);
        }
        for (int r = 0; r < repeats; r++) {
            for (int s = 0; s < sizes.length; s++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                List<Point> asked = opts.get(s).ask(1);
                times[s][r] = (cpu.getCurrentThreadCpuTime() - t0) / 1e6;
                for (var p : asked) {
                    checksum[s] = 31 * checksum[s] + p.asMap().hashCode();
                }
                var rng = rngs.get(s);
                opts.get(s).tell(asked.stream().map(p -> result(p, rng)).toList());
            }
        }
        System.out.println("| results told N | median ask (CPU ms) | asks | proposals checksum |");
        System.out.println("| --- | --- | --- | --- |");
        for (int s = 0; s < sizes.length; s++) {
            var t = times[s].clone();
            Arrays.sort(t);
            System.out.printf(Locale.ROOT, "| %d | %.1f | %d | %016x |%n", sizes[s], t[t.length / 2], repeats,
                checksum[s]);
        }
    }

    private static Result result(Point p, SplittableRandom rng) {
        double s = 0;
        for (int k = 0; k < D; k++) {
            s += (p.get("x" + k) - 1) * (p.get("x" + k) - 1);
        }
        return new Result(p, Optional.of(Score.of(s + SIGMA * rng.nextGaussian(), SIGMA)));
    }
}
