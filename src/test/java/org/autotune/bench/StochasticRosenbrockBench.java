package org.autotune.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.autotune.YamlFile;
import org.autotune.score.Score;
import org.autotune.optimize.Optimizer;
import org.autotune.optimize.Optimizers;
import org.autotune.optimize.Result;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * The stochastic Rosenbrock problem of the L-GSO paper (Shirobokov et al., NeurIPS 2020): a
 * design ψ ∈ R^10 and a simulator whose every draw is x ~ U(−10, 10), l ~ N(x, 1),
 * y ~ N(l + g(ψ), 0.1 + 0.5 |l|), with g(ψ) = Σ_{i=1..9} (ψ_{i+1} − ψ_i²)² + Σ_{i=1..10} (1 − ψ_i)².
 * The score of a design is the mean of y over the draws of one sample; its expectation is g(ψ)
 * (E[l] = E[x] = 0) and one draw scatters by about 6.6 (Var y = 100/3 + 1 + E[(0.1 + 0.5|l|)²]
 * ≈ 44), so a sample of 100 draws has a standard error of about 0.66. Fresh draws for every sample:
 * the simulator is a black box, its random numbers are not shared between designs.
 *
 * <p>ψ_i ∈ [−5, 5], start ψ = 2 everywhere (g = 45), minimum g = 0 at ψ = 1. Target: g of the
 * optimizer's design below 0.5 within 3 million draws.
 *
 * <p>Side by side on the same seeds (the seed drives both the optimizer and the simulator):
 * {@code local-surrogate} against finite-difference gradient descent, central differences along
 * each axis with the same draws per sample (2 × 10 samples per gradient) and the same Adam step,
 * at equal total draws. Reported per seed and as medians: the draws used until g first fell below
 * the target, and g of the final design.
 *
 * <p>usage: StochasticRosenbrockBench [--quick] [--options='radius: 0.02;batch: 40'] [SEEDS (default
 * 1,2,3,4,5)]; --options are added to local-surrogate's (learning-rate is the shared one, 0.01).
 */
public final class StochasticRosenbrockBench {
    static final int DIMENSION = 10;
    static final double LOWER = -5;
    static final double UPPER = 5;
    static final double START = 2;
    static final double TARGET = 0.5;

    /**
     * One optimizer's run: draws spent, draws until g(design) first fell below TARGET and from when
     * on it stayed there (-1: never), g of the final design.
     */
    record Run(long draws, long drawsToTarget, long drawsToStay, double finalG) {
    }

    /** Watches g of the design after each step: when it first fell below the target, and for good. */
    static final class Watch {
        private long first = -1;
        private long stay = -1;

        void see(long draws, double g) {
            if (g < TARGET) {
                first = first < 0 ? draws : first;
                stay = stay < 0 ? draws : stay;
            } else {
                stay = -1;
            }
        }

        Run run(long draws, double finalG) {
            return new Run(draws, first, stay, finalG);
        }
    }

    /** What both methods share: the draws per sample, the budget in draws, the Adam step (unit cube). */
    record Setup(int drawsPerSample, long budget, double learningRate) {
    }

    private StochasticRosenbrockBench() {
    }

    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        var seeds = Arrays.stream(args).filter(a -> !a.startsWith("--")).findFirst().map(s -> Arrays.stream(
            s.split(",")).mapToLong(Long::parseLong).toArray()).orElse(new long[] {1, 2, 3, 4, 5});
        var setup = new Setup(100, quick ? 1_000_000 : 3_000_000, 0.01);
        String options = "type: local-surrogate\n" + Arrays.stream(args).filter(a -> a.startsWith("--options="))
            .map(a -> a.substring("--options=".length()).replace(";", "\n")).findFirst().orElse("");
        System.out.printf(Locale.ROOT, "stochastic Rosenbrock, %d-D, %d draws per sample, budget %,d draws, "
            + "target g < %.1f%n%n", DIMENSION, setup.drawsPerSample(), setup.budget(), TARGET);
        System.out.println("| method | seed | draws until g < 0.5 first | ... and for good | draws used | final g |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        var surrogate = new ArrayList<Run>();
        var differences = new ArrayList<Run>();
        for (long seed : seeds) {
            var a = localSurrogate(seed, setup, options);
            print("local-surrogate", seed, a);
            surrogate.add(a);
            var b = finiteDifferences(seed, setup, 0.02);
            print("finite differences", seed, b);
            differences.add(b);
        }
        printMedian("local-surrogate", surrogate);
        printMedian("finite differences", differences);
    }

    /** Expected score of design ψ: the Rosenbrock-like valley, minimum 0 at ψ = (1, …, 1). */
    static double g(double[] psi) {
        double s = 0;
        for (int i = 0; i < psi.length; i++) {
            s += (1 - psi[i]) * (1 - psi[i]);
            if (i + 1 < psi.length) {
                double d = psi[i + 1] - psi[i] * psi[i];
                s += d * d;
            }
        }
        return s;
    }

