package org.autotune.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.autotune.YamlFile;
import org.autotune.optimize.Optimizer;
import org.autotune.optimize.Optimizers;
import org.autotune.optimize.Result;
import org.autotune.score.Score;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Space;

/**
 * {@code local-surrogate} against central finite-difference gradient descent on the design
 * problem families ({@link DesignProblems}), side by side at equal total draws, 100 draws per
 * sample, both from the same start with the same seed (which drives optimizer and simulator).
 * Finite differences: half-width h = 0.02 of the range along each axis, 2n samples per gradient,
 * an Adam step of 0.01 of the range (Kingma and Ba), clipped to the cube.
 *
 * <p>Reported per problem, medians over the seeds: draws until g fell below the target for good
 * (1 for the embedded problems, 0.5 for rosenbrock-10), the final g, and for the 2-D problems how
 * many seeds end in the global basin.
 *
 * <p>usage: DesignBench [--options='radius: 0.05;min-radius: 0.01'] PROBLEMS SEEDS, e.g.
 * {@code camel,double-well 1,2,3,4,5,6,7,8,9,10}.
 */
public final class DesignBench {
    static final int DRAWS = 100;
    static final double LEARNING_RATE = 0.01;
    static final double H = 0.02;

    /** One run: draws until g stayed below the target (-1: never), final design and its g. */
    record Run(long drawsToStay, double[] design, double finalG) {
    }

    private DesignBench() {
    }

    public static void main(String[] args) {
        String options = "type: local-surrogate\n" + Arrays.stream(args).filter(a -> a.startsWith("--options="))
            .map(a -> a.substring("--options=".length()).replace(";", "\n")).findFirst().orElse("");
        var rest = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        var problems = rest.get(0).split(",");
        long[] seeds = Arrays.stream(rest.get(1).split(",")).mapToLong(Long::parseLong).toArray();
        System.out.println("options: " + options.replace("\n", "; "));
        System.out.println("| problem | method | g below target for good from (median draws) | final g, median (range) "
            + "| global basin |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (var name : problems) {
            var problem = DesignProblems.of(name);
            var surrogate = new ArrayList<Run>();
            var differences = new ArrayList<Run>();
            for (long seed : seeds) {
                surrogate.add(localSurrogate(problem, seed, options));
                differences.add(finiteDifferences(problem, seed));
            }
            print(problem, "local-surrogate", surrogate);
            print(problem, "finite differences", differences);
        }
    }

    static double target(DesignProblems problem) {
        return problem.name().startsWith("embedded") ? 1 : 0.5;
    }

    static Space space(DesignProblems problem) {
        var params = new ArrayList<Parameter>();
        for (int i = 0; i < problem.dimension(); i++) {
            params.add(new Parameter("psi" + (i + 1), ParameterKind.REAL, DesignProblems.LOWER, DesignProblems.UPPER,
                problem.start()[i], 0.5, "", "", List.of()));
        }
        return new Space(params);
    }

    /** Runs local-surrogate (noisy scores) with the given options, a whole batch per ask. */
    static Run localSurrogate(DesignProblems problem, long seed, String yaml) {
        var space = space(problem);
        var rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 11);
        Optimizer opt = Optimizers.create(YamlFile.parse(Path.of("bench.yaml"), yaml
            + "\nlearning-rate: " + LEARNING_RATE + "\niterations: 10000000"), space, seed, 1, true);
        long draws = 0;
        long stay = -1;
        while (!opt.done()) {
            var points = opt.ask((int) ((problem.budget() - draws) / DRAWS));
            if (points.isEmpty()) {
                break;
            }
            var results = new ArrayList<Result>();
            for (var p : points) {
                results.add(new Result(p, Optional.of(Score.of(problem.sample(p.values(), DRAWS, rng)))));
                draws += DRAWS;
            }
            opt.tell(results);
            stay = watch(problem, stay, draws, opt.estimate().orElseThrow().values());
        }
        if (System.getenv("DESIGN_BENCH_TRACE") != null) {
            for (var step : opt.pathSince(0)) {
                if (step.index() % Integer.parseInt(System.getenv("DESIGN_BENCH_TRACE")) == 0) {
                    System.out.printf(Locale.ROOT, "%d %s r=%.4f g=%.3f model=%.3f %s%n", step.index(), step.axis(),
                        step.step(), problem.g().applyAsDouble(step.to().values()), step.toScore(), step.accepted());
                }
            }
        }
        double[] design = opt.estimate().orElseThrow().values();
        return new Run(stay, design, problem.g().applyAsDouble(design));
    }

    /** Central differences of half-width H along each axis (unit cube), then an Adam step. */
    static Run finiteDifferences(DesignProblems problem, long seed) {
        int n = problem.dimension();
        var rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 11);
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = (problem.start()[i] - DesignProblems.LOWER) / (DesignProblems.UPPER - DesignProblems.LOWER);
        }
        double[] m = new double[n];
        double[] v = new double[n];
        long draws = 0;
        long stay = -1;
        for (int t = 1; draws + 2L * n * DRAWS <= problem.budget(); t++) {
            double[] grad = new double[n];
            for (int i = 0; i < n; i++) {
                double[] up = u.clone();
                double[] down = u.clone();
                up[i] = Math.min(1, u[i] + H);
                down[i] = Math.max(0, u[i] - H);
                grad[i] = (problem.sample(psi(up), DRAWS, rng) - problem.sample(psi(down), DRAWS, rng))
                    / (up[i] - down[i]);
                draws += 2 * DRAWS;
            }
            for (int i = 0; i < n; i++) {
                m[i] = 0.9 * m[i] + 0.1 * grad[i];
                v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
                double step = LEARNING_RATE * (m[i] / (1 - Math.pow(0.9, t)))
                    / (Math.sqrt(v[i] / (1 - Math.pow(0.999, t))) + 1e-8);
                u[i] = Math.max(0, Math.min(1, u[i] - step));
            }
            stay = watch(problem, stay, draws, psi(u));
        }
        return new Run(stay, psi(u), problem.g().applyAsDouble(psi(u)));
    }

    private static long watch(DesignProblems problem, long stay, long draws, double[] design) {
        if (problem.g().applyAsDouble(design) < target(problem)) {
            return stay < 0 ? draws : stay;
        }
        return -1;
    }

    private static double[] psi(double[] u) {
        double[] p = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            p[i] = DesignProblems.LOWER + u[i] * (DesignProblems.UPPER - DesignProblems.LOWER);
        }
        return p;
    }

    private static void print(DesignProblems problem, String method, List<Run> runs) {
        long[] stays = runs.stream().mapToLong(r -> r.drawsToStay() < 0 ? Long.MAX_VALUE : r.drawsToStay())
            .sorted().toArray();
        double[] g = runs.stream().mapToDouble(Run::finalG).sorted().toArray();
        long stay = stays[stays.length / 2];
        String basin = problem.multimodal() ? runs.stream().filter(r -> problem.inGlobalBasin(r.design())).count()
            + " of " + runs.size() : "";
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.3f (%.3f-%.3f) | %s |%n", problem.name(), method,
            stay == Long.MAX_VALUE ? "never" : "%,d".formatted(stay), g[g.length / 2], g[0], g[g.length - 1], basin);
    }
}