    /** The simulator: counts its draws; one sample is the mean of y over {@code n} draws. */
    static final class Simulator {
        private final SplittableRandom rng;
        private long draws;

        Simulator(long seed) {
            this.rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 11);
        }

        double sample(double[] psi, int n) {
            double g = g(psi);
            double sum = 0;
            for (int k = 0; k < n; k++) {
                double x = -10 + 20 * rng.nextDouble();
                double l = x + rng.nextGaussian();
                sum += l + g + (0.1 + 0.5 * Math.abs(l)) * rng.nextGaussian();
            }
            draws += n;
            return sum / n;
        }

        long draws() {
            return draws;
        }
    }

    static Space space() {
        var params = new ArrayList<Parameter>();
        for (int i = 1; i <= DIMENSION; i++) {
            params.add(new Parameter("psi" + i, ParameterKind.REAL, LOWER, UPPER, START, 0.5, "", "", List.of()));
        }
        return new Space(params);
    }

    /** Runs local-surrogate (noisy scores) with the given options, a whole batch per ask. */
    static Run localSurrogate(long seed, Setup setup, String yaml) {
        var space = space();
        var sim = new Simulator(seed);
        Optimizer opt = Optimizers.create(YamlFile.parse(Path.of("bench.yaml"), yaml
            + "\nlearning-rate: " + setup.learningRate() + "\niterations: 10000000"), space, seed, 1, true);
        var watch = new Watch();
        while (!opt.done()) {
            var points = opt.ask((int) ((setup.budget() - sim.draws()) / setup.drawsPerSample()));
            if (points.isEmpty()) {
                break;
            }
            var results = new ArrayList<Result>();
            for (var p : points) {
                double y = sim.sample(p.values(), setup.drawsPerSample());
                results.add(new Result(p, Optional.of(Score.of(y))));
            }
            opt.tell(results);
            watch.see(sim.draws(), g(opt.estimate().orElseThrow().values()));
        }
        return watch.run(sim.draws(), g(opt.estimate().orElseThrow().values()));
    }

    /**
     * Finite-difference gradient descent: central differences of half-width h along each axis (unit
     * cube), each score a fresh sample of the same number of draws, then an Adam step (Kingma and
     * Ba, arXiv:1412.6980) of the same learning rate, clipped to the cube.
     */
    static Run finiteDifferences(long seed, Setup setup, double h) {
        var sim = new Simulator(seed);
        double[] u = new double[DIMENSION];
        Arrays.fill(u, (START - LOWER) / (UPPER - LOWER));
        double[] m = new double[DIMENSION];
        double[] v = new double[DIMENSION];
        var watch = new Watch();
        for (int t = 1; sim.draws() + 2L * DIMENSION * setup.drawsPerSample() <= setup.budget(); t++) {
            double[] grad = new double[DIMENSION];
            for (int i = 0; i < DIMENSION; i++) {
                double[] up = u.clone();
                double[] down = u.clone();
                up[i] = Math.min(1, u[i] + h);
                down[i] = Math.max(0, u[i] - h);
                grad[i] = (sim.sample(psi(up), setup.drawsPerSample()) - sim.sample(psi(down), setup.drawsPerSample()))
                    / (up[i] - down[i]);
            }
            for (int i = 0; i < DIMENSION; i++) {
                m[i] = 0.9 * m[i] + 0.1 * grad[i];
                v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
                double step = setup.learningRate() * (m[i] / (1 - Math.pow(0.9, t)))
                    / (Math.sqrt(v[i] / (1 - Math.pow(0.999, t))) + 1e-8);
                u[i] = Math.max(0, Math.min(1, u[i] - step));
            }
            watch.see(sim.draws(), g(psi(u)));
        }
        return watch.run(sim.draws(), g(psi(u)));
    }

    private static double[] psi(double[] u) {
        double[] p = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            p[i] = LOWER + u[i] * (UPPER - LOWER);
        }
        return p;
    }

    private static void print(String method, long seed, Run r) {
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %,d | %.3f |%n", method, seed, draws(r.drawsToTarget()),
            draws(r.drawsToStay()), r.draws(), r.finalG());
    }

    private static void printMedian(String method, List<Run> runs) {
        System.out.printf(Locale.ROOT, "| **%s, median** | | %s | %s | | **%.3f** |%n", method,
            draws(median(runs.stream().mapToLong(Run::drawsToTarget))),
            draws(median(runs.stream().mapToLong(Run::drawsToStay))),
            runs.stream().mapToDouble(Run::finalG).sorted().toArray()[runs.size() / 2]);
    }

    /** The median, counting "never" (-1) as the largest. */
    private static long median(java.util.stream.LongStream draws) {
        long[] sorted = draws.map(d -> d < 0 ? Long.MAX_VALUE : d).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static String draws(long d) {
        return d < 0 || d == Long.MAX_VALUE ? "never" : "%,d".formatted(d);
    }
}
